package dev.svod.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketProps;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The three buckets: sources (browser multipart uploads under {@code uploads/}), HLS output (read
 * by CloudFront only, under {@code v/}) and the access logs of both buckets and the distribution.
 * All private, Block Public Access, TLS-only, encrypted at rest (SSE-S3: no KMS key to pay for or
 * to grant CloudFront; SSE-KMS would need both).
 */
public final class Storage extends Construct {

  /** Key prefix of uploaded sources; the ingest notification filters on it. */
  public static final String UPLOADS_PREFIX = "uploads/";
  /** Key prefix of the HLS output; CloudFront serves it under the same path. */
  public static final String OUTPUT_PREFIX = "v/";

  private final Bucket accessLogs;
  private final Bucket source;
  private final Bucket output;

  public Storage(Construct scope, String id, VodSettings settings) {
    super(scope, id);
    RemovalPolicy removal = settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // CloudFront standard logging still writes with ACLs, hence BUCKET_OWNER_PREFERRED here only.
    // S3 server access logging requires SSE-S3 on the target bucket.
    accessLogs = new Bucket(this, "AccessLogs", secure(removal, settings)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
        .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
            .expiration(Duration.days(90)).build()))
        .build());
    Nag.suppress(accessLogs, "AwsSolutions-S1",
        "This is the access-log bucket itself; logging it into itself would loop and another log bucket adds nothing.");

    List<LifecycleRule> sourceRules = new ArrayList<>(List.of(abortIncompleteUploads()));
    settings.archiveClass().ifPresent(storageClass -> sourceRules.add(LifecycleRule.builder()
        .id("archive-sources")
        .prefix(UPLOADS_PREFIX)
        .transitions(List.of(Transition.builder().storageClass(storageClass)
            .transitionAfter(Duration.days(settings.archiveAfterDays())).build()))
        .build()));
    BucketProps.Builder sourceProps = secure(removal, settings)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix("s3/source/")
        .lifecycleRules(sourceRules);
    source = new Bucket(this, "Source", sourceProps.build());

    output = new Bucket(this, "Output", secure(removal, settings)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix("s3/output/")
        .lifecycleRules(List.of(abortIncompleteUploads()))
        .build());

    if (settings.destroyOnDelete()) {
      // autoDeleteObjects is implemented by one CDK custom-resource provider at the stack's root.
      Nag.stackSingletons(this, "Custom::S3AutoDeleteObjects").forEach(provider -> {
        Nag.suppressBasicExecutionRole(provider,
            "CDK's auto-delete-objects provider (deploy/destroy time only, enabled by destroyData=true)");
        Nag.suppress(provider, "AwsSolutions-L1",
            "CDK's auto-delete-objects provider picks its own Node.js runtime; it is not application code.");
      });
    }
  }

  /**
   * Lets browsers on {@code origins} (the configured {@code corsOrigins} and the hosted console) upload:
   * they PUT parts straight to presigned URLs and must read each part's ETag to complete. Nothing
   * without origins.
   */
  public void allowBrowserUploads(List<String> origins) {
    if (origins.isEmpty()) {
      return;
    }
    source.addCorsRule(CorsRule.builder()
        .allowedOrigins(origins)
        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
        .allowedHeaders(List.of("*"))
        .exposedHeaders(List.of("ETag"))
        .maxAge(3000)
        .build());
  }

  /** Private, Block Public Access, TLS-only, SSE-S3, removed (and emptied) with the stack only on request. */
  static BucketProps.Builder secure(RemovalPolicy removal, VodSettings settings) {
    return BucketProps.builder()
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .minimumTlsVersion(1.2)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .removalPolicy(removal)
        .autoDeleteObjects(settings.destroyOnDelete());
  }

  /** Parts of abandoned multipart uploads are invisible and billed; S3 drops them after a day. */
  private static LifecycleRule abortIncompleteUploads() {
    return LifecycleRule.builder()
        .id("abort-incomplete-multipart-uploads")
        .abortIncompleteMultipartUploadAfter(Duration.days(1))
        .build();
  }

  public IBucket accessLogs() {
    return accessLogs;
  }

  public IBucket source() {
    return source;
  }

  public IBucket output() {
    return output;
  }
}
