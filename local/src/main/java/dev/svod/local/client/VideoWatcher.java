package dev.svod.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Follows a video through processing by polling {@code GET /videos/{id}}, printing a line whenever
 * its status or a rendition's status/progress changes, until it is READY, FAILED or DELETED, or
 * PARTIALLY_READY with its run ended (some renditions failed for good).
 */
public final class VideoWatcher {

  /** Statuses after which nothing changes by itself. */
  public static final Set<String> FINAL = Set.of("READY", "FAILED", "DELETED");

  private final VodApiClient api;
  private final PrintWriter out;
  private final Duration interval;

  public VideoWatcher(VodApiClient api, PrintWriter out, Duration interval) {
    this.api = api;
    this.out = out;
    this.interval = interval;
  }

  /** Polls until the video reaches a final status or the timeout passes; returns the last view. */
  public JsonNode follow(String videoId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String previous = "";
    while (true) {
      JsonNode video = api.video(videoId);
      String summary = describe(video);
      if (!summary.equals(previous)) {
        out.println(summary);
        out.flush();
        previous = summary;
      }
      if (settled(video) || System.nanoTime() > deadline) {
        return video;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /**
   * Whether nothing changes any more without a new request: a {@link #FINAL} status, or a
   * PARTIALLY_READY video whose run has ended ({@code settledAt} set: what {@code vod retry} can take
   * up). The rendition statuses cannot tell: a failed transcode task leaves its renditions FAILED
   * until the workflow retries it, and every rendition DONE still needs the workflow to settle it.
   */
  public static boolean settled(JsonNode video) {
    String status = video.path("status").asText();
    return FINAL.contains(status) || status.equals("PARTIALLY_READY") && video.hasNonNull("settledAt");
  }

  /** One human-readable line: status, error, and each rendition's state. */
  public static String describe(JsonNode video) {
    StringBuilder line = new StringBuilder(video.path("status").asText("?"));
    if (video.hasNonNull("error")) {
      line.append(" (").append(video.path("error").asText()).append(")");
    }
    JsonNode renditions = video.path("renditions");
    if (renditions.size() > 0) {
      line.append(" |");
      for (JsonNode rendition : renditions) {
        line.append(String.format(Locale.ROOT, " %s %s", rendition.path("name").asText(),
            rendition.path("status").asText()));
        String status = rendition.path("status").asText();
        if (status.equals("PROCESSING")) {
          line.append(' ').append(rendition.path("progress").asInt()).append('%');
        }
      }
    }
    return line.toString();
  }
}
