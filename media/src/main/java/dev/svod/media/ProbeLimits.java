package dev.svod.media;

/**
 * Limits a source must respect to be accepted.
 *
 * @param maxLongSide longest accepted display side in pixels
 * @param maxPixels largest accepted frame area (width x height)
 * @param maxDurationSeconds longest accepted duration
 * @param maxStreams most streams accepted in one file (video, audio, subtitles, data)
 */
public record ProbeLimits(int maxLongSide, long maxPixels, double maxDurationSeconds, int maxStreams) {

  /** 8K (8192 on the long side, 7680x4320 area), 6 hours, 32 streams. */
  public static ProbeLimits defaults() {
    return new ProbeLimits(8192, 7680L * 4320, 6 * 3600, 32);
  }
}
