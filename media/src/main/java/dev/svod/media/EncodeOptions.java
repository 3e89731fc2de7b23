package dev.svod.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.Set;

/**
 * How to run the encoder.
 *
 * @param preset libx264 preset ({@code ultrafast} ... {@code veryslow}); default {@code veryfast}
 * @param segmentSeconds media segment duration; default 6
 * @param keyFrameSeconds IDR interval; default 2 (segments start at IDR frames because they are a multiple)
 * @param threads FFmpeg threads per process, 0 = FFmpeg decides
 * @param parallelism how many FFmpeg processes {@link EncodeMode#PER_RENDITION} runs at once (at least 1)
 * @param timeoutSeconds longest one FFmpeg process may run (seconds, so the record stays plain JSON)
 */
public record EncodeOptions(
    String preset, int segmentSeconds, int keyFrameSeconds, int threads, int parallelism, long timeoutSeconds) {

  private static final Set<String> PRESETS = Set.of(
      "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow",
      "placebo");

  public EncodeOptions {
    if (!PRESETS.contains(preset)) {
      throw new IllegalArgumentException("unknown libx264 preset '" + preset + "'; use one of " + PRESETS);
    }
    if (segmentSeconds <= 0 || keyFrameSeconds <= 0 || segmentSeconds % keyFrameSeconds != 0) {
      throw new IllegalArgumentException(
          "segment duration must be a positive multiple of the key frame interval");
    }
    if (parallelism < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("parallelism and timeout must be at least 1");
    }
  }

  /** veryfast, 6 s segments, IDR every 2 s, automatic threads, one process per core, 6 h timeout. */
  public static EncodeOptions defaults() {
    return new EncodeOptions("veryfast", 6, 2, 0, Runtime.getRuntime().availableProcessors(),
        Duration.ofHours(6).toSeconds());
  }

  /** {@link #timeoutSeconds()} as a duration. */
  @JsonIgnore
  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** These options with another libx264 preset. */
  public EncodeOptions withPreset(String newPreset) {
    return new EncodeOptions(newPreset, segmentSeconds, keyFrameSeconds, threads, parallelism, timeoutSeconds);
  }

  /** These options with another number of concurrent processes for per-rendition mode. */
  public EncodeOptions withParallelism(int processes) {
    return new EncodeOptions(preset, segmentSeconds, keyFrameSeconds, threads, processes, timeoutSeconds);
  }
}
