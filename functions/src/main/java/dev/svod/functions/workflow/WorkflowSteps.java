package dev.svod.functions.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.TempDirectory;
import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.video.VideoService;
import dev.svod.functions.workflow.TaskModels.MarkFailedInput;
import dev.svod.functions.workflow.TaskModels.PlanInput;
import dev.svod.functions.workflow.TaskModels.PlanResult;
import dev.svod.functions.workflow.TaskModels.PublishInput;
import dev.svod.functions.workflow.TaskModels.PublishResult;
import dev.svod.functions.workflow.TaskModels.StepError;
import dev.svod.functions.workflow.TaskModels.ThumbnailsInput;
import dev.svod.functions.workflow.TaskModels.ThumbnailsResult;
import dev.svod.functions.workflow.TaskModels.VideoRef;
import dev.svod.functions.workflow.TaskModels.VideoStatusResult;
import dev.svod.media.EncodedRendition;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MediaProber;
import dev.svod.media.RenditionSpec;
import dev.svod.media.Thumbnails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The workflow's steps other than transcoding, as plain methods: each one is what one Lambda task
 * does. Steps are idempotent, because Step Functions retries them.
 */
public final class WorkflowSteps {
  /** The video states in which a running workflow may record what it learns. */
  static final EnumSet<VideoStatus> IN_PROGRESS =
      EnumSet.of(VideoStatus.PROCESSING, VideoStatus.PARTIALLY_READY);

  private final Catalog catalog;
  private final OutputStore output;
  private final MasterPublisher master;
  private final MediaConvertOutputs mediaConvertOutputs;
  private final VodConfig config;
  private final LadderPlanner planner = new LadderPlanner();

  /**
   * The FFmpeg-backed tools are created when a step needs them, so steps without media work never
   * locate (extract) the FFmpeg executables.
   */
  public WorkflowSteps(Catalog catalog, OutputStore output, VodConfig config) {
    this.catalog = catalog;
    this.output = output;
    this.master = new MasterPublisher(catalog, output, config.outputBucket());
    this.mediaConvertOutputs = new MediaConvertOutputs(output, config.outputBucket());
    this.config = config;
  }

  /**
   * CREATED → PROCESSING (a retry finding it PROCESSING is fine). A PARTIALLY_READY video, whose
   * failed renditions a retry execution encodes again, stays PARTIALLY_READY: it remains playable,
   * and the video state machine never goes back from it; its {@code settledAt} goes, as this run
   * starts over it.
   */
  public VideoStatusResult markProcessing(VideoRef input) {
    String videoId = requireVideoId(input.videoId());
    VideoItem video = catalog.video(videoId);
    if (VideoStatus.PARTIALLY_READY.name().equals(video.getStatus())) {
      // A retry's claim removed the marker already, but an execution started without one (the Ingest
      // starting the video's run again once Step Functions has forgotten the first one's name, or
      // one started by hand) also encodes the FAILED renditions: no retry may start meanwhile.
      video = catalog.reopenVideo(videoId);
    } else {
      video = catalog.transitionVideo(videoId, VideoStatus.PROCESSING, v -> {});
    }
    return new VideoStatusResult(video.getVideoId(), video.getStatus(), null);
  }

  /**
   * Plans the ladder and its transcode groups; writes every rendition PENDING (keeping those an
   * earlier attempt wrote). Groups whose renditions are all DONE already (a retry execution of a
   * PARTIALLY_READY video) are left out, so no task is launched for them; on a first run nothing is
   * DONE yet and every group stays. The rendition count is the whole ladder's.
   */
  public PlanResult plan(PlanInput input) {
    String videoId = requireVideoId(input.videoId());
    if (input.sourceInfo() == null) {
      throw new InvalidRequestException("INVALID_TASK_INPUT", "plan needs sourceInfo");
    }
    List<RenditionSpec> ladder = planner.plan(input.sourceInfo());
    if (ladder.isEmpty()) {
      throw new BadSourceException("NOT_A_VIDEO: the source has neither video nor audio to encode", null);
    }
    TranscodeGrouping grouping = input.grouping() == null || input.grouping().isBlank()
        ? config.grouping() : TranscodeGrouping.parse(input.grouping());
    TranscodeBackend backend = input.backend() == null || input.backend().isBlank()
        ? config.transcodeBackend() : TranscodeBackend.parse(input.backend());
    List<TranscodeGroup> groups = TranscodePlanner.group(ladder, grouping, input.sourceInfo());
    ScratchSpace.requireRoom(input.sourceInfo(), groups, backend);
    List<RenditionItem> items = new ArrayList<>();
    for (TranscodeGroup group : groups) {
      for (RenditionSpec spec : group.renditions()) {
        RenditionItem item = new RenditionItem();
        item.setName(spec.name());
        item.setKind(spec.type().name());
        item.setGroupIndex(group.index());
        item.setWidth(spec.isVideo() ? spec.width() : null);
        item.setHeight(spec.isVideo() ? spec.height() : null);
        item.setFrameRate(spec.isVideo() ? spec.frameRate() : null);
        item.setLanguage(spec.language());
        item.setSpec(Json.write(spec));
        items.add(item);
      }
    }
    catalog.putRenditionsIfAbsent(videoId, items);
    catalog.updateVideo(videoId, IN_PROGRESS, v -> v.setPlan(
        ladder.stream().map(RenditionSpec::name).collect(Collectors.joining(","))));
    Set<String> done = catalog.renditions(videoId).stream()
        .filter(r -> RenditionStatus.DONE.name().equals(r.getStatus()))
        .map(RenditionItem::getName).collect(Collectors.toSet());
    List<TranscodeGroup> toEncode = groups.stream().filter(g -> !done.containsAll(g.names())).toList();
    return new PlanResult(toEncode, ladder.size());
  }

  /**
   * After a group's transcode task: every rendition of the group with an encoded result becomes DONE
   * (its measured bandwidths and codecs copied for the API); one without becomes FAILED with the
   * task's error. Then the master playlist is rewritten and the first playable publish makes the video
   * PARTIALLY_READY.
   */
  public PublishResult publish(PublishInput input) {
    String videoId = requireVideoId(input.videoId());
    if (input.group() == null) {
      throw new InvalidRequestException("INVALID_TASK_INPUT", "publish needs the group");
    }
    boolean fromMediaConvert = TranscodeBackend.MEDIACONVERT.wireName().equals(input.backend());
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (RenditionSpec spec : input.group().renditions()) {
      RenditionItem item = catalog.findRendition(videoId, spec.name()).orElse(null);
      if (item == null) {
        throw new InvalidRequestException("INVALID_TASK_INPUT", "rendition " + spec.name() + " was never planned");
      }
      if (fromMediaConvert && input.error() == null && item.getEncoded() == null
          && RenditionStatus.PROCESSING.name().equals(item.getStatus())) {
        item = mediaConvertOutputs.measure(videoId, spec)
            .map(encoded -> catalog.updateProcessingRendition(videoId, spec.name(), r -> {
              r.setEncoded(Json.write(encoded));
              r.setProgress(100);
            }))
            .orElse(item);
      }
      RenditionStatus status = RenditionStatus.valueOf(item.getStatus());
      if (status == RenditionStatus.DONE) {
        done.add(spec.name());
      } else if (status == RenditionStatus.PROCESSING && item.getEncoded() != null) {
        EncodedRendition encoded = Json.read(item.getEncoded(), EncodedRendition.class);
        catalog.transitionRendition(videoId, spec.name(), RenditionStatus.DONE, r -> {
          r.setProgress(100);
          r.setBandwidth(encoded.bandwidth());
          r.setAverageBandwidth(encoded.averageBandwidth());
          r.setCodecs(encoded.codecs());
        });
        done.add(spec.name());
      } else {
        String reason = input.error() != null ? reasonOf(input.error()) : "the transcode task produced no output";
        if (status != RenditionStatus.FAILED) {
          catalog.transitionRendition(videoId, spec.name(), RenditionStatus.FAILED, r -> r.setError(reason));
        }
        failed.add(spec.name());
      }
    }
    boolean playable = master.publish(videoId);
    String videoStatus = catalog.video(videoId).getStatus();
    if (playable && VideoStatus.PROCESSING.name().equals(videoStatus)) {
      videoStatus = catalog.transitionVideo(videoId, VideoStatus.PARTIALLY_READY, v -> {}).getStatus();
    }
    return new PublishResult(videoId, videoStatus, playable, done, failed);
  }

  /**
   * Poster and storyboard, made from the encoded renditions rather than the source (which may be far
   * too large to download into a function's scratch space, and would be decoded once more): the
   * storyboard from the whole LOWEST DONE video rendition (a few MB), the poster from the one segment
   * of the HIGHEST DONE video rendition that holds the poster time. A video without a DONE video
   * rendition (audio-only source, or every video rendition failed) has neither.
   */
  public ThumbnailsResult thumbnails(ThumbnailsInput input) {
    String videoId = requireVideoId(input.videoId());
    List<RenditionItem> video = RenditionClips.doneVideo(catalog.renditions(videoId));
    if (input.sourceInfo() == null || !input.sourceInfo().hasVideo() || video.isEmpty()) {
      return new ThumbnailsResult(false, false);
    }
    RenditionClips clips = new RenditionClips(output, config.outputBucket());
    double posterAt = Thumbnails.posterSeconds(input.sourceInfo().durationSeconds());
    try (TempDirectory scratch = new TempDirectory("svod-thumbs-")) {
      Path out = scratch.path().resolve("out");
      Files.createDirectories(out);
      RenditionClips.Clip lowest = clips.whole(videoId, video.getFirst(), scratch.path().resolve("lowest.mp4"));
      RenditionClips.Clip poster = clips.around(videoId, video.getLast(), posterAt,
          scratch.path().resolve("highest.mp4"));
      MediaProber prober = new MediaProber();
      Thumbnails thumbnails = new Thumbnails();
      MediaFailures.translate(() -> {
        thumbnails.poster(poster.file(), prober.probe(poster.file()), posterAt - poster.startSeconds(),
            out.resolve(Thumbnails.POSTER));
        return thumbnails.storyboard(lowest.file(), prober.probe(lowest.file()), out);
      });
      output.uploadDirectory(out, config.outputBucket(), VideoService.outputPrefix(videoId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the thumbnails directory", e);
    }
    catalog.updateVideo(videoId, IN_PROGRESS, v -> {
      v.setPoster(true);
      v.setStoryboard(true);
    });
    return new ThumbnailsResult(true, true);
  }

  /**
   * Settles the video: READY when every rendition is DONE, PARTIALLY_READY when it is playable but
   * some failed (they are named in its error), FAILED when nothing playable came out, and marks the
   * run ended ({@code settledAt}). Renditions still PENDING or PROCESSING (their group was abandoned)
   * become FAILED.
   */
  public VideoStatusResult finalizeVideo(VideoRef input) {
    String videoId = requireVideoId(input.videoId());
    failUnfinished(videoId, "the workflow ended before this rendition was transcoded");
    List<RenditionItem> renditions = catalog.renditions(videoId);
    boolean playable = master.publish(videoId);
    List<RenditionItem> failures = renditions.stream()
        .filter(r -> RenditionStatus.FAILED.name().equals(r.getStatus())).toList();
    String failedList = failures.stream().map(r -> r.getName() + " (" + r.getError() + ")")
        .collect(Collectors.joining("; "));
    VideoStatus target;
    String reason;
    if (playable && failures.isEmpty()) {
      target = VideoStatus.READY;
      reason = null;
    } else if (playable) {
      target = VideoStatus.PARTIALLY_READY;
      reason = "some renditions failed: " + failedList;
    } else {
      target = VideoStatus.FAILED;
      reason = renditions.isEmpty() ? "nothing was planned for this source"
          : "no playable rendition could be produced: " + failedList;
    }
    // Already in the target status: a repeated step, or a retry execution (PARTIALLY_READY again, with
    // what failed this time). Either way the run ends here and the marker is written.
    Set<VideoStatus> from = EnumSet.of(target);
    from.addAll(target.allowedFrom());
    VideoItem updated = catalog.settleVideo(videoId, target, from, reason);
    return new VideoStatusResult(videoId, updated.getStatus(), reason);
  }

  /**
   * Records a workflow failure: the video becomes FAILED with the error's message as its reason. A
   * video that is already playable stays so (the error is recorded, its unfinished renditions become
   * FAILED); either way the run is marked ended ({@code settledAt}). A settled one is left alone.
   */
  public VideoStatusResult markFailed(MarkFailedInput input) {
    String videoId = requireVideoId(input.videoId());
    String reason = input.error() == null ? "the workflow failed" : reasonOf(input.error());
    VideoItem video = catalog.video(videoId);
    VideoStatus status = VideoStatus.valueOf(video.getStatus());
    if (VideoStatus.FAILED.allowedFrom().contains(status)) {
      try {
        return new VideoStatusResult(videoId,
            catalog.settleVideo(videoId, VideoStatus.FAILED, VideoStatus.FAILED.allowedFrom(), reason).getStatus(),
            reason);
      } catch (IllegalTransitionException raced) {
        status = VideoStatus.valueOf(raced.currentStatus());
      }
    }
    if (status == VideoStatus.PARTIALLY_READY) {
      // Nothing runs its unfinished renditions any more: FAILED, so a retry can take them up.
      failUnfinished(videoId, reason);
      catalog.settleVideo(videoId, VideoStatus.PARTIALLY_READY, List.of(VideoStatus.PARTIALLY_READY), reason);
    }
    return new VideoStatusResult(videoId, status.name(), reason);
  }

  /** Renditions still PENDING or PROCESSING (their group was abandoned or never ran) become FAILED. */
  private void failUnfinished(String videoId, String reason) {
    for (RenditionItem r : catalog.renditions(videoId)) {
      RenditionStatus status = RenditionStatus.valueOf(r.getStatus());
      if (status == RenditionStatus.PENDING || status == RenditionStatus.PROCESSING) {
        catalog.transitionRendition(videoId, r.getName(), RenditionStatus.FAILED, f -> f.setError(reason));
      }
    }
  }

  /**
   * The human-readable reason of a caught error: a Lambda error's {@code errorMessage} (Step Functions
   * puts the error document in Cause as JSON), else the Cause text, else the error name.
   */
  static String reasonOf(StepError error) {
    String cause = error.cause();
    if (cause != null && cause.trim().startsWith("{")) {
      try {
        JsonNode document = Json.MAPPER.readTree(cause);
        if (document.hasNonNull("errorMessage")) {
          return document.get("errorMessage").asText();
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
    }
    if (cause != null && !cause.isBlank()) {
      return cause.length() > 1000 ? cause.substring(0, 1000) : cause;
    }
    return error.error() == null ? "the workflow failed" : error.error();
  }

  static String requireVideoId(String videoId) {
    if (videoId == null || videoId.isBlank()) {
      throw new InvalidRequestException("INVALID_TASK_INPUT", "videoId is required");
    }
    return videoId;
  }
}
