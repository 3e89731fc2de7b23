package dev.svod.local.contract;

import dev.svod.local.contract.localstack.LocalStackDeployer;
import dev.svod.local.contract.localstack.LocalStackStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The stack deployed into a LocalStack container ({@link LocalStackStack}). */
final class LocalStackBackend implements Backend {

  private final LocalStackStack stack;
  private final LocalStackDeployer.Deployment deployment;
  private final SdkClients clients;
  private final LambdaClient lambda;

  private LocalStackBackend(LocalStackStack stack) {
    this.stack = stack;
    this.deployment = stack.deployment();
    URI endpoint = stack.endpoint();
    String region = stack.region();
    this.clients = new SdkClients(
        LocalStackDeployer.client(S3Client.builder().forcePathStyle(true), endpoint, region),
        LocalStackDeployer.client(DynamoDbClient.builder(), endpoint, region),
        LocalStackDeployer.client(SfnClient.builder(), endpoint, region));
    this.lambda = LocalStackDeployer.client(LambdaClient.builder(), endpoint, region);
  }

  static LocalStackBackend start(Path lambdaPackage) {
    return new LocalStackBackend(LocalStackStack.start(lambdaPackage));
  }

  @Override
  public String name() {
    return "LocalStack at " + stack.publicEndpoint();
  }

  @Override
  public URI api() {
    return URI.create(deployment.apiUrl());
  }

  @Override
  public SdkClients clients() {
    return clients;
  }

  @Override
  public String sourceBucket() {
    return deployment.sourceBucket();
  }

  @Override
  public String outputBucket() {
    return deployment.outputBucket();
  }

  @Override
  public String table() {
    return deployment.tableName();
  }

  @Override
  public String stateMachineArn() {
    return deployment.stateMachineArn();
  }

  @Override
  public String region() {
    return stack.region();
  }

  /** Invokes the deployed ingest function synchronously, as S3 would invoke it again. */
  @Override
  public String deliverS3Event(String eventJson) {
    return LocalStackDeployer.invoke(lambda, deployment.ingestFunction(), eventJson);
  }

  /** Lambda containers start cold (Java, FFmpeg extracted to /tmp) on a busy Docker host. */
  @Override
  public Duration processingDeadline() {
    return Duration.ofMinutes(10);
  }

  @Override
  public void close() {
    clients.close();
    lambda.close();
    stack.close();
  }
}
