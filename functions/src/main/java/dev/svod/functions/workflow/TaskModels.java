package dev.svod.functions.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.svod.functions.workflow.WorkflowInput.SourceObject;
import dev.svod.media.SourceInfo;
import java.util.List;

/** Inputs and outputs of the workflow tasks (the {@code Payload} JSON of each Lambda invoke). */
public final class TaskModels {
  private TaskModels() {}

  /** Input of the tasks that need only the video. */
  public record VideoRef(String videoId) {}

  /** A video's status after a task. */
  public record VideoStatusResult(String videoId, String status, String reason) {}

  public record ProbeInput(String videoId, SourceObject source) {}

  public record ProbeResult(SourceInfo sourceInfo) {}

  /** {@code grouping} is optional: the deployment's setting applies when it is absent. */
  /**
   * Plans the ladder of a probed source.
   *
   * @param grouping {@code per-rendition|first-and-rest|single}; the configured one when absent
   * @param backend {@code container|lambda|mediaconvert}, whose scratch disk the plan must fit; the
   *     configured one when absent
   */
  public record PlanInput(String videoId, SourceInfo sourceInfo, String grouping, String backend) {}

  public record PlanResult(List<TranscodeGroup> groups, int renditionCount) {}

  /**
   * Publishes a group after its transcode task.
   *
   * @param error the transcode task's error when it failed (Catch result), else null
   */
  public record PublishInput(String videoId, TranscodeGroup group, String backend, StepError error) {}

  public record PublishResult(String videoId, String status, boolean playable, List<String> done,
      List<String> failed) {}

  /** The thumbnails step reads the video's DONE renditions, never the source; the probe gives the duration. */
  public record ThumbnailsInput(String videoId, SourceInfo sourceInfo) {}

  public record ThumbnailsResult(boolean poster, boolean storyboard) {}

  /** Marks a video FAILED after the workflow caught {@code error}. */
  public record MarkFailedInput(String videoId, StepError error) {}

  /** What a Step Functions Catch puts at its ResultPath. */
  public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {}

  /** What a transcode task did. */
  public record TranscodeResult(String videoId, int group, List<String> encoded, List<String> skipped) {}
}
