package dev.svod.local.contract;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline: the scenarios never sleep a fixed time.
 * The pause between two probes only keeps the polling from competing with the pipeline for CPU.
 */
final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {}

  /**
   * Returns the first non-null value {@code probe} gives, or fails once {@code timeout} has passed,
   * naming {@code what} and the last value {@code describeLast} reports.
   */
  static <T> T until(Duration timeout, String what, Supplier<T> probe, Supplier<String> describeLast) {
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
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      }
    }
  }
}
