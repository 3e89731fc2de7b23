package dev.svod.functions.transcode;

import dev.svod.functions.AwsClients;
import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.workflow.JsonTaskHandler;
import dev.svod.functions.workflow.TaskModels.TranscodeResult;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.EncodeOptions;
import dev.svod.media.HlsTranscoder;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The FFmpeg Lambda backend: one transcode group per invocation ({@link GroupTranscoder}). */
public final class TranscodeHandler extends JsonTaskHandler<TranscodeJob, TranscodeResult> {
  private final GroupTranscoder transcoder;

  /** Lambda entry: real clients from the environment. */
  public TranscodeHandler() {
    this(VodConfig.fromEnvironment());
  }

  private TranscodeHandler(VodConfig config) {
    this(AwsClients.s3(config), AwsClients.dynamoDb(config), config);
  }

  /** For tests and the local runtime. */
  public TranscodeHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(TranscodeJob.class);
    this.transcoder = groupTranscoder(s3, dynamoDb, config);
  }

  /** The transcoder every FFmpeg backend uses, with the bundled FFmpeg located on first use. */
  static GroupTranscoder groupTranscoder(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    return new GroupTranscoder(new Catalog(dynamoDb, config.tableName()), new OutputStore(s3),
        config.outputBucket(), HlsTranscoder::new, EncodeOptions.defaults(), Clock.systemUTC());
  }

  @Override
  protected TranscodeResult handle(TranscodeJob job) {
    return transcoder.run(job);
  }
}
