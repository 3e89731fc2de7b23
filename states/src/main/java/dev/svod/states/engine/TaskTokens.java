package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.states.task.TaskFailedException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outstanding {@code .waitForTaskToken} tasks: SendTaskSuccess/Failure complete them,
 * SendTaskHeartbeat records a heartbeat that pushes the HeartbeatSeconds deadline.
 */
public final class TaskTokens {
  /** One waiting task. */
  public static final class Waiter {
    final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    volatile Instant lastHeartbeat;

    Waiter(Instant created) {
      this.lastHeartbeat = created;
    }
  }

  private final ConcurrentHashMap<String, Waiter> waiting = new ConcurrentHashMap<>();

  Waiter open(String token, Instant now) {
    Waiter w = new Waiter(now);
    waiting.put(token, w);
    return w;
  }

  void close(String token) {
    waiting.remove(token);
  }

  static String newToken() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  /** Completes a task with its output; false when no task waits for this token. */
  public boolean succeed(String token, JsonNode output) {
    return find(token).map(w -> w.result.complete(output)).orElse(false);
  }

  /** Fails a task with an error and cause; false when no task waits for this token. */
  public boolean fail(String token, String error, String cause) {
    return find(token)
        .map(w -> w.result.completeExceptionally(new TaskFailedException(error, cause)))
        .orElse(false);
  }

  /** Records a heartbeat; false when no task waits for this token. */
  public boolean heartbeat(String token, Instant now) {
    Optional<Waiter> w = find(token);
    w.ifPresent(x -> x.lastHeartbeat = now);
    return w.isPresent();
  }

  private Optional<Waiter> find(String token) {
    return Optional.ofNullable(token == null ? null : waiting.get(token));
  }
}
