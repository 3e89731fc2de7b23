package dev.svod.media;

import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated test clips ({@code testsrc2} + {@code sine}) made with the bundled FFmpeg, cached in
 * {@code target/test-media} by name so every test class (and the next run) reuses them.
 */
public final class TestMedia {
  private static final Path DIR = Path.of("target", "test-media").toAbsolutePath();

  private TestMedia() {}

  /** A clip with video (and a stereo tone unless {@code audio} is false), H.264/AAC in MP4. */
  public static Path clip(int width, int height, String fps, double seconds, boolean audio) {
    String name = String.format(java.util.Locale.ROOT, "clip-%dx%d-%s-%.1fs%s.mp4", width, height,
        fps.replace('/', '_'), seconds, audio ? "" : "-silent");
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
        "testsrc2=size=" + width + "x" + height + ":rate=" + fps));
    if (audio) {
      args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2", "-c:a", "aac"));
    }
    args.addAll(List.of("-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast",
        "-pix_fmt", "yuv420p"));
    return generate(name, args);
  }

  /**
   * A silent clip at a high bitrate (~2.5 Mbit/s), for tests that need a file clearly larger than
   * the few hundred kilobytes a prober reads; the header ({@code moov}) is at the end.
   */
  public static Path dense(int width, int height, double seconds) {
    return generate(String.format(java.util.Locale.ROOT, "dense-%dx%d-%.1fs.mp4", width, height, seconds),
        List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25", "-t", Double.toString(seconds),
            "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "2500k", "-pix_fmt", "yuv420p"));
  }

  /**
   * A 320x180 clip with three stereo AAC streams, each a tone of its own: English at 440 Hz, an
   * untagged ({@code und}) one at 550 Hz and German at 880 Hz, in that order.
   */
  public static Path multiAudio(double seconds) {
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25"));
    for (int hz : new int[] {440, 550, 880}) {
      args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + hz + ":sample_rate=48000"));
    }
    args.addAll(List.of("-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:a",
        "-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-ac", "2", "-metadata:s:a:0", "language=eng", "-metadata:s:a:2", "language=deu"));
    return generate(String.format(java.util.Locale.ROOT, "multi-audio-%.1fs.mp4", seconds), args);
  }

  /** A 2 s silent clip stored 360x288 with 16:9 display aspect (anamorphic SD: non-square pixels). */
  public static Path anamorphic() {
    return generate("anamorphic-360x288.mp4", List.of("-f", "lavfi", "-i", "testsrc2=size=360x288:rate=25",
        "-t", "2", "-vf", "setdar=16/9", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
  }

  /** An audio-only M4A (AAC tone) tagged with {@code language}. */
  public static Path audioOnly(double seconds, String language) {
    return generate("tone-" + seconds + "-" + language + ".m4a", List.of("-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=44100", "-t", Double.toString(seconds), "-c:a", "aac",
        "-metadata:s:a:0", "language=" + language));
  }

  /** A 10-bit HEVC clip tagged PQ (HDR10 signalling), without audio. */
  public static Path hdr(int width, int height, double seconds) {
    return generate("hdr-" + width + "x" + height + "-" + seconds + ".mp4", List.of("-f", "lavfi", "-i",
        "testsrc2=size=" + width + "x" + height + ":rate=30", "-t", Double.toString(seconds),
        "-vf", "format=yuv420p10le", "-c:v", "libx265", "-preset", "ultrafast",
        "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc",
        "-color_trc", "smpte2084", "-color_primaries", "bt2020", "-colorspace", "bt2020nc", "-tag:v", "hvc1"));
  }

  /** {@code source} remuxed with its header ({@code moov}) before the media data. */
  public static Path fastStart(Path source) {
    return generate("faststart-" + source.getFileName(), List.of("-i", source.toString(), "-c", "copy",
        "-movflags", "+faststart"));
  }

  /** {@code source} remuxed with a display matrix rotating it 90 degrees, as phones record portrait video. */
  public static Path rotated(Path source) {
    return generate("rotated-" + source.getFileName(), List.of("-display_rotation", "90", "-i", source.toString(), "-c", "copy"));
  }

  private static synchronized Path generate(String name, List<String> args) {
    Path out = DIR.resolve(name);
    if (Files.exists(out)) {
      return out;
    }
    try {
      Files.createDirectories(DIR);
      // A unique temporary name: other builds in this working tree may generate the same clip.
      Path tmp = DIR.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
      FfmpegTools tools = FfmpegTools.locate();
      List<String> command = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin",
          "-v", "error", "-y"));
      command.addAll(args);
      command.addAll(List.of("-f", name.endsWith(".m4a") ? "ipod" : "mp4", tmp.toString()));
      FfmpegProcess.Result result = FfmpegProcess.run(tools, command, Duration.ofMinutes(2), null);
      if (result.exitCode() != 0) {
        throw new IllegalStateException("cannot generate " + name + ": " + result.stderr());
      }
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
