package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.TranscodeBackend;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFmpeg-in-Lambda backend (what LocalStack runs) through the same local pipeline. */
class LambdaBackendIT {

  @TempDir Path data;

  @Test
  void transcodesInTheTranscodeFunctionWhenTheBackendIsLambda() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.of(data.resolve("vod"), 0)
        .withBackend(TranscodeBackend.LAMBDA))) {
      HttpClient http = HttpClient.newHttpClient();
      VodApiClient api = new VodApiClient(runtime.endpoints().api(), http);
      Path clip = SampleClip.generate(data.resolve("clip.mp4"), 320, 180, 2);
      String videoId = new ResumableUploader(api, http, new UploadStateStore(data.resolve("u")), 2,
          ProgressBar::silent).upload(clip, "lambda backend", "video/mp4").videoId();

      StringWriter log = new StringWriter();
      JsonNode video = new VideoWatcher(api, new PrintWriter(log), Duration.ofMillis(250))
          .follow(videoId, Duration.ofMinutes(4));

      assertThat(video.path("status").asText()).as(log.toString()).isEqualTo("READY");
    }
  }

  @Test
  void refusesTheMediaConvertBackendWithTheReason() {
    assertThatThrownBy(() -> LocalRuntime.Options.of(data, 0)
        .withBackend(TranscodeBackend.MEDIACONVERT))
        .hasMessageContaining("MediaConvert cannot run locally");
  }
}
