package dev.svod.functions.transcode;

import dev.svod.functions.AwsClients;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.workflow.JsonTaskHandler;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.EncodeOptions;
import dev.svod.media.RenditionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The MediaConvert backend's first half: marks the group's unfinished renditions PROCESSING and
 * returns the CreateJob settings for them; the state machine then runs
 * {@code mediaconvert:createJob.sync} and the publish step measures the output. When every rendition
 * of the group is already DONE, {@code needed} is false and the job is skipped.
 */
public final class MediaConvertJobHandler extends JsonTaskHandler<TranscodeJob, MediaConvertJobHandler.Result> {

  /**
   * @param needed whether anything is left to encode
   * @param settings CreateJob {@code Settings}, empty when nothing is needed
   * @param renditions the renditions the job encodes
   */
  public record Result(boolean needed, Map<String, Object> settings, List<String> renditions) {}

  private final Catalog catalog;
  private final MediaConvertJobBuilder builder;

  /** Lambda entry: real clients from the environment. */
  public MediaConvertJobHandler() {
    this(VodConfig.fromEnvironment());
  }

  private MediaConvertJobHandler(VodConfig config) {
    this(AwsClients.dynamoDb(config), config);
  }

  /** For tests and the local runtime. */
  public MediaConvertJobHandler(DynamoDbClient dynamoDb, VodConfig config) {
    super(TranscodeJob.class);
    this.catalog = new Catalog(dynamoDb, config.tableName());
    this.builder = new MediaConvertJobBuilder(config.outputBucket(), EncodeOptions.defaults());
  }

  @Override
  protected Result handle(TranscodeJob job) {
    if (job == null || job.videoId() == null || job.source() == null || job.group() == null) {
      throw new InvalidRequestException("INVALID_TASK_INPUT", "a MediaConvert job needs videoId, source and group");
    }
    List<RenditionSpec> todo = new ArrayList<>();
    for (RenditionSpec spec : job.group().renditions()) {
      RenditionItem item = catalog.findRendition(job.videoId(), spec.name()).orElseThrow(() ->
          new InvalidRequestException("INVALID_TASK_INPUT", "rendition " + spec.name() + " was never planned"));
      if (!RenditionStatus.DONE.name().equals(item.getStatus())) {
        int attempts = item.getAttempts() == null ? 0 : item.getAttempts();
        catalog.transitionRendition(job.videoId(), spec.name(), RenditionStatus.PROCESSING, r -> {
          r.setAttempts(attempts + 1);
          r.setProgress(0);
        });
        todo.add(spec);
      }
    }
    if (todo.isEmpty()) {
      return new Result(false, Map.of(), List.of());
    }
    return new Result(true, builder.settings(job, todo), todo.stream().map(RenditionSpec::name).toList());
  }
}
