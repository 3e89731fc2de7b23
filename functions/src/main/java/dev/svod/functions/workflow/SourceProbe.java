package dev.svod.functions.workflow;

import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.SourceSummary;
import dev.svod.functions.workflow.TaskModels.ProbeInput;
import dev.svod.functions.workflow.TaskModels.ProbeResult;
import dev.svod.functions.workflow.WorkflowInput.SourceObject;
import dev.svod.media.MediaProber;
import dev.svod.media.SourceInfo;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The probe step: ffprobe reads the uploaded source through a short-lived presigned GET URL, with
 * range requests, instead of a download. So the probe takes seconds and needs no disk whatever the
 * size of the source (uploads may reach 50 GiB; Lambda's {@code /tmp} stops at 10 GiB). Idempotent:
 * a retry probes again and stores the same summary.
 */
public final class SourceProbe {
  /** Long enough for a slow probe (ffprobe gives up after two minutes), short for a leaked URL. */
  static final Duration URL_LIFETIME = Duration.ofMinutes(15);

  private final Catalog catalog;
  private final Function<SourceObject, URI> sourceUrl;
  private final Supplier<MediaProber> prober;

  /** @param prober made when a probe runs, so building the handler never extracts FFmpeg */
  SourceProbe(Catalog catalog, S3Presigner presigner, Supplier<MediaProber> prober) {
    this.catalog = catalog;
    this.sourceUrl = source -> URI.create(presigner.presignGetObject(p -> p.signatureDuration(URL_LIFETIME)
        .getObjectRequest(g -> g.bucket(source.bucket()).key(source.key()))).url().toString());
    this.prober = prober;
  }

  /**
   * Probes the source and stores what was found with the video.
   *
   * @throws BadSourceException when the source is not acceptable media
   * @throws dev.svod.functions.TransientException when the source could not be fetched (retried)
   */
  public ProbeResult probe(ProbeInput input) {
    String videoId = WorkflowSteps.requireVideoId(input.videoId());
    SourceObject source = requireSource(input.source());
    SourceInfo info = MediaFailures.translate(() -> prober.get().probe(sourceUrl.apply(source)));
    catalog.updateVideo(videoId, WorkflowSteps.IN_PROGRESS, v -> v.setSource(Json.write(summary(info))));
    return new ProbeResult(info);
  }

  private static SourceSummary summary(SourceInfo info) {
    var video = info.video();
    var audio = info.audio().isEmpty() ? null : info.audio().getFirst();
    return new SourceSummary(info.durationSeconds(),
        video == null ? 0 : video.displayWidth(), video == null ? 0 : video.displayHeight(),
        video == null ? 0 : video.frameRate(), info.container(),
        video == null ? null : video.codec(), audio == null ? null : audio.codec(),
        info.audio().size(), video != null && video.hdr(), info.sizeBytes(), info.bitRate());
  }

  private static SourceObject requireSource(SourceObject source) {
    if (source == null || source.bucket() == null || source.key() == null) {
      throw new InvalidRequestException("INVALID_TASK_INPUT", "source {bucket, key} is required");
    }
    return source;
  }
}
