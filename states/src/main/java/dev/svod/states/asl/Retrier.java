package dev.svod.states.asl;

import java.util.List;

/** One entry of a state's {@code Retry} list, with AWS's defaults filled in. */
public record Retrier(
    List<String> errorEquals,
    double intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Double maxDelaySeconds,
    boolean fullJitter) {

  /** The delay before retry number {@code attempt} (1-based), before jitter. */
  public double delaySeconds(int attempt) {
    double delay = intervalSeconds * Math.pow(backoffRate, attempt - 1);
    if (maxDelaySeconds != null) {
      delay = Math.min(delay, maxDelaySeconds);
    }
    return delay;
  }
}
