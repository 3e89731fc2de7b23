package dev.svod.media;

import java.time.Duration;

/**
 * Limits a source must respect to be accepted.
 *
 * @param maxLongSide longest accepted display side in pixels
 * @param maxPixels largest accepted frame area (width x height)
 * @param maxDurationSeconds longest accepted duration
 * @param maxStreams most streams accepted in one file (video, audio, subtitles, data)
 * @param timeout longest a probe may take; a source ffprobe cannot describe in that time is refused
 */
public record ProbeLimits(int maxLongSide, long maxPixels, double maxDurationSeconds, int maxStreams,
    Duration timeout) {

  /** 8K (8192 on the long side, 7680x4320 area), 6 hours, 32 streams, 2 minutes. */
  public static ProbeLimits defaults() {
    return new ProbeLimits(8192, 7680L * 4320, 6 * 3600, 32, Duration.ofMinutes(2));
  }
}
