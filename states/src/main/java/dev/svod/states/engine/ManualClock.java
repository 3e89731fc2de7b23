package dev.svod.states.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A clock for tests. In fast-forward mode every wait completes at once (time jumps to its end);
 * otherwise waits block until a test calls {@link #advance(Duration)}.
 */
public final class ManualClock implements EngineClock {
  private Instant now;
  private final boolean fastForward;

  public ManualClock(Instant start, boolean fastForward) {
    this.now = start;
    this.fastForward = fastForward;
  }

  /** A clock whose waits finish immediately, starting at the current wall-clock time. */
  public static ManualClock fastForward() {
    return new ManualClock(Instant.now(), true);
  }

  @Override
  public boolean skipsWaits() {
    return fastForward;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  /** Moves time forward and wakes every waiter whose deadline has come. */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
    notifyAll();
  }

  @Override
  public synchronized void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException {
    if (fastForward) {
      if (until.isAfter(now)) {
        now = until;
      }
      return;
    }
    while (now.isBefore(until) && !cancelled.getAsBoolean()) {
      wait(50);
    }
  }

  @Override
  public boolean await(CompletableFuture<?> work, Supplier<Instant> deadline, BooleanSupplier cancelled)
      throws InterruptedException {
    while (!cancelled.getAsBoolean()) {
      try {
        work.get(20, TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        Instant d = deadline.get();
        if (d != null && !now().isBefore(d)) {
          return work.isDone();
        }
      } catch (ExecutionException e) {
        return true;
      }
    }
    return work.isDone();
  }
}
