package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.cli.VodCommand;
import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import dev.svod.local.testing.Eventually;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code vod local} while a video is transcoding, then a new start on the same
 * data directory: the video still ends READY. Runs the real command in child JVMs.
 */
class KillAndRestartIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private Process process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private Process startVodLocal(Path data, int port, String logName) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        VodCommand.class.getName(), "local", "--data", data.toString(), "--port",
        Integer.toString(port), "--workers", "1");
    builder.redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
    return builder.start();
  }

  private static boolean apiAnswers(VodApiClient api) {
    try {
      api.videos(null, 1, null);
      return true;
    } catch (VodApiException e) {
      return false;
    }
  }

  @Test
  void aVideoTranscodingWhenTheRuntimeIsKilledEndsReadyAfterARestart() throws Exception {
    // Given vod local running in another process, transcoding an uploaded clip
    Path data = dir.resolve("data");
    int port = freePortBlock();
    VodApiClient api = new VodApiClient(URI.create("http://127.0.0.1:" + port + "/api"), HTTP);
    process = startVodLocal(data, port, "first.log");
    Eventually.await(Duration.ofMinutes(2), "the first vod local", () -> apiAnswers(api) ? 1 : null);
    Path clip = SampleClip.generate(dir.resolve("clip.mp4"), 640, 360, 20);
    String videoId = new ResumableUploader(api, HTTP, new UploadStateStore(dir.resolve("state")), 2,
        ProgressBar::silent).upload(clip, "kill -9", "video/mp4").videoId();
    Eventually.await(Duration.ofMinutes(2), "a rendition being transcoded", () -> {
      JsonNode video = api.video(videoId);
      for (JsonNode rendition : video.path("renditions")) {
        if (rendition.path("status").asText().equals("PROCESSING")) {
          return rendition;
        }
      }
      return null;
    });

    // When it is killed (SIGKILL: no shutdown hook runs) and started again on the same data
    process.destroyForcibly().waitFor();
    process = startVodLocal(data, port, "second.log");

    // Then the video ends READY and plays through the edge
    StringWriter log = new StringWriter();
    Eventually.await(Duration.ofMinutes(2), "the second vod local", () -> apiAnswers(api) ? 1 : null);
    JsonNode video = new VideoWatcher(api, new PrintWriter(log), Duration.ofMillis(500))
        .follow(videoId, Duration.ofMinutes(6));
    assertThat(video.path("status").asText())
        .as(log + "\n" + Files.readString(dir.resolve("second.log"))).isEqualTo("READY");
    HttpResponse<String> master = HTTP.send(HttpRequest.newBuilder(
        URI.create(video.path("playback").path("hls").asText())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.body()).contains("#EXT-X-STREAM-INF");
  }

  /** A port whose next three are free too (vod local uses four consecutive ports). */
  private static int freePortBlock() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      // Below Linux's ephemeral range (32768+), where client sockets could take a port between
      // this check and the restart
      int base = 20000 + (int) (Math.random() * 12000);
      if (List.of(0, 1, 2, 3).stream().allMatch(offset -> free(base + offset))) {
        return base;
      }
    }
    throw new IOException("No block of four free ports");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
