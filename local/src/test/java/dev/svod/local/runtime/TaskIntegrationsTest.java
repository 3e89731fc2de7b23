package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.TransientException;
import dev.svod.functions.transcode.TranscodeTaskMain;
import dev.svod.local.lambda.LambdaHost;
import dev.svod.local.lambda.LocalFunction;
import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskFailedException;
import dev.svod.states.task.TaskInvocation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskIntegrationsTest {

  private final LambdaHost host = new LambdaHost("us-east-1");

  @AfterEach
  void close() {
    host.close();
  }

  private static TaskInvocation task(String resource, String input) {
    return new TaskInvocation(resource, Json.parse(input), "State", "arn:execution", null,
        Json.object(), 0);
  }

  @Test
  void lambdaInvokeWrapsThePayloadAsStepFunctionsDoes() throws Exception {
    host.register(new LocalFunction("vod-Plan", Duration.ofSeconds(5), 512,
        () -> (RequestHandler<Map<String, Object>, Map<String, Object>>) (in, c) ->
            Map.of("echo", in.get("videoId"))));
    LambdaTasks tasks = new LambdaTasks(host);

    JsonNode result = tasks.invokeIntegration().execute(task("arn:aws:states:::lambda:invoke",
        "{\"FunctionName\":\"" + host.arn("vod-Plan") + "\",\"Payload\":{\"videoId\":\"v1\"}}"));

    assertThat(result.path("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.at("/Payload/echo").asText()).isEqualTo("v1");
    assertThat(tasks.functionResource().execute(task(host.arn("vod-Plan"),
        "{\"videoId\":\"v2\"}")).path("echo").asText()).isEqualTo("v2");
  }

  @Test
  void aFunctionErrorFailsTheTaskWithItsErrorTypeAndLambdasDocumentAsCause() {
    host.register(new LocalFunction("vod-Probe", Duration.ofSeconds(5), 512,
        () -> (RequestHandler<Map<String, Object>, String>) (in, c) -> {
          throw new TransientException("DynamoDB throttled", null);
        }));
    LambdaTasks tasks = new LambdaTasks(host);

    assertThatThrownBy(() -> tasks.invokeIntegration().execute(task(
        "arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"vod-Probe\",\"Payload\":{}}")))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.error()).isEqualTo("dev.svod.functions.TransientException");
          assertThat(Json.parse(e.cause()).path("errorMessage").asText())
              .isEqualTo("DynamoDB throttled");
        });
    assertThatThrownBy(() -> tasks.invokeIntegration().execute(task(
        "arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"vod-Nope\"}")))
        .isInstanceOfSatisfying(TaskFailedException.class,
            e -> assertThat(e.error()).isEqualTo("Lambda.ResourceNotFoundException"));
  }

  private static final String RUN_TASK = """
      {"Cluster":"arn:cluster","TaskDefinition":"arn:td","LaunchType":"FARGATE",
       "Overrides":{"Cpu":"1024","Memory":"2048","EphemeralStorage":{"SizeInGiB":21},
         "ContainerOverrides":[{"Name":"transcoder","Environment":[
         {"Name":"VOD_TRANSCODE_JOB","Value":"{\\"videoId\\":\\"v1\\"}"}]}]}}""";

  @Test
  void runTaskSyncRunsTheJobAndDescribesTheStoppedTask() throws Exception {
    StringBuilder seen = new StringBuilder();
    ContainerTasks tasks = new ContainerTasks(1, (job, out, err) -> {
      seen.append(job);
      return TranscodeTaskMain.OK;
    }, "us-east-1");

    JsonNode result = tasks.runTaskSync().execute(task("arn:aws:states:::ecs:runTask.sync",
        RUN_TASK));

    assertThat(seen.toString()).isEqualTo("{\"videoId\":\"v1\"}");
    assertThat(result.path("LastStatus").asText()).isEqualTo("STOPPED");
    assertThat(result.at("/Containers/0/ExitCode").asInt()).isZero();
  }

  @Test
  void runTaskSyncRefusesATaskSizeFargateWouldRefuseWithoutRunningTheJob() {
    StringBuilder seen = new StringBuilder();
    ContainerTasks tasks = new ContainerTasks(1, (job, out, err) -> {
      seen.append(job);
      return TranscodeTaskMain.OK;
    }, "us-east-1");

    assertThatThrownBy(() -> tasks.runTaskSync().execute(task("arn:aws:states:::ecs:runTask.sync",
        RUN_TASK.replace("\"Memory\":\"2048\"", "\"Memory\":\"16384\""))))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.error()).isEqualTo("ECS.InvalidParameterException");
          assertThat(e.cause()).contains("cpu 1024 and memory 16384");
        });
    assertThatThrownBy(() -> tasks.runTaskSync().execute(task("arn:aws:states:::ecs:runTask.sync",
        RUN_TASK.replace("\"Cpu\":\"1024\"", "\"Cpu\":1024"))))
        .isInstanceOfSatisfying(TaskFailedException.class,
            e -> assertThat(e.cause()).contains("must be strings"));
    assertThatThrownBy(() -> tasks.runTaskSync().execute(task("arn:aws:states:::ecs:runTask.sync",
        RUN_TASK.replace("\"SizeInGiB\":21", "\"SizeInGiB\":500"))))
        .isInstanceOfSatisfying(TaskFailedException.class,
            e -> assertThat(e.cause()).contains("EphemeralStorage.SizeInGiB must be a whole number from 21 to 200"));
    assertThat(seen).isEmpty();
  }

  @Test
  void aFailedContainerFailsTheTaskWithStatesTaskFailed() {
    ContainerTasks tasks = new ContainerTasks(1, (job, out, err) -> {
      err.println("transient failure: S3 unreachable");
      return TranscodeTaskMain.TRANSIENT;
    }, "us-east-1");

    assertThatThrownBy(() -> tasks.runTaskSync().execute(task(
        "arn:aws:states:::ecs:runTask.sync", RUN_TASK)))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.error()).isEqualTo("States.TaskFailed");
          assertThat(Json.parse(e.cause()).at("/Containers/0/ExitCode").asInt()).isEqualTo(75);
          assertThat(Json.parse(e.cause()).at("/Containers/0/Reason").asText())
              .isEqualTo("transient failure: S3 unreachable");
        });
    assertThatThrownBy(() -> ContainerTasks.mediaConvertRefused().execute(task(
        "arn:aws:states:::mediaconvert:createJob.sync", "{}")))
        .hasMessageContaining("MediaConvert is not available in the local runtime");
  }

  @Test
  void closingStopsRunningJobsWhichFailTheirTaskAsInterrupted() throws Exception {
    // Given a container job that runs until it is interrupted
    CountDownLatch running = new CountDownLatch(1);
    ContainerTasks tasks = new ContainerTasks(1, (job, out, err) -> {
      running.countDown();
      try {
        new CountDownLatch(1).await();
        return TranscodeTaskMain.OK;
      } catch (InterruptedException e) {
        err.println("stopped: interrupted");
        return TranscodeTaskMain.INTERRUPTED;
      }
    }, "us-east-1");
    CompletableFuture<JsonNode> task = CompletableFuture.supplyAsync(() -> {
      try {
        return tasks.runTaskSync().execute(task("arn:aws:states:::ecs:runTask.sync", RUN_TASK));
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    // When the runtime closes the container tasks (ECS stopping the task)
    tasks.close();

    // Then the job was interrupted and the task failed with the container's own exit code
    assertThatThrownBy(() -> task.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.error()).isEqualTo("States.TaskFailed");
          assertThat(Json.parse(e.cause()).at("/Containers/0/ExitCode").asInt())
              .isEqualTo(TranscodeTaskMain.INTERRUPTED);
          assertThat(Json.parse(e.cause()).path("StopCode").asText()).isEqualTo("UserInitiated");
        });
  }
}
