package dev.svod.local.contract;

import dev.svod.functions.FunctionSpec;
import dev.svod.local.LocalCredentials;
import dev.svod.local.lambda.Invocation;
import dev.svod.local.runtime.FunctionHosting;
import dev.svod.local.runtime.LocalRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The embedded runtime ({@code vod local}) started in this JVM through its Java API, on a fresh data
 * directory and free ports; the SDK clients use the endpoints and credentials it prints.
 */
final class EmbeddedBackend implements Backend {

  private final LocalRuntime runtime;
  private final SdkClients clients;

  private EmbeddedBackend(LocalRuntime runtime) {
    this.runtime = runtime;
    LocalCredentials credentials = runtime.credentials();
    var endpoints = runtime.endpoints();
    this.clients = new SdkClients(
        credentials.client(S3Client.builder().forcePathStyle(true), endpoints.s3()),
        credentials.client(DynamoDbClient.builder(), endpoints.dynamoDb()),
        credentials.client(SfnClient.builder(), endpoints.stepFunctions()));
  }

  /**
   * Starts the runtime under {@code dataDir} on free ports with two transcode workers (the CI
   * machines have two cores).
   */
  static EmbeddedBackend start(Path dataDir) {
    return new EmbeddedBackend(LocalRuntime.start(LocalRuntime.Options.of(dataDir, 0)
        .withTranscodeWorkers(2)));
  }

  @Override
  public String name() {
    return "embedded runtime at " + runtime.endpoints().http();
  }

  @Override
  public URI api() {
    return runtime.endpoints().api();
  }

  @Override
  public SdkClients clients() {
    return clients;
  }

  @Override
  public String sourceBucket() {
    return runtime.config().sourceBucket();
  }

  @Override
  public String outputBucket() {
    return runtime.config().outputBucket();
  }

  @Override
  public String table() {
    return runtime.config().tableName();
  }

  @Override
  public String stateMachineArn() {
    return runtime.stateMachineArn();
  }

  @Override
  public String region() {
    return runtime.config().region();
  }

  /** Invokes the hosted ingest function as the runtime's own S3 notifications do. */
  @Override
  public String deliverS3Event(String eventJson) {
    Invocation result = runtime.lambda().invoke(FunctionHosting.functionName(FunctionSpec.INGEST),
        eventJson);
    if (result.functionError()) {
      throw new AssertionError("ingest failed: " + result.errorType() + ": "
          + result.errorMessage());
    }
    return result.payload();
  }

  @Override
  public Duration processingDeadline() {
    return Duration.ofMinutes(3);
  }

  @Override
  public void close() {
    clients.close();
    runtime.close();
  }
}
