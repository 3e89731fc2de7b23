package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** Takes a clip through a runtime's API to READY, as {@code vod upload --wait} does. */
final class ReadyVideos {
  private ReadyVideos() {}

  /**
   * Uploads {@code clip} with presigned parts, follows processing and asserts that it ends READY.
   *
   * @return the video as {@code GET /videos/{id}} answers it
   */
  static JsonNode uploadAndAwaitReady(LocalRuntime runtime, HttpClient http, Path clip, String title,
      Path uploadState) throws Exception {
    VodApiClient api = new VodApiClient(runtime.endpoints().api(), http);
    ResumableUploader.Result uploaded = new ResumableUploader(api, http,
        new UploadStateStore(uploadState), 2, ProgressBar::silent)
        .upload(clip, title, "video/mp4");
    StringWriter log = new StringWriter();
    JsonNode video = new VideoWatcher(api, new PrintWriter(log), Duration.ofMillis(250))
        .follow(uploaded.videoId(), Duration.ofMinutes(4));
    assertThat(video.path("status").asText()).as(log + "\n" + video).isEqualTo("READY");
    return video;
  }
}
