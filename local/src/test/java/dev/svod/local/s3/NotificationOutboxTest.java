package dev.svod.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.local.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationOutboxTest {

  @TempDir Path dir;

  private NotificationOutbox outbox(int maxAttempts) {
    return new NotificationOutbox(dir, "us-east-1",
        List.of(new NotificationOutbox.Rule("source", "uploads/", "")), maxAttempts,
        Duration.ofMillis(10));
  }

  @Test
  void retriesAFailedDeliveryUntilTheListenerAcceptsIt() {
    AtomicInteger calls = new AtomicInteger();
    List<String> accepted = new CopyOnWriteArrayList<>();
    try (NotificationOutbox outbox = outbox(3)) {
      outbox.startDelivery(json -> {
        if (calls.incrementAndGet() < 3) {
          throw new IllegalStateException("ingest is down");
        }
        accepted.add(json);
      });
      outbox.publish("ObjectCreated:Put", "source", "uploads/a.mp4", 1, "\"e\"");
      // The listener accepts before the outbox deletes the file: wait for the deletion too
      Eventually.await(Duration.ofSeconds(5), "delivery",
          () -> accepted.isEmpty() || !outbox.pending().isEmpty() ? null : 1);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(outbox.failed()).isEmpty();
    }
  }

  @Test
  void setsAsideAnEventThatKeepsFailingWithTheReason() throws Exception {
    try (NotificationOutbox outbox = outbox(2)) {
      outbox.startDelivery(json -> {
        throw new IllegalStateException("bad handler");
      });
      outbox.publish("ObjectCreated:Put", "source", "uploads/a.mp4", 1, "e");
      Path failed = Eventually.await(Duration.ofSeconds(5), "the failed event",
          () -> outbox.failed().isEmpty() ? null : outbox.failed().get(0));
      assertThat(outbox.pending()).isEmpty();
      assertThat(Files.readString(Path.of(failed + ".error"))).contains("bad handler");
    }
  }

  @Test
  void ignoresKeysNoRuleAsksFor() {
    try (NotificationOutbox outbox = outbox(1)) {
      outbox.publish("ObjectCreated:Put", "source", "other/a.mp4", 1, "e");
      outbox.publish("ObjectCreated:Put", "output", "uploads/a.mp4", 1, "e");
      assertThat(outbox.pending()).isEmpty();
    }
  }

  @Test
  void keepsSequencersIncreasingAcrossRestarts() {
    String first;
    try (NotificationOutbox outbox = outbox(1)) {
      outbox.publish("ObjectCreated:Put", "source", "uploads/a.mp4", 1, "e");
      first = outbox.pending().get(0).getFileName().toString();
    }
    try (NotificationOutbox outbox = outbox(1)) {
      outbox.publish("ObjectCreated:Put", "source", "uploads/a.mp4", 1, "e");
      assertThat(outbox.pending()).hasSize(2);
      assertThat(outbox.pending().get(1).getFileName().toString()).isGreaterThan(first);
    }
  }
}
