package dev.svod.local.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, asynchronous delivery of S3 event notifications, like S3's own delivery to Lambda: an
 * event is written under {@code pending/} before the S3 request that caused it returns, then
 * delivered by a background thread and deleted only once the listener accepted it. A failed
 * delivery is retried with exponential back-off (S3 invokes Lambda asynchronously; Lambda retries
 * twice), then moved to {@code failed/} next to a {@code .error} file. Events still pending when
 * the process stops, or is killed, are delivered after the next start: none is lost.
 */
public final class NotificationOutbox implements AutoCloseable {

  /** Receives one S3 event notification document ({@code {"Records":[...]}}). */
  @FunctionalInterface
  public interface Listener {
    /** Throws when the event was not accepted; it is then retried. */
    void deliver(String eventJson) throws Exception;
  }

  /** Which events of a bucket are notified, like a bucket's notification configuration. */
  public record Rule(String bucket, String keyPrefix, String keySuffix) {
    public Rule {
      keyPrefix = keyPrefix == null ? "" : keyPrefix;
      keySuffix = keySuffix == null ? "" : keySuffix;
    }

    /** Every ObjectCreated event of the bucket. */
    public static Rule allObjectsCreated(String bucket) {
      return new Rule(bucket, "", "");
    }

    boolean matches(String bucketName, String key) {
      return bucket.equals(bucketName) && key.startsWith(keyPrefix) && key.endsWith(keySuffix);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);
  private static final String SUFFIX = ".json";

  private final Path pendingDir;
  private final Path failedDir;
  private final String region;
  private final List<Rule> rules;
  private final int maxAttempts;
  private final Duration firstRetryDelay;
  private final Clock clock;
  private final AtomicLong sequence;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private volatile Listener listener;

  private record Retry(int attempts, long notBeforeMillis) {}

  /**
   * @param dir where the outbox keeps its files (created if absent)
   * @param maxAttempts deliveries tried before an event is set aside under {@code failed/}
   * @param firstRetryDelay the wait before the second attempt, doubled for each further one
   */
  public NotificationOutbox(
      Path dir, String region, List<Rule> rules, int maxAttempts, Duration firstRetryDelay) {
    this.pendingDir = dir.resolve("pending");
    this.failedDir = dir.resolve("failed");
    this.region = region;
    this.rules = List.copyOf(rules);
    this.maxAttempts = maxAttempts;
    this.firstRetryDelay = firstRetryDelay;
    this.clock = Clock.systemUTC();
    try {
      Files.createDirectories(pendingDir);
      Files.createDirectories(failedDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the S3 notification outbox under " + dir, e);
    }
    // Sequencers must keep increasing across restarts: start above the clock and every file kept.
    long highest = Math.max(highestSequence(pendingDir), highestSequence(failedDir));
    this.sequence = new AtomicLong(Math.max(clock.millis() * 1000, highest + 1));
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "s3-notifications");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Whether any rule asks for events of this object. */
  public boolean wants(String bucket, String key) {
    return rules.stream().anyMatch(rule -> rule.matches(bucket, key));
  }

  /**
   * Records an ObjectCreated event durably (if a rule asks for it) and queues its delivery.
   *
   * @param eventName e.g. {@code ObjectCreated:Put}
   */
  public void publish(String eventName, String bucket, String key, long size, String eTag) {
    if (!wants(bucket, key)) {
      return;
    }
    String sequencer = String.format("%016X", sequence.getAndIncrement());
    String json =
        S3EventJson.event(eventName, region, bucket, key, size, eTag, sequencer, clock.instant())
            .toString();
    Path target = pendingDir.resolve(sequencer + SUFFIX);
    Path temporary = pendingDir.resolve(sequencer + ".tmp");
    try {
      Files.writeString(temporary, json);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the S3 event for " + bucket + "/" + key, e);
    }
    LOG.debug("Queued {} s3://{}/{}", eventName, bucket, key);
    queueDrain();
  }

  /** Starts delivering to the listener, beginning with whatever an earlier run left pending. */
  public void startDelivery(Listener listener) {
    this.listener = listener;
    queueDrain();
  }

  /** Event files not yet delivered, oldest first. */
  public List<Path> pending() {
    return list(pendingDir);
  }

  /** Event files given up after {@code maxAttempts}, oldest first. */
  public List<Path> failed() {
    return list(failedDir);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void queueDrain() {
    if (listener != null && drainQueued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              drainQueued.set(false);
              drain();
            });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        drainQueued.set(false); // shutting down: the files stay pending for the next start
      }
    }
  }

  private void drain() {
    for (Path file : pending()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      String name = file.getFileName().toString();
      Retry retry = retries.get(name);
      if (retry != null && retry.notBeforeMillis() > clock.millis()) {
        continue;
      }
      deliver(file, name, retry == null ? 0 : retry.attempts());
    }
  }

  private void deliver(Path file, String name, int earlierAttempts) {
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      LOG.warn("Cannot read S3 event {}: {}", file, e.toString());
      return;
    }
    try {
      listener.deliver(json);
      Files.deleteIfExists(file);
      retries.remove(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      int attempts = earlierAttempts + 1;
      if (attempts >= maxAttempts) {
        giveUp(file, name, json, e);
      } else {
        long delay = firstRetryDelay.toMillis() << (attempts - 1);
        retries.put(name, new Retry(attempts, clock.millis() + delay));
        LOG.warn("S3 event {} not delivered (attempt {}), retrying in {} ms: {}",
            name, attempts, delay, e.toString());
        executor.schedule(this::queueDrain, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void giveUp(Path file, String name, String json, Exception cause) {
    retries.remove(name);
    LOG.error("S3 event {} not delivered after {} attempts, kept in {}: {}",
        name, maxAttempts, failedDir, cause.toString());
    try {
      Files.writeString(failedDir.resolve(name + ".error"), String.valueOf(cause));
      Files.move(file, failedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.error("Cannot move {} to {}: {} (event: {})", file, failedDir, e, json);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(
          files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long highestSequence(Path dir) {
    return list(dir).stream()
        .map(f -> f.getFileName().toString())
        .mapToLong(n -> Long.parseUnsignedLong(n.substring(0, n.length() - SUFFIX.length()), 16))
        .max()
        .orElse(0);
  }
}
