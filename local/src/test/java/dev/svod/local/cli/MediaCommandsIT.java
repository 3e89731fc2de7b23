package dev.svod.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vod probe}, {@code vod transcode} and {@code vod bench transcode} in-process on a tiny clip. */
class MediaCommandsIT {
  @TempDir static Path fixtures;
  static Path clip;

  @TempDir Path out;

  @BeforeAll
  static void generateClip() {
    FfmpegTools tools = FfmpegTools.locate();
    clip = fixtures.resolve("clip.mp4");
    var result = FfmpegProcess.run(tools, List.of(tools.ffmpeg().toString(), "-v", "error", "-nostdin",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
        "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
        // header first: the URL test's plain server answers without range support
        "-movflags", "+faststart", clip.toString()), Duration.ofMinutes(1), null);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  private record Run(int exit, String out, String err) {}

  private static Run vod(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine vod = VodCommand.commandLine();
    vod.setOut(new PrintWriter(out, true));
    vod.setErr(new PrintWriter(err, true));
    int exit = vod.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void probeDescribesTheClipAndItsLadder() {
    Run run = vod("probe", clip.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("h264", "320x180", "aac", "ladder", "180p", "audio");
  }

  @Test
  void probeReadsAnHttpUrlAndNeverPrintsItsQuery() throws Exception {
    // Given the clip behind a URL whose query carries a (fake) presigned signature
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = Files.readAllBytes(clip);
        exchange.getResponseHeaders().add("Connection", "close");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    try {
      // When
      Run run = vod("probe", "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4?X-Amz-Signature=s3cr3t");

      // Then
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("source     http://127.0.0.1:", "/clip.mp4", "h264", "320x180")
          .doesNotContain("s3cr3t");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void transcodeWritesTheOutputLayoutWithPlainProgressLines() {
    Run run = vod("transcode", clip.toString(), "--out", out.toString(), "--mode", "per-rendition", "--preset", "ultrafast");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("progress 100%").doesNotContain("\r");
    for (String file : List.of("master.m3u8", "180p/index.m3u8", "180p/iframes.m3u8", "180p/init.mp4",
        "180p/seg_00001.m4s", "audio/index.m3u8", "poster.jpg", "storyboard.jpg", "storyboard.vtt")) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
  }

  @Test
  void transcodeOfABadFileFailsWithTheCode() throws Exception {
    Path text = Files.writeString(out.resolve("notes.mp4"), "not media");
    Run run = vod("transcode", text.toString(), "--out", out.resolve("o").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("NOT_A_VIDEO");
  }

  @Test
  void benchTranscodeComparesBothModes() {
    Run run = vod("bench", "transcode", clip.toString(), "--preset", "ultrafast");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("per-rendition", "single-decode", "CPU s/output min", "ratio per-rendition/single-decode");
  }
}
