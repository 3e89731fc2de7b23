package dev.svod.functions.video;

import dev.svod.functions.Ids;
import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.VodException;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.ingest.WorkflowStarter;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.workflow.WorkflowInput;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retries the FAILED renditions of a PARTIALLY_READY video (e.g. after a Fargate capacity outage
 * outlasted the workflow's own retries) by running the workflow once more on the stored source.
 *
 * <p>The video stays PARTIALLY_READY, and playable, meanwhile; the new execution re-encodes only the
 * renditions that are not DONE and settles the video READY, or PARTIALLY_READY with what still
 * failed. A FAILED video is not retried: the video state machine has no way back from FAILED, so it
 * needs a new upload.
 *
 * <p>Only a settled video is retried (its {@code settledAt} written by the step that ended its last
 * run): while a workflow still runs, a second one would encode the same groups and race its Finalize.
 * The rendition statuses cannot tell, since a failed transcode task marks its renditions FAILED
 * before the workflow retries it. Two retries never both start: the claim (the video's
 * retry counter, every FAILED rendition → PROCESSING, every other one unchanged) is one conditional
 * DynamoDB transaction, so a concurrent request loses it and a later one finds nothing FAILED. The counter also names the execution ({@link #executionName}): the first
 * run is named after the video, which keeps S3 event redelivery from starting it twice.
 */
public final class RetryService {
  private static final Logger LOG = Logger.getLogger(RetryService.class.getName());

  /**
   * The answer of a started retry.
   *
   * @param status the video's status, PARTIALLY_READY while the retry runs
   * @param retrying the renditions the new execution encodes again
   */
  public record RetryView(String videoId, String status, List<String> retrying) {}

  private final Catalog catalog;
  private final OutputStore store;
  private final WorkflowStarter workflow;
  private final VodConfig config;

  public RetryService(Catalog catalog, OutputStore store, WorkflowStarter workflow, VodConfig config) {
    this.catalog = catalog;
    this.store = store;
    this.workflow = workflow;
    this.config = config;
  }

  /** The name of the video's {@code retry}-th retry execution (at most 80 characters, as Step Functions allows). */
  public static String executionName(String videoId, int retry) {
    return videoId + "-retry-" + retry;
  }

  /**
   * Starts a workflow execution that encodes the video's FAILED renditions again.
   *
   * @throws VodException 404 for an unknown video; 409 {@code NOTHING_TO_RETRY} when nothing failed,
   *     {@code ILLEGAL_TRANSITION} when the video is not PARTIALLY_READY, {@code SOURCE_MISSING}
   *     without a stored source, {@code RETRY_IN_PROGRESS} while a workflow still runs over the video
   *     (no {@code settledAt}) or when a concurrent retry claimed it; 503 {@code WORKFLOW_UNAVAILABLE}
   *     when the execution could not be started (the renditions are FAILED and the video settled
   *     again, so the retry can be asked for again)
   */
  public RetryView retry(String videoId) {
    VideoItem video = catalog.video(Ids.requireValid(videoId, "video"));
    requireRetryable(video);
    if (video.getSettledAt() == null) {
      throw new VodException("RETRY_IN_PROGRESS", 409, "video '" + videoId
          + "' is still being processed; retry once it has finished");
    }
    List<RenditionItem> renditions = catalog.renditions(videoId);
    List<String> failed = renditions.stream()
        .filter(r -> RenditionStatus.FAILED.name().equals(r.getStatus())).map(RenditionItem::getName).toList();
    List<String> unfinished = renditions.stream()
        .filter(r -> !RenditionStatus.DONE.name().equals(r.getStatus()) && !failed.contains(r.getName()))
        .map(RenditionItem::getName).toList();
    if (failed.isEmpty()) {
      throw new VodException("NOTHING_TO_RETRY", 409, "video '" + videoId + "' has no FAILED rendition"
          + (unfinished.isEmpty() ? "" : " (" + String.join(", ", unfinished) + " still being processed)"));
    }
    if (!unfinished.isEmpty()) {
      // Its workflow still runs: a second one would encode the same groups and race its Finalize.
      throw new VodException("RETRY_IN_PROGRESS", 409, "video '" + videoId + "' is still being processed ("
          + String.join(", ", unfinished) + "); retry its failed renditions once that has finished");
    }
    WorkflowInput.SourceObject source =
        new WorkflowInput.SourceObject(config.sourceBucket(), UploadService.sourceKey(videoId));
    requireSource(videoId, source);
    OptionalInt retry = catalog.claimRetry(videoId, renditions);
    if (retry.isEmpty()) {
      throw new VodException("RETRY_IN_PROGRESS", 409, "video '" + videoId
          + "' changed while the retry was being claimed (another retry started); look at its renditions");
    }
    String name = executionName(videoId, retry.getAsInt());
    start(videoId, name, Json.write(WorkflowInput.forSource(videoId, source, config)), failed);
    LOG.info(() -> "video " + videoId + ": retry execution " + name + " for " + failed);
    return new RetryView(videoId, VideoStatus.PARTIALLY_READY.name(), failed);
  }

  private static void requireRetryable(VideoItem video) {
    String id = video.getVideoId();
    VideoStatus status = VideoStatus.valueOf(video.getStatus());
    switch (status) {
      case PARTIALLY_READY -> { }
      case READY -> throw new VodException("NOTHING_TO_RETRY", 409,
          "video '" + id + "' is READY: every rendition is done");
      case FAILED -> throw new VodException("ILLEGAL_TRANSITION", 409, "video '" + id
          + "' is FAILED: nothing of it was playable and a failed video is never processed again; upload the file again");
      default -> throw new VodException("ILLEGAL_TRANSITION", 409, "video '" + id + "' is " + status
          + ": only a PARTIALLY_READY video can retry its failed renditions");
    }
  }

  /** Listed rather than HEAD: without s3:ListBucket S3 answers a missing key with 403, not 404. */
  private void requireSource(String videoId, WorkflowInput.SourceObject source) {
    if (!store.sizes(source.bucket(), source.key()).containsKey(source.key())) {
      throw new VodException("SOURCE_MISSING", 409, "the source of video '" + videoId
          + "' is no longer stored, so its renditions cannot be encoded again; upload the file again");
    }
  }

  /**
   * Starts the execution; on any failure the claimed renditions become FAILED again and the video
   * settled again (nothing runs them), so the retry can be asked for again.
   */
  private void start(String videoId, String name, String input, List<String> claimed) {
    try {
      if (workflow.start(name, input) != WorkflowStarter.Outcome.STARTED) {
        throw new IllegalStateException("an execution named " + name + " existed already");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "video " + videoId + ": retry execution " + name + " did not start", e);
      String reason = "the retry could not start the workflow: " + e.getMessage();
      for (String rendition : claimed) {
        catalog.transitionRendition(videoId, rendition, RenditionStatus.FAILED, r -> r.setError(reason));
      }
      catalog.settleVideo(videoId, VideoStatus.PARTIALLY_READY, List.of(VideoStatus.PARTIALLY_READY), null);
      throw new VodException("WORKFLOW_UNAVAILABLE", 503,
          "the retry of video '" + videoId + "' could not be started; try again later", e);
    }
  }
}
