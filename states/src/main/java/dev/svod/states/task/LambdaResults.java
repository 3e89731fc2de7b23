package dev.svod.states.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.asl.Json;

/** Shapes results and errors the way AWS's Lambda integrations do. */
public final class LambdaResults {
  private LambdaResults() {}

  /**
   * The result of {@code arn:aws:states:::lambda:invoke}: the function's response under
   * {@code Payload}, with {@code StatusCode} 200 and the SDK metadata AWS adds.
   */
  public static JsonNode invokeResult(JsonNode payload) {
    ObjectNode out = Json.object();
    out.put("ExecutedVersion", "$LATEST");
    out.set("Payload", payload);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    http.putObject("HttpHeaders").put("Content-Type", "application/json");
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", java.util.UUID.randomUUID().toString());
    out.put("StatusCode", 200);
    return out;
  }

  /**
   * A function error as AWS reports it: the error name is the function's errorType (what
   * Retry/Catch match), the cause the JSON document Lambda returned.
   */
  public static TaskFailedException functionError(String errorType, String errorMessage) {
    ObjectNode cause = Json.object();
    cause.put("errorMessage", errorMessage);
    cause.put("errorType", errorType);
    cause.putArray("stackTrace");
    return new TaskFailedException(errorType, Json.write(cause));
  }

  /** A function error from a Java exception, named by its class as the Java Lambda runtime does. */
  public static TaskFailedException functionError(Throwable error) {
    return functionError(error.getClass().getName(), String.valueOf(error.getMessage()));
  }
}
