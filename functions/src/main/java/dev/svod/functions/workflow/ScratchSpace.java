package dev.svod.functions.workflow;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.TranscodeBackend;
import dev.svod.media.MediaErrorCode;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.util.List;
import java.util.Locale;

/**
 * The local disk a transcode task needs for one group, and whether the backend has it. A task
 * downloads the whole source ({@code GroupTranscoder}), writes each rendition as one fragmented MP4
 * that the packager then cuts into segments (the group's output twice, at the capped bit rate), and
 * keeps room for FFmpeg and, on Fargate, the image ({@link #MARGIN_BYTES}).
 *
 * <p>Checked when the ladder is planned, so a source too large for the backend fails at once with a
 * reason instead of filling a disk after a long download, once per retry.
 */
public final class ScratchSpace {
  static final long GIB = 1L << 30;
  /**
   * FFmpeg's executables (~90 MB), the JVM's and FFmpeg's temporary files, and on Fargate the
   * container image's layers, which share the task's ephemeral storage.
   */
  static final long MARGIN_BYTES = 2 * GIB;

  private ScratchSpace() {}

  /** Bytes a task needs on disk to encode {@code renditions} of {@code source}. */
  public static long bytesNeeded(SourceInfo source, List<RenditionSpec> renditions) {
    double seconds = Math.max(0, source.durationSeconds());
    long output = 0;
    for (RenditionSpec rendition : renditions) {
      output += Math.round(rendition.maxBitrateKbps() * 1000.0 / 8 * seconds);
    }
    return Math.max(0, source.sizeBytes()) + 2 * output + MARGIN_BYTES;
  }

  /**
   * Refuses a plan whose largest group needs more disk than {@code backend} has: a Lambda's
   * {@code /tmp} ({@link FunctionSpec#TRANSCODE}), or the most ephemeral storage a Fargate task can
   * be given ({@value TaskSize#MAX_STORAGE_GIB} GiB). MediaConvert reads from S3 and needs none.
   *
   * @throws BadSourceException with {@code LIMIT_EXCEEDED} and what the backend would need
   */
  public static void requireRoom(SourceInfo source, List<TranscodeGroup> groups, TranscodeBackend backend) {
    long capacity = switch (backend) {
      case LAMBDA -> FunctionSpec.TRANSCODE.ephemeralStorageMb() * (1L << 20);
      case CONTAINER -> TaskSize.MAX_STORAGE_GIB * GIB;
      case MEDIACONVERT -> Long.MAX_VALUE;
    };
    long needed = groups.stream().mapToLong(g -> bytesNeeded(source, g.renditions())).max().orElse(0);
    if (needed > capacity) {
      String advice = backend == TranscodeBackend.LAMBDA
          ? "; deploy with the container or MediaConvert backend for sources this large"
          : "; split the source into shorter parts";
      throw new BadSourceException(String.format(Locale.ROOT,
          "%s: transcoding this %.1f GiB, %.0f min source needs %.1f GiB of scratch disk; the %s backend has %.0f GiB%s",
          MediaErrorCode.LIMIT_EXCEEDED, source.sizeBytes() / (double) GIB, source.durationSeconds() / 60,
          needed / (double) GIB, backend.wireName(), capacity / (double) GIB, advice), null);
    }
  }
}
