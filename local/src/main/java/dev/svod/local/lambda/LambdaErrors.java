package dev.svod.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * Function errors in the shape the Lambda Java runtime reports them, so that Step Functions'
 * Retry/Catch match the same names locally as on AWS. The runtime (aws-lambda-java-runtime-
 * interface-client, {@code UserFault.makeUserFault}) uses {@code Throwable.getClass().getName()},
 * i.e. the fully qualified class name ({@code $} for nested classes), as {@code errorType}, the
 * message (or the class name when there is none) as {@code errorMessage}, and the frames as
 * {@code stackTrace}.
 */
public final class LambdaErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaErrors() {}

  /** An unhandled exception thrown by a handler. */
  public static String unhandled(Throwable error) {
    ObjectNode body = JSON.createObjectNode();
    String message = error.getLocalizedMessage();
    body.put("errorMessage", message == null ? error.getClass().getName() : message);
    body.put("errorType", error.getClass().getName());
    ArrayNode trace = body.putArray("stackTrace");
    for (StackTraceElement frame : error.getStackTrace()) {
      trace.add(frame.toString());
    }
    return body.toString();
  }

  /** A handler that ran past the function timeout (Lambda stops the sandbox). */
  public static String timedOut(String requestId, Duration timeout) {
    ObjectNode body = JSON.createObjectNode();
    body.put(
        "errorMessage",
        String.format(
            "%s Task timed out after %.2f seconds", requestId, timeout.toMillis() / 1000.0));
    body.put("errorType", "Sandbox.Timedout");
    return body.toString();
  }
}
