package dev.svod.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.functions.FunctionSpec;
import dev.svod.functions.TransientException;
import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskFailedException;
import dev.svod.states.task.TaskHandler;
import dev.svod.states.task.TaskInvocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arn:aws:states:::ecs:runTask.sync} without ECS: the transcode container's job runs in this
 * JVM, at most {@code workers} at a time (further tasks wait, like tasks pending for capacity).
 *
 * <p>The job arrives as on ECS, in the container override variable {@value
 * FunctionSpec#CONTAINER_JOB_VARIABLE}; it runs through the transcoder the container's
 * {@code TranscodeTaskMain} runs ({@code TranscodeHandler}, built with the local clients, since
 * the container main reads its clients from the process environment). The result is the stopped
 * task as ECS describes it; a non-zero exit (1 failed, 75 transient) fails the state with
 * {@code States.TaskFailed} and that description as cause, as Step Functions does.
 */
final class ContainerTasks {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerTasks.class);
  private static final int TRANSIENT_EXIT = 75;

  private final Semaphore workers;
  private final Supplier<RequestStreamHandler> transcoder;
  private final String region;

  ContainerTasks(int workers, Supplier<RequestStreamHandler> transcoder, String region) {
    this.workers = new Semaphore(workers, true);
    this.transcoder = transcoder;
    this.region = region;
  }

  TaskHandler runTaskSync() {
    return this::run;
  }

  /** {@code arn:aws:states:::mediaconvert:createJob.sync}: not available here. */
  static TaskHandler mediaConvertRefused() {
    return task -> {
      throw new TaskFailedException("States.TaskFailed",
          "MediaConvert is not available in the local runtime: run it with the FFmpeg backends "
              + "(VOD_TRANSCODE_BACKEND=container or lambda), or deploy to AWS");
    };
  }

  private JsonNode run(TaskInvocation task) throws Exception {
    if (!task.resource().endsWith(".sync")) {
      throw new TaskFailedException("States.Runtime",
          "Only ecs:runTask.sync is supported locally, not " + task.resource());
    }
    JsonNode overrides = task.input().path("Overrides").path("ContainerOverrides");
    String containerName = overrides.path(0).path("Name").asText("transcoder");
    String job = null;
    for (JsonNode variable : overrides.path(0).path("Environment")) {
      if (variable.path("Name").asText().equals(FunctionSpec.CONTAINER_JOB_VARIABLE)) {
        job = variable.path("Value").asText();
      }
    }
    String taskArn = "arn:aws:ecs:" + region + ":000000000000:task/vod-local/"
        + UUID.randomUUID().toString().replace("-", "");
    workers.acquire();
    int exitCode;
    String reason;
    try {
      if (job == null) {
        exitCode = 2;
        reason = "no " + FunctionSpec.CONTAINER_JOB_VARIABLE + " in the container overrides";
      } else {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LOG.debug("Transcode task {} started", taskArn);
        transcoder.get().handleRequest(
            new ByteArrayInputStream(job.getBytes(StandardCharsets.UTF_8)), out, null);
        exitCode = 0;
        reason = "Essential container in task exited";
      }
    } catch (TransientException e) {
      exitCode = TRANSIENT_EXIT;
      reason = "transient failure: " + e.getMessage();
    } catch (RuntimeException e) {
      exitCode = 1;
      reason = "encode failed: " + e;
    } finally {
      workers.release();
    }
    LOG.debug("Transcode task {} exited {}", taskArn, exitCode);
    ObjectNode description = describe(task, taskArn, containerName, exitCode, reason);
    if (exitCode != 0) {
      LOG.warn("Transcode task {} exited {}: {}", taskArn, exitCode, reason);
      throw new TaskFailedException("States.TaskFailed", Json.write(description));
    }
    return description;
  }

  private static ObjectNode describe(
      TaskInvocation task, String taskArn, String containerName, int exitCode, String reason) {
    ObjectNode description = Json.object();
    description.put("ClusterArn", task.input().path("Cluster").asText());
    description.put("TaskArn", taskArn);
    description.put("TaskDefinitionArn", task.input().path("TaskDefinition").asText());
    description.put("LaunchType", task.input().path("LaunchType").asText("FARGATE"));
    description.put("LastStatus", "STOPPED");
    description.put("DesiredStatus", "STOPPED");
    description.put("StopCode", "EssentialContainerExited");
    description.put("StoppedReason", exitCode == 0 ? reason : "Essential container in task exited");
    ObjectNode container = description.putArray("Containers").addObject();
    container.put("Name", containerName);
    container.put("LastStatus", "STOPPED");
    container.put("ExitCode", exitCode);
    if (exitCode != 0) {
      container.put("Reason", reason);
    }
    return description;
  }
}
