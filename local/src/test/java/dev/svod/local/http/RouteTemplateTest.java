package dev.svod.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

  @Test
  void matchesLiteralAndParameterSegments() {
    RouteTemplate route = RouteTemplate.parse("POST /uploads/{uploadId}/complete");
    assertThat(route.match("POST", "/uploads/u%2B1/complete")).hasValueSatisfying(m -> {
      assertThat(m.routeKey()).isEqualTo("POST /uploads/{uploadId}/complete");
      assertThat(m.pathParameters()).isEqualTo(Map.of("uploadId", "u+1"));
    });
    assertThat(route.match("GET", "/uploads/u1/complete")).isEmpty();
    assertThat(route.match("POST", "/uploads/u1")).isEmpty();
    assertThat(route.match("POST", "/uploads/u1/complete/more")).isEmpty();
  }

  @Test
  void greedyParametersTakeTheRest() {
    RouteTemplate route = RouteTemplate.parse("ANY /files/{proxy+}");
    assertThat(route.match("DELETE", "/files/a/b c")).hasValueSatisfying(
        m -> assertThat(m.pathParameters()).containsEntry("proxy", "a/b c"));
  }
}
