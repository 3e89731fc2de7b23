package dev.svod.local.runtime;

import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A generated sample video (FFmpeg's {@code testsrc2} pattern with a 440 Hz tone, H.264/AAC in
 * MP4), made with the bundled FFmpeg: what {@code vod demo} uploads when given no file.
 */
public final class SampleClip {
  private SampleClip() {}

  /** Writes {@code seconds} of {@code width}x{@code height} at 25 fps to {@code target}. */
  public static Path generate(Path target, int width, int height, double seconds)
      throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temporary = target.resolveSibling(".tmp-" + target.getFileName());
    FfmpegTools tools = FfmpegTools.locate();
    List<String> command = List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin",
        "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", String.format(Locale.ROOT, "%.3f", seconds),
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        "-ac", "2", "-c:a", "aac", "-shortest", "-movflags", "+faststart",
        "-f", "mp4", temporary.toString());
    FfmpegProcess.Result result = FfmpegProcess.run(tools, command, Duration.ofMinutes(5), null);
    if (result.exitCode() != 0) {
      Files.deleteIfExists(temporary);
      throw new IOException("FFmpeg could not generate the sample clip: "
          + result.lastErrorLine());
    }
    return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
