package dev.svod.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
}
