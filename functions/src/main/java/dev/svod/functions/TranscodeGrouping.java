package dev.svod.functions;

import java.util.Locale;

/**
 * How the planned renditions are grouped into transcode tasks (one Map item = one FFmpeg process with
 * a single decode of the source). In the split modes the cheapest playable renditions come first, so
 * the video becomes {@code PARTIALLY_READY} as early as possible.
 */
public enum TranscodeGrouping {
  /**
   * One rendition per task: the widest fan-out, best when workers are plentiful (the AWS default).
   * Order: audio, then the lowest video rung, then the others ascending.
   */
  PER_RENDITION,
  /**
   * Two tasks: the lowest video rung with the audio first, then every other video rung in one
   * process, which saves the repeated decode (about 30% CPU on a 5-rung ladder) when workers are few,
   * as on a laptop.
   */
  FIRST_AND_REST,
  /**
   * One task for the whole ladder: a single decode, the least CPU, but nothing is playable until
   * every rendition is encoded. For batch back-fills, and to measure orchestration overhead alone.
   */
  SINGLE;

  /** The lower-case, dash-separated name used in environment variables and the workflow input. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code per-rendition|first-and-rest|single} (case-insensitive, {@code _} accepted for {@code -}). */
  public static TranscodeGrouping parse(String value) {
    String normalized = value.trim().replace('_', '-');
    for (TranscodeGrouping grouping : values()) {
      if (grouping.wireName().equalsIgnoreCase(normalized)) {
        return grouping;
      }
    }
    throw new IllegalArgumentException(
        "unknown transcode grouping '" + value + "' (expected per-rendition, first-and-rest or single)");
  }
}
