package dev.svod.functions.testing;

import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tiny test sources made with the bundled FFmpeg (a few seconds of testsrc2, at most 320x180). */
public final class TestMedia {
  private TestMedia() {}

  /** An H.264/AAC MP4 of {@code seconds} seconds at 320x180, 30 fps, with a 440 Hz tone. */
  public static Path clip(Path dir, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve("clip.mp4");
    List<String> command = List.of(FfmpegTools.locate().ffmpeg().toString(), "-hide_banner", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "64k", "-shortest", out.toString());
    Process process = FfmpegTools.locate().processBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("cannot make the test clip: " + log);
    }
    return out;
  }
}
