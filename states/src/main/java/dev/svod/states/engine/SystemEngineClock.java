package dev.svod.states.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The wall clock; sleeps in short slices so cancellation (StopExecution) is seen promptly. */
final class SystemEngineClock implements EngineClock {
  static final SystemEngineClock INSTANCE = new SystemEngineClock();
  private static final long SLICE_MILLIS = 100;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException {
    while (!cancelled.getAsBoolean()) {
      long left = Duration.between(Instant.now(), until).toMillis();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(left, SLICE_MILLIS));
    }
  }

  @Override
  public boolean await(CompletableFuture<?> work, Supplier<Instant> deadline, BooleanSupplier cancelled)
      throws InterruptedException {
    while (!cancelled.getAsBoolean()) {
      Instant d = deadline.get();
      long left = d == null ? SLICE_MILLIS : Duration.between(Instant.now(), d).toMillis();
      if (left <= 0) {
        return work.isDone();
      }
      try {
        work.get(Math.min(left, SLICE_MILLIS), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        // next slice
      } catch (ExecutionException e) {
        return true;
      }
    }
    return work.isDone();
  }
}
