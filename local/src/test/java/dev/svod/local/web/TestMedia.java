package dev.svod.local.web;

import dev.svod.local.runtime.SampleClip;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Media files the browser tests upload, generated with the bundled FFmpeg. */
final class TestMedia {
  private TestMedia() {}

  /**
   * A short H.264/AAC MP4 of {@code testsrc2} with a tone. 640x360 gives the ladder two rungs
   * (360p and 234p), so the player has two renditions to offer.
   */
  static Path clip(Path dir, String name, int width, int height, int seconds) throws IOException {
    return SampleClip.generate(dir.resolve(name), width, height, seconds);
  }

  /**
   * A 320x180 H.264 MP4 of {@code testsrc2} with two AAC audio streams: English (440 Hz) first, then
   * German (660 Hz), tagged {@code eng} and {@code deu}, so the pipeline makes two audio renditions.
   */
  static Path twoLanguageClip(Path dir, String name, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve(name);
    run(List.of(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000",
        "-map", "0:v", "-map", "1:a", "-map", "2:a", "-t", Integer.toString(seconds),
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=deu",
        "-movflags", "+faststart", out.toString()));
    return out;
  }

  /**
   * A Matroska file of uncompressed video, so that a couple of seconds weigh {@code >= minBytes}
   * (several upload parts) without spending CPU on encoding.
   */
  static Path largeClip(Path dir, String name, long minBytes) throws IOException, InterruptedException {
    int width = 640;
    int height = 360;
    long frameBytes = width * height * 3L / 2; // yuv420p
    long frames = minBytes / frameBytes + 1;
    Path out = dir.resolve(name);
    run(List.of(
        "-f", "lavfi", "-i", "testsrc2=s=" + width + "x" + height + ":r=25",
        "-frames:v", Long.toString(frames), "-c:v", "rawvideo", "-pix_fmt", "yuv420p", out.toString()));
    return out;
  }

  /**
   * A sparse file of {@code size} bytes with a video name: it takes no disk space, and the API must
   * refuse it by its declared size before a byte is sent.
   */
  static Path sparseFile(Path dir, String name, long size) throws IOException {
    Path file = dir.resolve(name);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
    }
    return file;
  }

  /** A plain text file: not media, the API must refuse it. */
  static Path textFile(Path dir, String name) throws IOException {
    return Files.writeString(dir.resolve(name), "These are meeting notes, not a video.\n", StandardCharsets.UTF_8);
  }

  private static void run(List<String> arguments) throws IOException, InterruptedException {
    FfmpegTools tools = FfmpegTools.locate();
    List<String> command = new ArrayList<>();
    command.add(tools.ffmpeg().toString());
    command.addAll(List.of("-hide_banner", "-loglevel", "error", "-y"));
    command.addAll(arguments);
    Process process = tools.processBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("ffmpeg failed: " + command + "\n" + output);
    }
  }
}
