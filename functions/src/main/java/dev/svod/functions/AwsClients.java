package dev.svod.functions;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the real SDK clients of the no-arg handler constructors, once per cold start: explicit
 * region, the default credentials chain, the light url-connection HTTP client ({@link RetryableUrlConnectionHttpClient}). Endpoints come from
 * the SDK's own {@code AWS_ENDPOINT_URL[_service]} variables, so LocalStack and the local runtime
 * need no code here; only S3 path-style addressing is ours ({@link VodConfig#s3PathStyle()}).
 */
public final class AwsClients {
  private AwsClients() {}

  public static S3Client s3(VodConfig config) {
    return configured(S3Client.builder(), config).forcePathStyle(config.s3PathStyle()).build();
  }

  /**
   * The presigner. It does not read the endpoint variables in every SDK version, so an S3 endpoint
   * from {@code AWS_ENDPOINT_URL_S3} (or {@code AWS_ENDPOINT_URL}) is passed explicitly.
   */
  public static S3Presigner presigner(VodConfig config) {
    S3Presigner.Builder builder = S3Presigner.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.s3PathStyle()).build());
    s3EndpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public static DynamoDbClient dynamoDb(VodConfig config) {
    return configured(DynamoDbClient.builder(), config).build();
  }

  public static SfnClient stepFunctions(VodConfig config) {
    return configured(SfnClient.builder(), config).build();
  }

  public static SecretsManagerClient secretsManager(VodConfig config) {
    return configured(SecretsManagerClient.builder(), config).build();
  }

  /** Region, credentials and HTTP client, the same for every client. */
  private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configured(B builder,
      VodConfig config) {
    return builder.region(Region.of(config.region()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(RetryableUrlConnectionHttpClient.create());
  }

  private static Optional<URI> s3EndpointOverride() {
    String value = System.getenv("AWS_ENDPOINT_URL_S3");
    if (value == null || value.isBlank()) {
      value = System.getenv("AWS_ENDPOINT_URL");
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
  }
}
