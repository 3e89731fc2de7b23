package dev.svod.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.states.asl.Json;
import dev.svod.states.asl.Retrier;
import dev.svod.states.task.LambdaResults;
import dev.svod.states.task.TaskHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskStateTest {
  private static final String INVOKE =
      """
      {"StartAt": "Probe", "States": {"Probe": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "probe", "Payload.$": "$"},
        "ResultSelector": {"info.$": "$.Payload"}, "ResultPath": "$.probe",
        %s
        "End": true}}}
      """;

  @Test
  void lambdaInvokeWrapsThePayloadAsAwsDoesAndRecordsTaskEvents() {
    TaskHandlers handlers =
        new TaskHandlers()
            .register(
                "arn:aws:states:::lambda:invoke",
                call -> LambdaResults.invokeResult(Json.object().put("width", 1920).put("function", call.input().get("FunctionName").asText())));
    Runs runs = new Runs();

    RunResult result = runs.run(INVOKE.formatted(""), "{\"videoId\":\"v1\"}", handlers, ManualClock.fastForward());

    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.write(result.output())).isEqualTo("{\"videoId\":\"v1\",\"probe\":{\"info\":{\"width\":1920,\"function\":\"probe\"}}}");
    assertThat(runs.types())
        .containsExactly(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    HistoryEvent scheduled = runs.events.get(2);
    assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("lambda");
    assertThat(scheduled.details().get("resource").asText()).isEqualTo("invoke");
    assertThat(scheduled.toJson().has("taskScheduledEventDetails")).isTrue();
  }

  @Test
  void retriesAFunctionErrorByItsErrorTypeWithExponentialBackoff() {
    AtomicInteger calls = new AtomicInteger();
    TaskHandlers handlers =
        new TaskHandlers()
            .register(
                "arn:aws:states:::lambda:invoke",
                call -> {
                  if (calls.getAndIncrement() < 2) {
                    throw LambdaResults.functionError("TranscodeBusy", "try later");
                  }
                  return LambdaResults.invokeResult(Json.object().put("width", 640));
                });
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"), true);
    String retry = "\"Retry\": [{\"ErrorEquals\": [\"TranscodeBusy\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3, \"MaxAttempts\": 2}],";

    RunResult result = new Runs().run(INVOKE.formatted(retry), "{}", handlers, clock);

    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(calls).hasValue(3);
    assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:08Z"));
  }

  @Test
  void catchesAnExhaustedErrorWithResultPathAndGoesToTheCatcher() {
    TaskHandlers handlers =
        new TaskHandlers().register("arn:aws:states:::lambda:invoke", call -> {
          throw LambdaResults.functionError("BadSource", "not a video");
        });
    String definition =
        """
        {"StartAt": "Probe", "States": {
          "Probe": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "p"},
            "Retry": [{"ErrorEquals": ["BadSource"], "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}], "End": true},
          "Failed": {"Type": "Pass", "End": true}}}
        """;

    RunResult result = Runs.runFast(definition, "{\"videoId\":\"v\"}", handlers);

    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output().get("videoId").asText()).isEqualTo("v");
    assertThat(result.output().at("/error/Error").asText()).isEqualTo("BadSource");
    assertThat(Json.parse(result.output().at("/error/Cause").asText()).get("errorMessage").asText()).isEqualTo("not a video");
  }

  @Test
  void statesAllDoesNotCatchRuntimeErrors() {
    String definition =
        """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::nothing:registered",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Succeed"}}}
        """;

    RunResult result = Runs.runFast(definition, "{}", new TaskHandlers());

    assertThat(result.status()).isEqualTo("FAILED");
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains("No task handler is registered for the resource arn:aws:states:::nothing:registered");
  }

  @Test
  void aTaskLongerThanTimeoutSecondsFailsWithStatesTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch inFlight = new CountDownLatch(1);
    TaskHandlers handlers =
        new TaskHandlers().register("arn:aws:states:::ecs:runTask.sync", call -> {
          inFlight.countDown();
          never.await();
          return null;
        });
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"), false);
    String definition =
        """
        {"StartAt": "Encode", "States": {"Encode": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
          "TimeoutSeconds": 60, "End": true}}}
        """;

    CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> new Runs().run(definition, "{}", handlers, clock));
    assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(61));
    RunResult result = run.get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo("FAILED");
    assertThat(result.error()).isEqualTo("States.Timeout");
  }

  @Test
  void anExecutionPastItsTimeoutSecondsEndsTimedOut() {
    String definition =
        """
        {"TimeoutSeconds": 5, "StartAt": "Nap", "States": {
          "Nap": {"Type": "Wait", "Seconds": 10, "Next": "After"},
          "After": {"Type": "Pass", "End": true}}}
        """;
    Runs runs = new Runs();

    RunResult result = runs.run(definition, "{}", new TaskHandlers(), ManualClock.fastForward());

    assertThat(result.status()).isEqualTo("TIMED_OUT");
    assertThat(result.error()).isEqualTo("States.Timeout");
    assertThat(runs.types()).endsWith("ExecutionTimedOut").doesNotContain("PassStateEntered");
  }

  @Test
  void itemBatcherGroupsSelectedItemsWithTheBatchInput() {
    String definition =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemSelector": {"v.$": "$$.Map.Item.Value"},
          "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k.$": "$.k"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
        """;

    RunResult result = Runs.runFast(definition, "{\"k\": 7, \"items\": [1, 2, 3]}", new TaskHandlers());

    assertThat(Json.write(result.output()))
        .isEqualTo("[{\"BatchInput\":{\"k\":7},\"Items\":[{\"v\":1},{\"v\":2}]},{\"BatchInput\":{\"k\":7},\"Items\":[{\"v\":3}]}]");
  }

  @Test
  void retrierDelayIsCappedByMaxDelaySeconds() {
    Retrier r = new Retrier(List.of("States.ALL"), 1, 10, 10, 30.0, false);

    assertThat(r.delaySeconds(1)).isEqualTo(1);
    assertThat(r.delaySeconds(2)).isEqualTo(10);
    assertThat(r.delaySeconds(3)).isEqualTo(30);
  }

  @Test
  void jsonataTaskUsesArgumentsAndOutputWithStatesResult() {
    TaskHandlers handlers = new TaskHandlers().register("arn:aws:lambda:*", call -> call.input());
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo",
          "Arguments": {"n": "{% $states.input.n * 2 %}"}, "Assign": {"seen": "{% $states.result.n %}"},
          "Output": {"doubled": "{% $states.result.n %}"}, "Next": "Done"},
          "Done": {"Type": "Pass", "Output": {"doubled": "{% $states.input.doubled %}", "seen": "{% $seen %}"}, "End": true}}}
        """;

    RunResult result = Runs.runFast(definition, "{\"n\": 21}", handlers);

    assertThat(Json.write(result.output())).isEqualTo("{\"doubled\":42,\"seen\":42}");
  }
}
