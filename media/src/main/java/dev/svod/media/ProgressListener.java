package dev.svod.media;

/** Receives encode progress, parsed from FFmpeg's {@code -progress} output. */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (renditions, percent) -> {};

  /**
   * Called when progress moves, from the thread that reads FFmpeg's output.
   *
   * @param renditions the names of the renditions this FFmpeg process encodes
   * @param percent 0 to 100 of the source duration encoded so far
   */
  void onProgress(java.util.List<String> renditions, int percent);
}
