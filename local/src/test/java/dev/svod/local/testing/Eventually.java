package dev.svod.local.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; tests never sleep a fixed time. */
public final class Eventually {
  private static final Duration QUICK = Duration.ofMillis(20);

  private Eventually() {}

  /** Returns the first non-null value of {@code probe}, or fails after {@code timeout}. */
  public static <T> T await(Duration timeout, String what, Supplier<T> probe) {
    return await(timeout, QUICK, what, probe, () -> "nothing");
  }

  /**
   * Returns the first non-null value of {@code probe}, probing every {@code interval}, or fails
   * after {@code timeout} naming {@code what} and what {@code describeLast} saw last. A longer
   * interval keeps polling from competing for CPU with the pipeline a test waits on.
   */
  public static <T> T await(Duration timeout, Duration interval, String what, Supplier<T> probe,
      Supplier<String> describeLast) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what
            + "; last seen: " + describeLast.get());
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }
}
