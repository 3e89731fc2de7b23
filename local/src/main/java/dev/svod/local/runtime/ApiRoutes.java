package dev.svod.local.runtime;

import dev.svod.local.http.RouteTemplate;
import java.util.List;

/**
 * The routes of the HTTP API (DESIGN.md, "HTTP API"), the same route keys the CDK API defines, so
 * the API function sees the same {@code routeKey} locally as on AWS.
 */
public final class ApiRoutes {
  private ApiRoutes() {}

  /** Every route, as route keys. */
  public static final List<String> ROUTE_KEYS =
      List.of(
          "POST /uploads",
          "GET /uploads/{uploadId}",
          "POST /uploads/{uploadId}/parts",
          "POST /uploads/{uploadId}/complete",
          "DELETE /uploads/{uploadId}",
          "GET /videos",
          "GET /videos/{videoId}",
          "DELETE /videos/{videoId}");

  /** The routes, parsed. */
  public static List<RouteTemplate> templates() {
    return ROUTE_KEYS.stream().map(RouteTemplate::parse).toList();
  }
}
