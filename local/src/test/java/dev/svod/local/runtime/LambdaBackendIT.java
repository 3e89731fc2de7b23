package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.TranscodeBackend;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFmpeg-in-Lambda backend (what LocalStack runs) through the same local pipeline. */
class LambdaBackendIT {

  @TempDir Path data;

  @Test
  void transcodesInTheTranscodeFunctionWhenTheBackendIsLambda() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.of(data.resolve("vod"), 0)
        .withBackend(TranscodeBackend.LAMBDA))) {
      Path clip = SampleClip.generate(data.resolve("clip.mp4"), 320, 180, 2);

      ReadyVideos.uploadAndAwaitReady(runtime, HttpClient.newHttpClient(), clip, "lambda backend",
          data.resolve("u"));
    }
  }

  @Test
  void refusesTheMediaConvertBackendWithTheReason() {
    assertThatThrownBy(() -> LocalRuntime.Options.of(data, 0)
        .withBackend(TranscodeBackend.MEDIACONVERT))
        .hasMessageContaining("MediaConvert cannot run locally");
  }
}
