package dev.svod.functions.video;

import dev.svod.functions.catalog.SourceSummary;
import java.util.List;

/** Response bodies of the video routes. */
public final class VideoViews {
  private VideoViews() {}

  /** One rendition as the API shows it. */
  public record RenditionView(String name, String kind, String status, int progress, int attempts,
      Integer width, Integer height, Double frameRate, Long bandwidth, Long averageBandwidth,
      String codecs, String language, String error) {}

  /**
   * Where to play the video; present once it is playable. With signed playback the URLs carry the
   * signature and {@code signing} holds it for the player's other requests (see {@link PlaybackSigner}).
   */
  public record PlaybackView(String hls, String poster, String storyboard, String storyboardVtt,
      SigningView signing) {}

  /**
   * A signature covering every file of the video: append {@code query} to each request under
   * {@code v/{videoId}/} (or set its values as CloudFront-* cookies on a custom domain) until
   * {@code expiresAt}.
   */
  public record SigningView(String query, String expiresAt) {}

  /**
   * {@code GET /videos/{id}}. {@code settledAt}: when the video's last workflow run ended, null while
   * one is in progress (a PARTIALLY_READY video is settled only with it).
   */
  public record VideoView(String videoId, String title, String status, String error, String filename,
      Long sizeBytes, String createdAt, String updatedAt, String settledAt, SourceSummary source,
      List<RenditionView> renditions, PlaybackView playback) {}

  /** A video in a listing (no renditions). */
  public record VideoSummaryView(String videoId, String title, String status, String createdAt,
      Double durationSeconds, String poster, String hls) {}

  /** {@code GET /videos}. */
  public record VideoListView(List<VideoSummaryView> videos, String nextCursor) {}
}
