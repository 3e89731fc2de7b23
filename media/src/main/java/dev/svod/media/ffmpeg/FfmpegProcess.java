package dev.svod.media.ffmpeg;

import dev.svod.media.MediaErrorCode;
import dev.svod.media.MediaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one ffmpeg/ffprobe process to completion: stdout either collected or streamed line by line
 * (for {@code -progress pipe:1}), the tail of stderr kept for error messages, a timeout, and the
 * process killed when the calling thread is interrupted.
 */
public final class FfmpegProcess {
  private static final int STDERR_TAIL_CHARS = 16 * 1024;
  /** {@link Result#exitCode()} of a process killed for taking longer than its timeout. */
  public static final int TIMED_OUT = -1;

  private FfmpegProcess() {}

  /**
   * The outcome of a process.
   *
   * @param exitCode exit status, {@link #TIMED_OUT} when it was killed for taking too long
   * @param stdout collected standard output (empty when streamed to a consumer)
   * @param stderr the last 16 KiB of standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {
    /** The last non-blank line of stderr, FFmpeg's usual one-line reason for failing. */
    public String lastErrorLine() {
      List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "exit status " + exitCode : lines.getLast().strip();
    }
  }

  /**
   * Runs {@code command} with the tools' environment.
   *
   * @param stdoutLines receives each stdout line as it arrives, or {@code null} to collect stdout
   */
  public static Result run(FfmpegTools tools, List<String> command, Duration timeout, Consumer<String> stdoutLines) {
    Process process;
    try {
      process = tools.processBuilder(command).start();
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE, "cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    }
    StringBuilder stderr = new StringBuilder();
    Thread errReader = Thread.ofVirtual().start(() -> readTail(process.getErrorStream(), stderr));
    StringBuilder stdout = new StringBuilder();
    Thread outReader = Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (stdoutLines != null) {
            stdoutLines.accept(line);
          } else {
            stdout.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process went away; its exit status tells the story
      }
    });
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
      }
      outReader.join();
      errReader.join();
      synchronized (stderr) {
        return new Result(finished ? process.exitValue() : TIMED_OUT, stdout.toString(),
            finished ? stderr.toString() : stderr + "\ntimed out after " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "interrupted", e);
    }
  }

  private static void readTail(InputStream in, StringBuilder tail) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (tail) {
          tail.append(line).append('\n');
          if (tail.length() > 2 * STDERR_TAIL_CHARS) {
            tail.delete(0, tail.length() - STDERR_TAIL_CHARS);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
