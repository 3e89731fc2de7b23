package dev.svod.functions.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-11-21T07:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void writesAtMostOncePerIntervalAndLeaves100ToTheResult() {
    StepClock clock = new StepClock();
    List<String> writes = new ArrayList<>();
    ProgressThrottle throttle = new ProgressThrottle(clock, Duration.ofSeconds(5),
        (name, percent) -> writes.add(name + "=" + percent));

    for (int second = 0; second <= 12; second++) {
      throttle.report(List.of("360p", "audio"), second * 8);
      clock.now = clock.now.plusSeconds(1);
    }
    throttle.report(List.of("360p", "audio"), 100);

    assertThat(writes).containsExactly("360p=0", "audio=0", "360p=40", "audio=40", "360p=80", "audio=80");
  }
}
