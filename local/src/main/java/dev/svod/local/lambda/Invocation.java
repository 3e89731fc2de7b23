package dev.svod.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The outcome of a synchronous (RequestResponse) invocation, as the Lambda Invoke API returns it:
 * the response payload and, when the function failed, {@code X-Amz-Function-Error: Unhandled}
 * with the payload {@code {"errorMessage", "errorType", "stackTrace"}}.
 */
public record Invocation(String payload, boolean functionError) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The payload parsed as JSON. */
  public JsonNode json() {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("Function returned invalid JSON: " + payload, e);
    }
  }

  /** The function error's {@code errorType}; only meaningful when {@link #functionError()}. */
  public String errorType() {
    return json().path("errorType").asText("Unhandled");
  }

  /** The function error's {@code errorMessage}; only meaningful when {@link #functionError()}. */
  public String errorMessage() {
    return json().path("errorMessage").asText("");
  }
}
