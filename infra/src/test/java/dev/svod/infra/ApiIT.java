package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.api.ApiRoute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class ApiIT {

  private final Template template = Synthesized.full().template;

  private static List<String> routeKeys(Template template) {
    return resources(template, "AWS::ApiGatewayV2::Route").values().stream()
        .map(r -> (String) at(r, "Properties", "RouteKey")).toList();
  }

  @Test
  void apiServesExactlyTheDesignRoutes() {
    assertThat(routeKeys(template))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ApiRoute.values()).map(ApiRoute::key).toList())
        .contains("POST /uploads/{uploadId}/complete", "GET /videos/{videoId}");
  }

  @Test
  void withAnIssuerEveryRouteRequiresAJwtForTheAudience() {
    Map<String, Object> authorizer = properties(template, "AWS::ApiGatewayV2::Authorizer", "Api");

    assertThat(authorizer.get("AuthorizerType")).isEqualTo("JWT");
    assertThat(authorizer.get("JwtConfiguration"))
        .isEqualTo(Map.of("Issuer", Synthesized.ISSUER, "Audience", List.of(Synthesized.AUDIENCE)));
    resources(template, "AWS::ApiGatewayV2::Route").values().forEach(route ->
        assertThat((Object) at(route, "Properties", "AuthorizationType")).isEqualTo("JWT"));
  }

  @Test
  void withoutAnIssuerEveryRouteRequiresIamSignatures() {
    Template minimal = Synthesized.minimal().template;

    assertThat(routeKeys(minimal)).hasSize(ApiRoute.values().length);
    resources(minimal, "AWS::ApiGatewayV2::Route").values().forEach(route ->
        assertThat((Object) at(route, "Properties", "AuthorizationType")).isEqualTo("AWS_IAM"));
    assertThat(properties(minimal, "AWS::ApiGatewayV2::Api", "Api")).doesNotContainKey("CorsConfiguration");
  }

  @Test
  void stageThrottlesAndLogsAccessAndCorsAllowsOnlyConfiguredOrigins() {
    Map<String, Object> stage = properties(template, "AWS::ApiGatewayV2::Stage", "Api");
    assertThat(stage.get("StageName")).isEqualTo("$default");
    assertThat(stage.get("AutoDeploy")).isEqualTo(true);
    assertThat((Object) at(stage, "DefaultRouteSettings", "ThrottlingRateLimit")).isEqualTo(50);
    assertThat((Object) at(stage, "DefaultRouteSettings", "ThrottlingBurstLimit")).isEqualTo(100);
    assertThat((Object) at(stage, "AccessLogSettings", "Format")).asString().contains("$context.requestId");

    Map<String, Object> api = properties(template, "AWS::ApiGatewayV2::Api", "Api");
    assertThat((Object) at(api, "CorsConfiguration", "AllowOrigins"))
        .isEqualTo(List.of(Synthesized.ORIGIN, "http://localhost:8080"));
  }

  @Test
  void everyRouteInvokesTheApiFunctionsAlias() {
    Map<String, Object> integration = properties(template, "AWS::ApiGatewayV2::Integration", "Api");

    assertThat(integration.get("IntegrationType")).isEqualTo("AWS_PROXY");
    assertThat(integration.get("PayloadFormatVersion")).isEqualTo("2.0");
    assertThat(integration.get("IntegrationUri").toString()).contains("FunctionsApiAlias");
    assertThat(resources(template, "AWS::ApiGatewayV2::Integration")).hasSize(1);
  }
}
