package dev.svod.local;

import dev.svod.functions.RetryableUrlConnectionHttpClient;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The fixed credentials and region of the local runtime. The embedded S3 checks SigV4 signatures
 * against them (so presigned URLs are verified as on AWS); the other local services accept them.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey, Region region) {

  /** What {@code vod local} uses and prints for the AWS CLI/SDK. */
  public static final LocalCredentials DEFAULT =
      new LocalCredentials("vodlocal", "vodlocalsecret", Region.US_EAST_1);

  /** An SDK credentials provider returning these credentials. */
  public StaticCredentialsProvider provider() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  /**
   * Builds an SDK client of the local service at {@code endpoint} with these credentials, their
   * region and the light URL-connection HTTP client; the caller closes it.
   */
  public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint) {
    return builder.endpointOverride(endpoint).region(region).credentialsProvider(provider())
        .httpClient(RetryableUrlConnectionHttpClient.create()).build();
  }
}
