package dev.svod.infra;

import dev.svod.functions.api.ApiRoute;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpApiProps;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageProps;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The HTTP API of DESIGN.md ({@link ApiRoute}, the list the API function routes): every route goes
 * to the API function's alias. Never open by accident: with a JWT issuer configured every route
 * requires a valid token for the configured audience, otherwise every route requires SigV4-signed
 * requests (IAM), which is what {@code vod upload --api} sends with the caller's AWS credentials. The stage throttles and writes JSON access logs.
 */
public final class Api extends Construct {

  private final HttpApi api;
  private final HttpStage stage;

  /**
   * @param browserOrigins origins whose pages may call the API (CORS): {@code corsOrigins} and the hosted
   *     console; none = no CORS configuration
   */
  public Api(Construct scope, String id, VodSettings settings, List<String> browserOrigins, IFunction handler) {
    super(scope, id);
    HttpApiProps.Builder props = HttpApiProps.builder()
        .description("Serverless VOD API")
        .createDefaultStage(false)
        .defaultAuthorizer(authorizer(settings));
    if (!browserOrigins.isEmpty()) {
      props.corsPreflight(CorsPreflightOptions.builder()
          .allowOrigins(browserOrigins)
          .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS))
          .allowHeaders(List.of("authorization", "content-type", "x-amz-date", "x-amz-security-token",
              "x-amz-content-sha256"))
          .maxAge(Duration.hours(1))
          .build());
    }
    api = new HttpApi(this, "HttpApi", props.build());

    IAccessLogDestination destination =
        new LogGroupLogDestination(LogGroups.create(this, "AccessLogs", settings, null));
    stage = new HttpStage(this, "DefaultStage", HttpStageProps.builder()
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder()
            .rateLimit(settings.throttleRate())
            .burstLimit(settings.throttleBurst())
            .build())
        .accessLogSettings(new IAccessLogSettings() {
          @Override
          public IAccessLogDestination getDestination() {
            return destination;
          }

          @Override
          public AccessLogFormat getFormat() {
            return AccessLogFormat.custom("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
                + "\"latency\":\"$context.responseLatency\","
                + "\"integrationError\":\"$context.integrationErrorMessage\"}");
          }
        })
        .build());

    HttpLambdaIntegration integration = new HttpLambdaIntegration("ApiFunction", handler);
    for (ApiRoute route : ApiRoute.values()) {
      api.addRoutes(AddRoutesOptions.builder()
          .path(route.path())
          .methods(List.of(HttpMethod.valueOf(route.method())))
          .integration(integration)
          .build());
    }
  }

  private static IHttpRouteAuthorizer authorizer(VodSettings settings) {
    return settings.jwtIssuer().<IHttpRouteAuthorizer>map(issuer -> new HttpJwtAuthorizer("Jwt", issuer,
            HttpJwtAuthorizerProps.builder().jwtAudience(settings.jwtAudiences()).build()))
        .orElseGet(HttpIamAuthorizer::new);
  }

  public HttpApi httpApi() {
    return api;
  }

  /** The invoke URL of the default stage ({@code https://{id}.execute-api.{region}.amazonaws.com/}). */
  public String url() {
    return stage.getUrl();
  }
}
