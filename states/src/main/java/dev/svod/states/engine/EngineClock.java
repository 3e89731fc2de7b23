package dev.svod.states.engine;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Time as the engine sees it: Wait states, retry back-off and task timeouts go through here so
 * tests can advance (or fast-forward) time instead of sleeping.
 */
public interface EngineClock {
  Instant now();

  /** Blocks until {@code until}, or returns early when {@code cancelled} becomes true. */
  void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException;

  /**
   * Waits for {@code work} until the deadline (null = none) or cancellation; true when it completed.
   */
  boolean await(CompletableFuture<?> work, java.util.function.Supplier<Instant> deadline, BooleanSupplier cancelled)
      throws InterruptedException;

  /** True when waits complete at once (time jumps); timeouts are then checked between states. */
  default boolean skipsWaits() {
    return false;
  }

  /** The wall clock. */
  static EngineClock system() {
    return SystemEngineClock.INSTANCE;
  }
}
