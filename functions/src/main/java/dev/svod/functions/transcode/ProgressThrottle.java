package dev.svod.functions.transcode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Passes encode progress on at most once per interval (DynamoDB writes cost money and FFmpeg reports
 * several times a second). 100% is not passed on: the encoded result is written with it.
 */
final class ProgressThrottle {
  private final Clock clock;
  private final Duration interval;
  private final ObjIntConsumer<String> writer;
  private Instant lastWrite;

  ProgressThrottle(Clock clock, Duration interval, ObjIntConsumer<String> writer) {
    this.clock = clock;
    this.interval = interval;
    this.writer = writer;
  }

  /** A {@link dev.svod.media.ProgressListener}: the renditions of one FFmpeg process and their percent. */
  synchronized void report(List<String> renditions, int percent) {
    Instant now = clock.instant();
    if (percent >= 100 || (lastWrite != null && Duration.between(lastWrite, now).compareTo(interval) < 0)) {
      return;
    }
    lastWrite = now;
    renditions.forEach(name -> writer.accept(name, percent));
  }
}
