package dev.svod.infra;

import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.constructs.Construct;

/**
 * S3 tells the ingest function about every object created under {@code uploads/} (a completed
 * multipart upload is one such event); the function starts one workflow execution per video and is
 * idempotent, since S3 may deliver an event more than once.
 */
public final class Ingest extends Construct {

  public Ingest(Construct scope, String id, IBucket source, IFunction ingest) {
    super(scope, id);
    source.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(ingest),
        NotificationKeyFilter.builder().prefix(Storage.UPLOADS_PREFIX).build());
    // CDK implements bucket notifications with one singleton Lambda at the stack's root.
    Nag.stackSingletons(this, "BucketNotificationsHandler").forEach(handler -> {
      Nag.suppressBasicExecutionRole(handler, "CDK's bucket-notifications handler");
      Nag.suppressOnly(handler, "AwsSolutions-IAM5",
          "s3:PutBucketNotification has no narrower resource in CDK's notifications handler; it only runs "
              + "at deploy time.", "^Resource::\\*$");
    });
  }
}
