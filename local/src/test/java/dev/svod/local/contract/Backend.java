package dev.svod.local.contract;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One running deployment of the whole stack that {@link VodContract} drives: the embedded runtime
 * ({@code vod local}) or the stack deployed into LocalStack. The scenarios only talk to what a user
 * of that deployment has: the HTTP API, the playback URLs it returns, and the AWS SDK pointed at
 * the deployment's S3, DynamoDB and Step Functions.
 */
public interface Backend extends AutoCloseable {

  /** Shown in test names and failure messages. */
  String name();

  /** The HTTP API base URL (routes of DESIGN.md below it), e.g. {@code http://127.0.0.1:8642/api}. */
  URI api();

  /** SDK clients for the deployment's S3 (path-style), DynamoDB and Step Functions. */
  SdkClients clients();

  default S3Client s3() {
    return clients().s3();
  }

  default DynamoDbClient dynamoDb() {
    return clients().dynamoDb();
  }

  default SfnClient stepFunctions() {
    return clients().stepFunctions();
  }

  /** The bucket uploads arrive in ({@code uploads/{videoId}/source}). */
  String sourceBucket();

  /** The bucket HLS output is written to ({@code v/{videoId}/...}). */
  String outputBucket();

  /** The catalog table ({@link dev.svod.functions.catalog.CatalogSchema}). */
  String table();

  /** The VOD state machine; executions are named after their video. */
  String stateMachineArn();

  /** The region the deployment's S3 events carry. */
  String region();

  /**
   * Delivers an S3 event notification document to the ingest function once more, synchronously,
   * as S3 does when it repeats a delivery (at-least-once).
   *
   * @return the function's JSON answer
   */
  String deliverS3Event(String eventJson);

  /** The longest a short clip may take from completed upload to a final status here. */
  Duration processingDeadline();

  /** Stops what the backend started (and deletes what it deployed, where that is needed). */
  @Override
  void close();
}
