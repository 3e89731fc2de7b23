package dev.svod.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
  // Routing errors are answered before any service is used.
  private final ApiRouter router = new ApiRouter(null, null, null);

  @Test
  void answersUnknownRoutesWith404Json() {
    ApiResponse response = router.handle("GET", "/nope", Map.of(), null);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("\"code\":\"ROUTE_NOT_FOUND\"");
  }

  @Test
  void answersWrongMethodsWith405Json() {
    ApiResponse response = router.handle("PUT", "/videos/abc", Map.of(), null);
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.body()).startsWith("{\"error\":{\"code\":\"METHOD_NOT_ALLOWED\"");
  }

  @Test
  void rejectsIdsThatAreNotUrlSafe() {
    assertThat(router.handle("GET", "/videos/a.b", Map.of(), null).status()).isEqualTo(404);
  }

  @Test
  void servesEveryRouteOfTheSharedList() {
    for (ApiRoute route : ApiRoute.values()) {
      String path = route.path().replaceAll("\\{[A-Za-z]+}", "abc123");
      // Matched routes reach their service, which is missing here: 500, never 404/405.
      assertThat(router.handle(route.method(), path, Map.of(), null).status()).as(route.key()).isEqualTo(500);
    }
  }
}
