package dev.svod.media.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time consumed by this JVM's finished child processes (FFmpeg), for benchmarks.
 *
 * <p>On Linux the kernel adds the user and system time of every child the JVM has reaped to the
 * {@code cutime}/{@code cstime} fields of {@code /proc/self/stat}, the same numbers {@code time(1)}
 * and {@code getrusage(RUSAGE_CHILDREN)} report; the difference between two readings is the CPU
 * used by the children that finished in between, including every thread of a multi-threaded FFmpeg.
 * Elsewhere the clock is unavailable.
 */
public final class ChildCpuClock {
  /** USER_HZ: the unit of the {@code /proc} times, 100 on every Linux architecture we run on. */
  private static final int TICKS_PER_SECOND = 100;
  private static final Path STAT = Path.of("/proc/self/stat");

  private ChildCpuClock() {}

  /** User plus system CPU time of all reaped children so far, if this OS tells. */
  public static Optional<Duration> reapedChildrenCpu() {
    try {
      String stat = Files.readString(STAT);
      // Fields after the command name, which is in parentheses and may itself contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long cutime = Long.parseLong(fields[13]);
      long cstime = Long.parseLong(fields[14]);
      return Optional.of(Duration.ofMillis((cutime + cstime) * 1000 / TICKS_PER_SECOND));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
