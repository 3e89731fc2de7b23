package dev.svod.functions.ingest;

import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.Json;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.UploadItem;
import dev.svod.functions.catalog.UploadStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.workflow.WorkflowInput;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns "a source object was created" into one workflow execution per video: the upload becomes
 * UPLOADED and an execution named after the video starts. A repeated event finds both done and
 * changes nothing; objects outside {@code uploads/{videoId}/source} are ignored.
 */
public final class IngestService {
  private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
  private static final Pattern SOURCE_KEY = Pattern.compile("uploads/([A-Za-z0-9_-]{1,64})/source");

  /** What happened to one object. */
  public enum Outcome { STARTED, ALREADY_STARTED, IGNORED }

  /** The outcome for one object, for the handler's answer and logs. */
  public record Result(String bucket, String key, String videoId, Outcome outcome, String reason) {}

  private final Catalog catalog;
  private final WorkflowStarter workflow;
  private final VodConfig config;

  public IngestService(Catalog catalog, WorkflowStarter workflow, VodConfig config) {
    this.catalog = catalog;
    this.workflow = workflow;
    this.config = config;
  }

  /** Handles one created object (key already URL-decoded). */
  public Result objectCreated(String bucket, String key) {
    if (!config.sourceBucket().equals(bucket)) {
      return ignored(bucket, key, null, "not the source bucket");
    }
    Matcher matcher = SOURCE_KEY.matcher(key);
    if (!matcher.matches()) {
      return ignored(bucket, key, null, "not an upload source key");
    }
    String videoId = matcher.group(1);
    Optional<VideoItem> video = catalog.findVideo(videoId);
    if (video.isEmpty()) {
      return ignored(bucket, key, videoId, "no such video (deleted or never created)");
    }
    markUploaded(video.get());
    WorkflowInput input = WorkflowInput.forSource(videoId, new WorkflowInput.SourceObject(bucket, key), config);
    WorkflowStarter.Outcome started = workflow.start(videoId, Json.write(input));
    LOG.info(() -> "video " + videoId + ": workflow " + started);
    return new Result(bucket, key, videoId,
        started == WorkflowStarter.Outcome.STARTED ? Outcome.STARTED : Outcome.ALREADY_STARTED, null);
  }

  private void markUploaded(VideoItem video) {
    String uploadId = video.getUploadId();
    UploadItem upload = catalog.findUpload(uploadId).orElse(null);
    if (upload != null && !UploadStatus.UPLOADED.name().equals(upload.getStatus())) {
      try {
        catalog.transitionUpload(uploadId, UploadStatus.UPLOADED, u -> {});
      } catch (IllegalTransitionException e) {
        if (!UploadStatus.UPLOADED.name().equals(e.currentStatus())) {
          throw e; // ABORTED or FAILED: an object must not revive it
        }
      }
    }
    catalog.keepForever(uploadId, video.getVideoId());
  }

  private static Result ignored(String bucket, String key, String videoId, String reason) {
    LOG.info(() -> "ignoring s3://" + bucket + "/" + key + ": " + reason);
    return new Result(bucket, key, videoId, Outcome.IGNORED, reason);
  }
}
