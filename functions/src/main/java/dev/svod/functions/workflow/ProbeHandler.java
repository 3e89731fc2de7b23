package dev.svod.functions.workflow;

import dev.svod.functions.AwsClients;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.workflow.TaskModels.ProbeInput;
import dev.svod.functions.workflow.TaskModels.ProbeResult;
import dev.svod.media.MediaProber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Workflow task: probe the source (bad media fails the video). See {@link SourceProbe}. Unlike the
 * other steps it needs no S3 client, only a presigner: ffprobe itself reads the source.
 */
public final class ProbeHandler extends JsonTaskHandler<ProbeInput, ProbeResult> {
  private final SourceProbe probe;

  /** Lambda entry: real clients from the environment, built once per cold start. */
  public ProbeHandler() {
    this(VodConfig.fromEnvironment());
  }

  private ProbeHandler(VodConfig config) {
    this(AwsClients.presigner(config), AwsClients.dynamoDb(config), config);
  }

  /** For tests and the local runtime. */
  public ProbeHandler(S3Presigner presigner, DynamoDbClient dynamoDb, VodConfig config) {
    super(ProbeInput.class);
    this.probe = new SourceProbe(new Catalog(dynamoDb, config.tableName()), presigner, MediaProber::new);
  }

  @Override
  protected ProbeResult handle(ProbeInput request) {
    return probe.probe(request);
  }
}
