package dev.svod.functions.api;

import dev.svod.functions.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer of the API, independent of API Gateway types.
 *
 * @param status HTTP status
 * @param body JSON body, or null for 204
 */
public record ApiResponse(int status, String body) {

  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, Json.write(value));
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  /** {@code {"error": {"code": ..., "message": ...}}}. */
  public static ApiResponse error(int status, String code, String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    return json(status, Map.of("error", error));
  }
}
