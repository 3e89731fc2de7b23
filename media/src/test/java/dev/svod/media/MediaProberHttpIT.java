package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing a source over HTTP(S) with range requests, as the workflow probes a presigned S3 GET. */
class MediaProberHttpIT {
  private static final char[] PASSWORD = "test-only".toCharArray();

  @TempDir static Path served;
  @TempDir static Path tls;

  private static Path headerFirst;
  private static Path headerLast;

  @BeforeAll
  static void serveClipsAndMakeACertificate() throws Exception {
    // ~2 MB with the header at the end, so finding it by reading through would be visible
    Path clip = TestMedia.dense(640, 360, 6);
    headerLast = Files.copy(clip, served.resolve("header-last.mp4"));
    headerFirst = Files.copy(TestMedia.fastStart(clip), served.resolve("header-first.mp4"));
    Files.writeString(served.resolve("notes.mp4"), "just some text\n");
    Files.createFile(served.resolve("empty.mp4"));
    RangeFileServer.selfSignedCertificate(tls, PASSWORD);
  }

  @Test
  void describesAnHttpSourceExactlyAsTheSameFile() {
    try (RangeFileServer server = RangeFileServer.http(served)) {
      SourceInfo remote = new MediaProber().probe(server.uri("header-first.mp4"));

      assertThat(remote).isEqualTo(new MediaProber().probe(headerFirst));
    }
  }

  @Test
  void jumpsToAMovieHeaderAtTheEndWithARangeRequestInsteadOfReadingThrough() throws Exception {
    try (RangeFileServer server = RangeFileServer.http(served)) {
      SourceInfo remote = new MediaProber().probe(server.uri("header-last.mp4"));

      assertThat(remote).isEqualTo(new MediaProber().probe(headerLast));
      assertThat(remote.sizeBytes()).isEqualTo(Files.size(headerLast));
      assertThat(server.rangeStarts()).anyMatch(start -> start > remote.sizeBytes() / 2);
    }
  }

  @Test
  void readsAnHttpsSourceWhoseCertificateIsTrusted() {
    TlsTrust trust = TlsTrust.fromPem(tls.resolve("server.pem"));
    try (RangeFileServer server = RangeFileServer.https(served, tls.resolve("server.p12"), PASSWORD)) {
      SourceInfo remote = new MediaProber(FfmpegTools.locate(), ProbeLimits.defaults(), trust)
          .probe(server.uri("header-first.mp4"));

      assertThat(remote.video().codec()).isEqualTo("h264");
    }
  }

  @Test
  void refusesAnHttpsSourceWhoseCertificateIsNotTrusted() {
    try (RangeFileServer server = RangeFileServer.https(served, tls.resolve("server.p12"), PASSWORD)) {
      assertThatThrownBy(() -> new MediaProber().probe(server.uri("header-first.mp4")))
          .isInstanceOfSatisfying(MediaException.class,
              e -> assertThat(e.code()).isEqualTo(MediaErrorCode.UNREADABLE_SOURCE));
    }
  }

  @Test
  void ffprobeItselfVerifiesTheServerUnderTheHttpsInputOptions() {
    // Given ffprobe with the options the prober uses, trusting only the JDK's authorities
    try (RangeFileServer server = RangeFileServer.https(served, tls.resolve("server.p12"), PASSWORD)) {
      URI url = server.uri("header-first.mp4");
      FfmpegTools tools = FfmpegTools.locate();
      List<String> command = new ArrayList<>(List.of(tools.ffprobe().toString(), "-hide_banner", "-v", "error"));
      command.addAll(new HttpSources(TlsTrust::jdkDefaults).inputOptions(url));
      command.addAll(List.of("-show_format", url.toString()));

      // When it reads a server with a self-signed certificate
      FfmpegProcess.Result result = FfmpegProcess.run(tools, command, Duration.ofMinutes(1), null);

      // Then it refuses the connection rather than reading unverified bytes
      assertThat(result.exitCode()).isNotZero();
      assertThat(server.rangeStarts()).isEmpty();
    }
  }

  @Test
  void remoteTextEmptyAndMissingSourcesGetTypedErrors() {
    try (RangeFileServer server = RangeFileServer.http(served)) {
      assertRefused(server.uri("notes.mp4"), MediaErrorCode.NOT_A_VIDEO, "text");
      assertRefused(server.uri("empty.mp4"), MediaErrorCode.NOT_A_VIDEO, "empty");
      assertRefused(server.uri("gone.mp4"), MediaErrorCode.UNREADABLE_SOURCE, "HTTP 404");
    }
  }

  @Test
  void aServerFailingMidReadMakesTheSourceUnreachableNotBad() {
    // Given a server that answers the prober's first request, then only 503
    try (RangeFileServer server = RangeFileServer.http(served)) {
      server.failRequestsAfter(1);

      // When / Then the probe fails as a passing condition (the workflow retries it), not as bad media
      assertRefused(server.uri("header-last.mp4"), MediaErrorCode.SOURCE_UNREACHABLE, "Server Error");
    }
  }

  @Test
  void aProbeThatOutlastsItsTimeLimitIsRefusedForGood() {
    // Given a server that answers the prober's first request, then nothing, and a 2 s limit
    ProbeLimits limits = new ProbeLimits(8192, 7680L * 4320, 3600, 32, Duration.ofSeconds(2));
    try (RangeFileServer server = RangeFileServer.http(served)) {
      server.stallRequestsAfter(1);

      // When / Then ffprobe is stopped and the source refused as unreadable (final, not retried)
      assertThatThrownBy(() -> new MediaProber(FfmpegTools.locate(), limits).probe(server.uri("header-last.mp4")))
          .isInstanceOfSatisfying(MediaException.class, e -> {
            assertThat(e.code()).isEqualTo(MediaErrorCode.UNREADABLE_SOURCE);
            assertThat(e.reason()).contains("within 2 s");
          });
    }
  }

  @Test
  void readsNoOtherSchemeThanHttpAndHttps() {
    assertThatThrownBy(() -> new MediaProber().probe(URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUrlWithoutHostIsRefusedWithoutRepeatingItsQuery() {
    assertThatThrownBy(() -> new MediaProber().probe(URI.create("https:///clip.mp4?X-Amz-Signature=s3cr3t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no host")
        .hasMessageNotContaining("s3cr3t");
  }

  private static void assertRefused(URI url, MediaErrorCode code, String reasonPart) {
    assertThatThrownBy(() -> new MediaProber().probe(url))
        .isInstanceOfSatisfying(MediaException.class, e -> {
          assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
          assertThat(e.getMessage()).contains(reasonPart);
        });
  }
}
