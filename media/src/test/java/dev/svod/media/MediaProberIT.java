package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProberIT {
  private final MediaProber prober = new MediaProber();

  @TempDir Path dir;

  @Test
  void describesVideoAndAudio() throws Exception {
    SourceInfo info = prober.probe(TestMedia.clip(320, 180, "25", 2, true));

    assertThat(info.container()).isEqualTo("mov");
    assertThat(info.durationSeconds()).isBetween(1.9, 2.2);
    assertThat(info.video()).satisfies(v -> {
      assertThat(v.codec()).isEqualTo("h264");
      assertThat(v.codedWidth()).isEqualTo(320);
      assertThat(v.displayHeight()).isEqualTo(180);
      assertThat(v.frameRate()).isEqualTo(25);
      assertThat(v.pixelFormat()).isEqualTo("yuv420p");
      assertThat(v.bitDepth()).isEqualTo(8);
      assertThat(v.hdr()).isFalse();
      assertThat(v.rotation()).isZero();
    });
    assertThat(info.audio()).singleElement().satisfies(a -> {
      assertThat(a.codec()).isEqualTo("aac");
      assertThat(a.channels()).isEqualTo(2);
      assertThat(a.sampleRate()).isEqualTo(48000);
      assertThat(a.language()).isEqualTo("und");
    });
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readValue(json.writeValueAsString(info), SourceInfo.class)).isEqualTo(info);
  }

  @Test
  void videoWithoutAudioHasNoAudioStreams() {
    SourceInfo info = prober.probe(TestMedia.clip(320, 180, "30", 2, false));
    assertThat(info.hasVideo()).isTrue();
    assertThat(info.audio()).isEmpty();
  }

  @Test
  void audioOnlyFileIsAcceptedWithItsLanguage() {
    SourceInfo info = prober.probe(TestMedia.audioOnly(2, "deu"));
    assertThat(info.video()).isNull();
    assertThat(info.audio()).singleElement().satisfies(a -> assertThat(a.language()).isEqualTo("deu"));
  }

  @Test
  void rotatedPhoneVideoReportsPortraitDisplaySize() {
    SourceInfo info = prober.probe(TestMedia.rotated(TestMedia.clip(320, 180, "30", 2, false)));
    assertThat(info.video().rotation()).isIn(90, 270);
    assertThat(info.video().codedWidth()).isEqualTo(320);
    assertThat(info.video().displayWidth()).isEqualTo(180);
    assertThat(info.video().displayHeight()).isEqualTo(320);
    assertThat(new LadderPlanner().plan(info).getFirst().width()).isEqualTo(180);
  }

  @Test
  void anamorphicVideoReportsItsDisplayAspect() {
    SourceInfo.VideoStream v = prober.probe(TestMedia.anamorphic()).video();
    assertThat(v.codedWidth()).isEqualTo(360);
    assertThat(v.codedHeight()).isEqualTo(288);
    assertThat(v.displayWidth()).isEqualTo(512);
    assertThat(v.displayHeight()).isEqualTo(288);
  }

  @Test
  void truncatedUploadIsUnreadable() throws Exception {
    Path whole = TestMedia.clip(320, 180, "30", 2, true);
    Path truncated = dir.resolve("cut.mp4");
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertRefused(truncated, MediaErrorCode.UNREADABLE_SOURCE);
  }

  @Test
  void textRenamedToMp4IsNotAVideo() throws Exception {
    Path text = Files.writeString(dir.resolve("holiday.mp4"), "Dear diary, today I did not film anything.\n");
    assertRefused(text, MediaErrorCode.NOT_A_VIDEO);
  }

  @Test
  void binaryGarbageIsNotAVideo() throws Exception {
    byte[] noise = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(noise);
    assertRefused(Files.write(dir.resolve("noise.mov"), noise), MediaErrorCode.NOT_A_VIDEO);
  }

  @Test
  void playlistPointingAtALocalFileIsRefused() throws Exception {
    Path target = TestMedia.clip(320, 180, "30", 2, true);
    Path playlist = Files.writeString(dir.resolve("trick.m3u8"),
        "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\nfile:" + target + "\n#EXT-X-ENDLIST\n");
    assertRefused(playlist, MediaErrorCode.UNSUPPORTED_INPUT);

    // Even disguised as an .mp4 with binary bytes in it, it is refused (and FFmpeg's demuxer allowlist would too).
    Path disguised = dir.resolve("trick.mp4");
    Files.write(disguised, ("#EXTM3U\u0001\n#EXTINF:2,\n" + target + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertRefused(disguised, MediaErrorCode.UNSUPPORTED_INPUT);
  }

  @Test
  void ffmpegItselfRefusesPlaylistsUnderTheSafeInputOptions() throws Exception {
    // The content sniffing above is the first line; FFmpeg's demuxer allowlist is the second.
    Path target = TestMedia.clip(320, 180, "30", 2, true);
    Path playlist = Files.writeString(dir.resolve("trick.m3u8"), "#EXTM3U\n#EXTINF:2,\nfile:" + target + "\n#EXT-X-ENDLIST\n");
    var tools = dev.svod.media.ffmpeg.FfmpegTools.locate();
    var command = new java.util.ArrayList<>(java.util.List.of(tools.ffprobe().toString(), "-v", "error"));
    command.addAll(MediaProber.safeInputOptions());
    command.addAll(java.util.List.of("-show_streams", MediaProber.fileUrl(playlist)));

    var result = dev.svod.media.ffmpeg.FfmpegProcess.run(tools, command, java.time.Duration.ofMinutes(1), null);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).doesNotContain("h264");
  }

  @Test
  void concatListIsRefused() throws Exception {
    Path list = Files.writeString(dir.resolve("list.txt"), "ffconcat version 1.0\nfile '/etc/passwd'\n");
    assertRefused(list, MediaErrorCode.UNSUPPORTED_INPUT);
  }

  @Test
  void sourcesBeyondTheLimitsAreRefused() {
    Path clip = TestMedia.clip(320, 180, "30", 2, true);
    assertThatThrownBy(() -> new MediaProber(dev.svod.media.ffmpeg.FfmpegTools.locate(), new ProbeLimits(300, 1L << 30, 3600, 8, Duration.ofMinutes(1))).probe(clip))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo(MediaErrorCode.LIMIT_EXCEEDED));
    assertThatThrownBy(() -> new MediaProber(dev.svod.media.ffmpeg.FfmpegTools.locate(), new ProbeLimits(8192, 1L << 30, 1, 8, Duration.ofMinutes(1))).probe(clip))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo(MediaErrorCode.LIMIT_EXCEEDED));
    assertThatThrownBy(() -> new MediaProber(dev.svod.media.ffmpeg.FfmpegTools.locate(), new ProbeLimits(8192, 1L << 30, 3600, 1, Duration.ofMinutes(1))).probe(clip))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).contains("streams"));
  }

  @Test
  void missingAndEmptyFilesAreRefused() throws Exception {
    assertRefused(dir.resolve("nothing.mp4"), MediaErrorCode.UNREADABLE_SOURCE);
    assertRefused(Files.createFile(dir.resolve("empty.mp4")), MediaErrorCode.NOT_A_VIDEO);
  }

  private void assertRefused(Path file, MediaErrorCode code) {
    assertThatThrownBy(() -> prober.probe(file))
        .isInstanceOfSatisfying(MediaException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.reason()).isNotBlank().doesNotContain("\n");
        });
  }
}
