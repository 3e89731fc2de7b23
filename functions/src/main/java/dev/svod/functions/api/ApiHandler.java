package dev.svod.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.svod.functions.AwsClients;
import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.ingest.SfnWorkflowStarter;
import dev.svod.functions.ingest.WorkflowStarter;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.video.PlaybackSigner;
import dev.svod.functions.video.RetryService;
import dev.svod.functions.video.VideoService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The HTTP API function (API Gateway HTTP API, payload format 2.0): translates the event for
 * {@link ApiRouter} and its answer back. One function serves every route.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ApiRouter router;

  /** Lambda entry: real clients from the environment, built once per cold start. */
  public ApiHandler() {
    this(VodConfig.fromEnvironment());
  }

  private ApiHandler(VodConfig config) {
    this(AwsClients.s3(config), AwsClients.presigner(config), AwsClients.dynamoDb(config),
        new SfnWorkflowStarter(AwsClients.stepFunctions(config), config.stateMachineArn()), config,
        signerFromEnvironment(config));
  }

  /**
   * For tests and the local runtime: unsigned playback URLs.
   *
   * @param workflow how a retry of failed renditions starts its execution
   */
  public ApiHandler(S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb, WorkflowStarter workflow,
      VodConfig config) {
    this(s3, presigner, dynamoDb, workflow, config, null);
  }

  /** For tests and the local runtime: playback URLs signed by {@code signer} when not null. */
  public ApiHandler(S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb, WorkflowStarter workflow,
      VodConfig config, PlaybackSigner signer) {
    Catalog catalog = new Catalog(dynamoDb, config.tableName());
    this.router = new ApiRouter(
        new UploadService(catalog, s3, presigner, config, Clock.systemUTC()),
        new VideoService(catalog, s3, config, signer),
        new RetryService(catalog, new OutputStore(s3), workflow, config));
  }

  /** The signer when signed playback is configured; its key is read from Secrets Manager on first use. */
  private static PlaybackSigner signerFromEnvironment(VodConfig config) {
    return PlaybackSigner.fromEnvironment(System.getenv(), secretArn -> {
      try (SecretsManagerClient secrets = AwsClients.secretsManager(config)) {
        return PlaybackSigner.secretsManager(secrets).apply(secretArn);
      }
    }).orElse(null);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod() : "GET";
    ApiResponse response = router.handle(method, pathWithoutStage(event), query(event), body(event));
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("cache-control", "no-store");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(headers)
        .withBody(response.body() == null ? "" : response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  /** With a named stage, API Gateway puts {@code /{stage}} in front of the raw path. */
  private static String pathWithoutStage(APIGatewayV2HTTPEvent event) {
    String path = event.getRawPath() == null ? "/" : event.getRawPath();
    String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
    if (stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
      return path.substring(stage.length() + 1);
    }
    return path;
  }

  private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
    return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
  }

  private static String body(APIGatewayV2HTTPEvent event) {
    if (event.getBody() == null) {
      return null;
    }
    return event.getIsBase64Encoded()
        ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
        : event.getBody();
  }
}
