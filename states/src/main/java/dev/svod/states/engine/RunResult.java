package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** How a run ended: SUCCEEDED with output, FAILED / TIMED_OUT / ABORTED with error and cause. */
public record RunResult(String status, JsonNode output, String error, String cause) {
  public static RunResult succeeded(JsonNode output) {
    return new RunResult("SUCCEEDED", output, null, null);
  }

  public static RunResult failed(String error, String cause) {
    return new RunResult("FAILED", null, error, cause);
  }
}
