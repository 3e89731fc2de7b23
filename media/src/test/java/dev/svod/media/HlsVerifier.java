package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import io.lindstrom.m3u8.model.AlternativeRendition;
import io.lindstrom.m3u8.model.IFrameVariant;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks an HLS output directory against the media rules, independently of the code that wrote it:
 * playlists are parsed with m3u8-parser, streams are inspected with ffprobe on init + segment bytes.
 */
final class HlsVerifier {
  static final double TARGET_SECONDS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> AVC_PROFILES = Map.of("High", "64", "Main", "4d", "Constrained Baseline", "42");

  private final Path dir;
  final MasterPlaylist master;

  HlsVerifier(Path dir) throws IOException {
    this.dir = dir;
    String text = Files.readString(dir.resolve("master.m3u8"));
    assertThat(text).contains("#EXT-X-INDEPENDENT-SEGMENTS");
    this.master = new MasterPlaylistParser().readPlaylist(text);
  }

  MediaPlaylist media(String uri) throws IOException {
    MediaPlaylist playlist = new MediaPlaylistParser().readPlaylist(Files.readString(dir.resolve(uri)));
    assertThat(playlist.playlistType()).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("VOD"));
    assertThat(playlist.ongoing()).isFalse();
    assertThat(playlist.targetDuration()).isLessThanOrEqualTo((int) TARGET_SECONDS);
    assertThat(playlist.mediaSegments().getFirst().segmentMap()).isPresent();
    return playlist;
  }

  /** Every rule for every variant: segments, key frames, bit rates, codecs, resolution, frame rate, I-frames. */
  void verifyAll() throws IOException {
    for (AlternativeRendition rendition : master.alternativeRenditions()) {
      assertThat(rendition.language()).as(rendition.name()).isPresent();
      if (rendition.uri().isPresent()) {
        media(rendition.uri().get());
      }
    }
    // An audio-only variant's own stream is audio; a video variant adds the group's first playlist.
    AlternativeRendition audio = master.alternativeRenditions().stream().filter(a -> a.uri().isPresent())
        .findFirst().orElse(null);
    for (Variant variant : master.variants()) {
      MediaPlaylist video = media(variant.uri());
      boolean audioOnly = variant.codecs().getFirst().startsWith("mp4a");
      MediaPlaylist audioPlaylist = audio == null || audioOnly ? null : media(audio.uri().orElseThrow());
      Path renditionDir = dir.resolve(variant.uri()).getParent();
      long bytes = 0;
      double seconds = 0;
      for (int i = 0; i < video.mediaSegments().size(); i++) {
        MediaSegment segment = video.mediaSegments().get(i);
        assertThat(segment.duration()).as("segment %s duration", segment.uri()).isLessThanOrEqualTo(TARGET_SECONDS + 0.5);
        if (i < video.mediaSegments().size() - 1) {
          assertThat(segment.duration()).isGreaterThanOrEqualTo(TARGET_SECONDS - 0.5);
        }
        Path file = renditionDir.resolve(segment.uri());
        long size = Files.size(file);
        double segmentBits = size * 8.0;
        double audioBits = 0;
        if (audioPlaylist != null && i < audioPlaylist.mediaSegments().size()) {
          MediaSegment a = audioPlaylist.mediaSegments().get(i);
          audioBits = Files.size(dir.resolve(audio.uri().orElseThrow()).getParent().resolve(a.uri())) * 8.0;
          assertThat(segmentBits / segment.duration() + audioBits / a.duration())
              .as("segment %d peak within BANDWIDTH", i + 1).isLessThanOrEqualTo(variant.bandwidth());
        } else {
          assertThat(segmentBits / segment.duration()).isLessThanOrEqualTo(variant.bandwidth());
        }
        bytes += size;
        seconds += segment.duration();
        if (!audioOnly) {
          JsonNode packets = ffprobe(renditionDir.resolve("init.mp4"), file, 0, size, "packet=flags");
          assertThat(packets.path("packets").get(0).path("flags").asText())
              .as("key frame at the start of %s", file).startsWith("K");
        }
      }
      long averageBits = (long) (bytes * 8 / seconds);
      if (audioPlaylist != null) {
        averageBits += averageBitrate(dir.resolve(audio.uri().orElseThrow()).getParent(), audioPlaylist);
      }
      assertThat((double) averageBits).as("measured average of %s", variant.uri())
          .isCloseTo(variant.averageBandwidth().orElseThrow(), org.assertj.core.data.Percentage.withPercentage(10));
      if (!audioOnly) {
        verifyVideoStream(variant, renditionDir, video.mediaSegments().getFirst().uri());
      }
    }
    for (IFrameVariant iframe : master.iFrameVariants()) {
      verifyIFrames(iframe);
    }
  }

  private void verifyVideoStream(Variant variant, Path renditionDir, String firstSegment) throws IOException {
    Path segment = renditionDir.resolve(firstSegment);
    JsonNode stream = ffprobe(renditionDir.resolve("init.mp4"), segment, 0, Files.size(segment),
        "stream=codec_name,profile,level,width,height,avg_frame_rate").path("streams").get(0);
    String codecs = variant.codecs().getFirst();
    String expected = String.format("avc1.%s00%02x", AVC_PROFILES.get(stream.path("profile").asText()), stream.path("level").asInt());
    // The middle byte holds constraint flags; compare profile and level, which ffprobe reports.
    assertThat(codecs.substring(0, 7) + codecs.substring(9)).isEqualTo(expected.substring(0, 7) + expected.substring(9));
    assertThat(variant.resolution().orElseThrow().width()).isEqualTo(stream.path("width").asInt());
    assertThat(variant.resolution().orElseThrow().height()).isEqualTo(stream.path("height").asInt());
    String[] rate = stream.path("avg_frame_rate").asText().split("/");
    assertThat(variant.frameRate().orElseThrow())
        .isCloseTo(Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]), org.assertj.core.data.Offset.offset(0.01));
  }

  private void verifyIFrames(IFrameVariant iframe) throws IOException {
    MediaPlaylist playlist = new MediaPlaylistParser().readPlaylist(Files.readString(dir.resolve(iframe.uri())));
    assertThat(playlist.iFramesOnly()).isTrue();
    assertThat(playlist.mediaSegments()).isNotEmpty();
    Path renditionDir = dir.resolve(iframe.uri()).getParent();
    for (MediaSegment entry : playlist.mediaSegments()) {
      var range = entry.byteRange().orElseThrow();
      JsonNode packets = ffprobe(renditionDir.resolve("init.mp4"), renditionDir.resolve(entry.uri()),
          range.offset().orElseThrow(), range.length(), "packet=flags").path("packets");
      assertThat(packets.size()).as("an I-frame range holds exactly its key frame").isEqualTo(1);
      assertThat(packets.get(0).path("flags").asText()).startsWith("K");
    }
  }

  private static long averageBitrate(Path renditionDir, MediaPlaylist playlist) throws IOException {
    long bytes = 0;
    double seconds = 0;
    for (MediaSegment s : playlist.mediaSegments()) {
      bytes += Files.size(renditionDir.resolve(s.uri()));
      seconds += s.duration();
    }
    return (long) (bytes * 8 / seconds);
  }

  /** ffprobe on init + a byte range of a segment, as a player would assemble them. */
  static JsonNode ffprobe(Path init, Path segment, long offset, long length, String entries) throws IOException {
    Path joined = joined(init, segment, offset, length);
    try {
      FfmpegTools tools = FfmpegTools.locate();
      var result = FfmpegProcess.run(tools, List.of(tools.ffprobe().toString(), "-v", "quiet", "-of", "json",
          "-select_streams", "0", "-show_entries", entries, joined.toString()), Duration.ofMinutes(1), null);
      return JSON.readTree(result.stdout());
    } finally {
      Files.delete(joined);
    }
  }

  /**
   * The frequency in Hz of the tone in an audio rendition's first segment, counted from the rising
   * zero crossings of its decoded mono samples (the test clips hold pure sine tones).
   */
  static double toneFrequency(Path renditionDir) throws IOException {
    Path segment = renditionDir.resolve("seg_00001.m4s");
    Path joined = joined(renditionDir.resolve("init.mp4"), segment, 0, Files.size(segment));
    Path pcm = Files.createTempFile("hls-tone", ".raw");
    try {
      FfmpegTools tools = FfmpegTools.locate();
      var result = FfmpegProcess.run(tools, List.of(tools.ffmpeg().toString(), "-v", "error", "-y", "-i",
          joined.toString(), "-ac", "1", "-ar", "48000", "-f", "s16le", pcm.toString()), Duration.ofMinutes(1), null);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      java.nio.ShortBuffer samples = java.nio.ByteBuffer.wrap(Files.readAllBytes(pcm))
          .order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      int rising = 0;
      for (int i = 1; i < samples.limit(); i++) {
        if (samples.get(i - 1) < 0 && samples.get(i) >= 0) {
          rising++;
        }
      }
      return rising * 48000.0 / samples.limit();
    } finally {
      Files.delete(joined);
      Files.delete(pcm);
    }
  }

  private static Path joined(Path init, Path segment, long offset, long length) throws IOException {
    Path joined = Files.createTempFile("hls-check", ".mp4");
    try (OutputStream out = Files.newOutputStream(joined)) {
      out.write(Files.readAllBytes(init));
      byte[] all = Files.readAllBytes(segment);
      out.write(Arrays.copyOfRange(all, (int) offset, (int) (offset + length)));
    }
    return joined;
  }
}
