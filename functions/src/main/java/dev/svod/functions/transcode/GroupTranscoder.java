package dev.svod.functions.transcode;

import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.TempDirectory;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.video.VideoService;
import dev.svod.functions.workflow.BadSourceException;
import dev.svod.functions.workflow.MediaFailures;
import dev.svod.functions.workflow.TaskModels.TranscodeResult;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.EncodeOptions;
import dev.svod.media.EncodedRendition;
import dev.svod.media.HlsTranscoder;
import dev.svod.media.MediaException;
import dev.svod.media.RenditionSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encodes one transcode group (FFmpeg, single decode) and uploads its HLS output; the code shared by
 * the Lambda and the ECS container backends.
 *
 * <p>Idempotent: renditions already DONE, or already encoded and uploaded by an earlier attempt that
 * did not get to publish, are skipped; only the rest are encoded. The encoded descriptor is stored
 * with the rendition (still PROCESSING); the publish step makes it DONE. Progress is written at most
 * every {@link #PROGRESS_INTERVAL}. A media failure marks the encoded renditions FAILED before it is
 * rethrown, so every backend leaves the same record. An interruption (shutdown) is no failure: it
 * becomes a {@link TranscodeInterruptedException} and leaves the renditions PROCESSING, retryable.
 */
public final class GroupTranscoder {
  /** Least time between two progress writes of a group. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(GroupTranscoder.class.getName());

  private final Catalog catalog;
  private final OutputStore output;
  private final String outputBucket;
  private final Supplier<HlsTranscoder> transcoder;
  private final EncodeOptions options;
  private final Clock clock;

  public GroupTranscoder(Catalog catalog, OutputStore output, String outputBucket,
      Supplier<HlsTranscoder> transcoder, EncodeOptions options, Clock clock) {
    this.catalog = catalog;
    this.output = output;
    this.outputBucket = outputBucket;
    this.transcoder = transcoder;
    this.options = options;
    this.clock = clock;
  }

  /**
   * Encodes what is left of the job's group.
   *
   * @throws TranscodeInterruptedException when the thread is interrupted meanwhile (renditions stay
   *     PROCESSING with the attempt counted, so a later run encodes them again)
   */
  public TranscodeResult run(TranscodeJob job) {
    try {
      return encodeGroup(job);
    } catch (RuntimeException e) {
      if (e instanceof TranscodeInterruptedException || !TranscodeInterruptedException.causedByInterruption(e)) {
        throw e;
      }
      throw new TranscodeInterruptedException(
          "transcode interrupted; its renditions stay PROCESSING for the next attempt", e);
    }
  }

  private TranscodeResult encodeGroup(TranscodeJob job) {
    validate(job);
    String videoId = job.videoId();
    List<RenditionSpec> todo = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (RenditionSpec spec : job.group().renditions()) {
      RenditionItem item = catalog.findRendition(videoId, spec.name()).orElseThrow(() ->
          new InvalidRequestException("INVALID_TASK_INPUT", "rendition " + spec.name() + " was never planned"));
      boolean done = RenditionStatus.DONE.name().equals(item.getStatus());
      boolean encodedEarlier = RenditionStatus.PROCESSING.name().equals(item.getStatus()) && item.getEncoded() != null;
      if (done || encodedEarlier) {
        skipped.add(spec.name());
      } else {
        int attempts = item.getAttempts() == null ? 0 : item.getAttempts();
        catalog.transitionRendition(videoId, spec.name(), RenditionStatus.PROCESSING, r -> {
          r.setAttempts(attempts + 1);
          r.setProgress(0);
        });
        todo.add(spec);
      }
    }
    if (todo.isEmpty()) {
      return new TranscodeResult(videoId, job.group().index(), List.of(), skipped);
    }
    List<EncodedRendition> encoded;
    try (TempDirectory scratch = new TempDirectory("svod-transcode-")) {
      Path source = scratch.path().resolve("source");
      output.download(job.source().bucket(), job.source().key(), source);
      Path out = scratch.path().resolve("out");
      try {
        encoded = MediaFailures.translate(() -> transcoder.get().encode(source, job.sourceInfo(), todo, out,
            options, progress(videoId)::report));
      } catch (MediaException | BadSourceException e) {
        if (!TranscodeInterruptedException.causedByInterruption(e)) {
          markFailed(videoId, todo, e.getMessage());
        }
        throw e;
      }
      String prefix = VideoService.outputPrefix(videoId);
      for (EncodedRendition rendition : encoded) {
        output.uploadDirectory(out.resolve(rendition.name()), outputBucket, prefix + rendition.name() + "/");
        catalog.updateProcessingRendition(videoId, rendition.name(), r -> {
          r.setEncoded(Json.write(rendition));
          r.setProgress(100);
        });
      }
    }
    return new TranscodeResult(videoId, job.group().index(),
        encoded.stream().map(EncodedRendition::name).toList(), skipped);
  }

  private void markFailed(String videoId, List<RenditionSpec> renditions, String reason) {
    for (RenditionSpec spec : renditions) {
      try {
        catalog.transitionRendition(videoId, spec.name(), RenditionStatus.FAILED, r -> r.setError(reason));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot mark " + videoId + "/" + spec.name() + " FAILED", e);
      }
    }
  }

  private ProgressThrottle progress(String videoId) {
    return new ProgressThrottle(clock, PROGRESS_INTERVAL, (name, percent) -> {
      try {
        catalog.updateProcessingRendition(videoId, name, r -> r.setProgress(percent));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "progress of " + videoId + "/" + name + " not recorded", e);
      }
    });
  }

  private static void validate(TranscodeJob job) {
    if (job == null || job.videoId() == null || job.source() == null || job.sourceInfo() == null
        || job.group() == null || job.group().renditions().isEmpty()) {
      throw new InvalidRequestException("INVALID_TASK_INPUT",
          "a transcode job needs videoId, source, sourceInfo and a non-empty group");
    }
  }
}
