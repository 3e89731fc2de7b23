package dev.svod.local.contract;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The SDK clients a {@link Backend} hands the scenarios, pointed at its services. */
record SdkClients(S3Client s3, DynamoDbClient dynamoDb, SfnClient stepFunctions)
    implements AutoCloseable {

  @Override
  public void close() {
    s3.close();
    dynamoDb.close();
    stepFunctions.close();
  }
}
