package dev.svod.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.states.asl.Json;
import dev.svod.states.engine.HistoryEvent;
import dev.svod.states.engine.ManualClock;
import dev.svod.states.task.LambdaResults;
import dev.svod.states.task.TaskHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatesEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TWO_TASKS =
      """
      {"StartAt": "First", "States": {
        "First": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:first", "ResultPath": "$.first", "Next": "Second"},
        "Second": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:second", "ResultPath": "$.second", "Next": "Done"},
        "Done": {"Type": "Pass", "End": true}}}
      """;

  @TempDir Path dir;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedHandlers() {
    release.countDown();
  }

  @Test
  void resumesAnExecutionKilledMidTaskWithoutRerunningCompletedTasks() throws Exception {
    // Given an engine whose second task is in flight when the engine dies
    AtomicInteger firstCalls = new AtomicInteger();
    CountDownLatch secondInFlight = new CountDownLatch(1);
    TaskHandlers dying =
        new TaskHandlers()
            .register("*:function:first", call -> {
              firstCalls.incrementAndGet();
              return Json.parse("1");
            })
            .register("*:function:second", call -> {
              secondInFlight.countDown();
              release.await();
              return Json.parse("\"from the dead engine\"");
            });
    StatesEngine engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(dying).build();
    String sm = engine.createStateMachine("Pipeline", TWO_TASKS, null).arn();
    String arn = engine.startExecution(sm, "video-1", "{\"videoId\":\"1\"}").executionArn();
    assertThat(secondInFlight.await(10, TimeUnit.SECONDS)).isTrue();
    engine.close();
    Path journal = dir.resolve("executions/Pipeline/video-1/journal.jsonl");
    Files.writeString(journal, "{\"t\":\"event\",\"e\":{\"torn", StandardOpenOption.APPEND);

    // When a new engine starts over the same directory
    AtomicInteger firstCallsAfter = new AtomicInteger();
    AtomicInteger secondCallsAfter = new AtomicInteger();
    TaskHandlers restarted =
        new TaskHandlers()
            .register("*:function:first", call -> {
              firstCallsAfter.incrementAndGet();
              return Json.parse("1");
            })
            .register("*:function:second", call -> {
              secondCallsAfter.incrementAndGet();
              return Json.parse("2");
            });
    List<HistoryEvent> history;
    try (StatesEngine again = StatesEngine.builder().dataDirectory(dir).taskHandlers(restarted).build()) {
      ExecutionRecord done = again.awaitExecution(arn, WAIT);

      // Then it finishes from the task in flight; the completed task is not run again
      assertThat(done.status()).isEqualTo("SUCCEEDED");
      assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"videoId\":\"1\",\"first\":1,\"second\":2}"));
      assertThat(firstCalls).hasValue(1);
      assertThat(firstCallsAfter).hasValue(0);
      assertThat(secondCallsAfter).hasValue(1);
      history = again.history(arn);
      assertThat(history.stream().filter(e -> e.type().equals("ExecutionStarted"))).hasSize(1);
      assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionSucceeded");
      assertThat(history).extracting(HistoryEvent::id).isSorted().doesNotHaveDuplicates();
    }

    // And the next start reads back everything the restarted engine wrote after the torn line
    try (StatesEngine third = StatesEngine.builder().dataDirectory(dir).taskHandlers(restarted).build()) {
      assertThat(third.history(arn)).map(e -> e.id() + " " + e.type())
          .isEqualTo(history.stream().map(e -> e.id() + " " + e.type()).toList());
    }
  }

  @Test
  void resumedMapDoesNotRerunFinishedIterations() throws Exception {
    String definition =
        """
        {"StartAt": "Renditions", "States": {"Renditions": {"Type": "Map", "ItemsPath": "$.renditions", "MaxConcurrency": 1,
          "ItemProcessor": {"StartAt": "Encode", "States": {"Encode": {"Type": "Task",
            "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}}, "End": true}}}
        """;
    Set<String> encodedBefore = ConcurrentHashMap.newKeySet();
    CountDownLatch lastInFlight = new CountDownLatch(1);
    TaskHandlers dying =
        new TaskHandlers().register("arn:aws:states:::ecs:runTask", call -> {
          String name = call.input().asText();
          if (name.equals("1080p")) {
            lastInFlight.countDown();
            release.await();
          }
          encodedBefore.add(name);
          return Json.parse("\"" + name + " done\"");
        });
    StatesEngine engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(dying).build();
    String sm = engine.createStateMachine("Ladder", definition, null).arn();
    String arn = engine.startExecution(sm, "v", "{\"renditions\":[\"360p\",\"720p\",\"1080p\"]}").executionArn();
    assertThat(lastInFlight.await(10, TimeUnit.SECONDS)).isTrue();
    engine.close();

    Set<String> encodedAfter = ConcurrentHashMap.newKeySet();
    TaskHandlers restarted =
        new TaskHandlers().register("arn:aws:states:::ecs:runTask", call -> {
          encodedAfter.add(call.input().asText());
          return Json.parse("\"" + call.input().asText() + " done\"");
        });
    try (StatesEngine again = StatesEngine.builder().dataDirectory(dir).taskHandlers(restarted).build()) {
      ExecutionRecord done = again.awaitExecution(arn, WAIT);

      assertThat(done.status()).isEqualTo("SUCCEEDED");
      assertThat(Json.parse(done.output())).isEqualTo(Json.parse("[\"360p done\",\"720p done\",\"1080p done\"]"));
      assertThat(encodedBefore).containsExactlyInAnyOrder("360p", "720p");
      assertThat(encodedAfter).containsExactly("1080p");
    }
  }

  @Test
  void aWaitInterruptedByACrashOnlyWaitsForWhatIsLeft() throws Exception {
    String definition = "{\"StartAt\":\"Pause\",\"States\":{\"Pause\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}";
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), false);
    StatesEngine engine = StatesEngine.builder().dataDirectory(dir).clock(clock).build();
    String sm = engine.createStateMachine("Pausing", definition, null).arn();
    String arn = engine.startExecution(sm, "p", "{}").executionArn();
    awaitEvent(engine, arn, "WaitStateEntered");
    clock.advance(Duration.ofSeconds(50));
    engine.close();

    try (StatesEngine again = StatesEngine.builder().dataDirectory(dir).clock(clock).build()) {
      assertThat(again.describeExecution(arn).running()).isTrue();
      clock.advance(Duration.ofSeconds(10));

      assertThat(again.awaitExecution(arn, WAIT).status()).isEqualTo("SUCCEEDED");
    }
  }

  private static void awaitEvent(StatesEngine engine, String arn, String type) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (engine.history(arn).stream().noneMatch(e -> e.type().equals(type))) {
      assertThat(System.nanoTime()).as("waiting for %s", type).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  @Test
  void startIsIdempotentByNameAndRejectsADifferentInput() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TaskHandlers handlers =
        new TaskHandlers().register("*", call -> {
          started.countDown();
          release.await();
          return Json.parse("{}");
        });
    try (StatesEngine engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(handlers).build()) {
      String sm = engine.createStateMachine("Pipeline", TWO_TASKS, null).arn();

      ExecutionRecord first = engine.startExecution(sm, "video-1", "{\"a\": 1}");
      ExecutionRecord again = engine.startExecution(sm, "video-1", "{ \"a\" : 1 }");

      assertThat(again.executionArn()).isEqualTo(first.executionArn());
      assertThat(again.startDate()).isEqualTo(first.startDate());
      assertThatThrownBy(() -> engine.startExecution(sm, "video-1", "{\"a\": 2}"))
          .isInstanceOfSatisfying(StatesApiException.class, e -> assertThat(e.code()).isEqualTo("ExecutionAlreadyExists"));
      assertThat(engine.listExecutions(sm, null)).hasSize(1);
    }
  }

  @Test
  void waitForTaskTokenCompletesWithSendTaskSuccess() throws Exception {
    CompletableFuture<String> handedOut = new CompletableFuture<>();
    TaskHandlers handlers =
        new TaskHandlers().register("arn:aws:states:::sqs:sendMessage.waitForTaskToken", call -> {
          handedOut.complete(call.input().get("token").asText());
          return null;
        });
    String definition =
        """
        {"StartAt": "Approve", "States": {"Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"token.$": "$$.Task.Token"}, "HeartbeatSeconds": 600, "End": true}}}
        """;
    try (StatesEngine engine = StatesEngine.builder().taskHandlers(handlers).build()) {
      String sm = engine.createStateMachine("Approval", definition, null).arn();
      String arn = engine.startExecution(sm, null, "{}").executionArn();
      String token = handedOut.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(token).isNotBlank();

      engine.sendTaskHeartbeat(token);
      engine.sendTaskSuccess(token, "{\"approved\": true}");

      ExecutionRecord done = engine.awaitExecution(arn, WAIT);
      assertThat(done.status()).isEqualTo("SUCCEEDED");
      assertThat(done.output()).isEqualTo("{\"approved\":true}");
      assertThatThrownBy(() -> engine.sendTaskSuccess(token, "{}"))
          .isInstanceOfSatisfying(StatesApiException.class, e -> assertThat(e.code()).isEqualTo("TaskDoesNotExist"));
    }
  }

  @Test
  void aCallbackTaskWithoutHeartbeatFailsWithHeartbeatTimeout() throws Exception {
    CompletableFuture<String> handedOut = new CompletableFuture<>();
    TaskHandlers handlers =
        new TaskHandlers().register("arn:aws:states:::lambda:invoke.waitForTaskToken", call -> {
          handedOut.complete(call.taskToken());
          return null;
        });
    String definition =
        """
        {"StartAt": "Transcode", "States": {"Transcode": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "HeartbeatSeconds": 5, "TimeoutSeconds": 3600, "End": true}}}
        """;
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), false);
    try (StatesEngine engine = StatesEngine.builder().clock(clock).taskHandlers(handlers).build()) {
      String sm = engine.createStateMachine("Callback", definition, null).arn();
      String arn = engine.startExecution(sm, "c", "{}").executionArn();
      String token = handedOut.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      clock.advance(Duration.ofSeconds(4));
      engine.sendTaskHeartbeat(token);
      clock.advance(Duration.ofSeconds(4));
      assertThat(engine.describeExecution(arn).running()).isTrue();
      clock.advance(Duration.ofSeconds(2));
      ExecutionRecord done = engine.awaitExecution(arn, WAIT);

      assertThat(done.status()).isEqualTo("FAILED");
      assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
      assertThat(engine.history(arn)).extracting(HistoryEvent::type).contains("TaskTimedOut");
    }
  }

  @Test
  void stopExecutionAbortsAWaitingExecution() throws Exception {
    String definition = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"), false);
    try (StatesEngine engine = StatesEngine.builder().clock(clock).build()) {
      String sm = engine.createStateMachine("Sleepy", definition, null).arn();
      String arn = engine.startExecution(sm, "s", "{}").executionArn();

      ExecutionRecord stopped = engine.stopExecution(arn, "Operator", "no longer needed");

      assertThat(stopped.status()).isEqualTo("ABORTED");
      assertThat(stopped.error()).isEqualTo("Operator");
      assertThat(engine.history(arn).get(engine.history(arn).size() - 1).type()).isEqualTo("ExecutionAborted");
    }
  }

  @Test
  void rejectsAnInvalidDefinitionWithTheValidationMessage() {
    try (StatesEngine engine = StatesEngine.builder().build()) {
      assertThatThrownBy(() -> engine.createStateMachine("Bad", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}", null))
          .isInstanceOfSatisfying(StatesApiException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidDefinition");
            assertThat(e.getMessage()).contains("either 'Next' or 'End'");
          });
    }
  }

  @Test
  void lambdaFunctionErrorsKeepTheirErrorType() throws Exception {
    TaskHandlers handlers =
        new TaskHandlers().register("arn:aws:states:::lambda:invoke", call -> {
          throw LambdaResults.functionError("UnsupportedMedia", "audio only");
        });
    String definition =
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}";
    try (StatesEngine engine = StatesEngine.builder().taskHandlers(handlers).build()) {
      String sm = engine.createStateMachine("P", definition, null).arn();
      ExecutionRecord done = engine.awaitExecution(engine.startExecution(sm, "x", "{}").executionArn(), WAIT);

      assertThat(done.status()).isEqualTo("FAILED");
      assertThat(done.error()).isEqualTo("UnsupportedMedia");
      assertThat(Json.parse(done.cause()).get("errorMessage").asText()).isEqualTo("audio only");
    }
  }
}
