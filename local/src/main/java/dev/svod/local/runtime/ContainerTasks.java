package dev.svod.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.functions.FunctionSpec;
import dev.svod.functions.transcode.TranscodeTaskMain;
import dev.svod.functions.workflow.TaskSize;
import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskFailedException;
import dev.svod.states.task.TaskHandler;
import dev.svod.states.task.TaskInvocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arn:aws:states:::ecs:runTask.sync} without ECS: the transcode container's job runs in this
 * JVM, at most {@code workers} at a time (further tasks wait, like tasks pending for capacity).
 *
 * <p>The task-level size overrides ({@code Overrides.Cpu}/{@code Memory}) must be a Fargate size, as
 * ECS requires, but do not limit the job. The job arrives as on ECS, in the container override
 * variable {@value FunctionSpec#CONTAINER_JOB_VARIABLE}, and runs through the container's own entry
 * point ({@link TranscodeTaskMain#run(String, software.amazon.awssdk.services.s3.S3Client,
 * software.amazon.awssdk.services.dynamodb.DynamoDbClient, dev.svod.functions.VodConfig,
 * PrintStream, PrintStream)} with the local clients); its exit code is the container's. The result
 * is the stopped task as ECS describes it; a non-zero exit fails the state with {@code
 * States.TaskFailed} and that description as cause, as Step Functions does.
 *
 * <p>{@link #close()} is the local counterpart of ECS stopping the tasks (SIGTERM): running jobs are
 * interrupted and leave their renditions retryable ({@value TranscodeTaskMain#INTERRUPTED}); close
 * it after the states engine, so the abandoned executions record nothing of it and run the task
 * again when the runtime starts next.
 */
final class ContainerTasks implements AutoCloseable {

  /** The container's entry point: the job JSON in, the exit code out. */
  @FunctionalInterface
  interface ContainerMain {
    int run(String jobJson, PrintStream out, PrintStream err);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ContainerTasks.class);
  /** How long {@link #close()} waits for interrupted jobs to wind down. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Semaphore workers;
  private final ContainerMain main;
  private final String region;
  private final Set<Thread> running = new HashSet<>();
  private boolean closed;

  ContainerTasks(int workers, ContainerMain main, String region) {
    this.workers = new Semaphore(workers, true);
    this.main = main;
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
    requireFargateSize(task.input().path("Overrides"));
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
      if (!started()) {
        exitCode = TranscodeTaskMain.INTERRUPTED;
        reason = "stopped: the local runtime is shutting down";
      } else {
        LOG.debug("Transcode task {} started", taskArn);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exitCode = main.run(job, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        reason = exitCode == 0 ? "Essential container in task exited" : lastLine(err);
      }
    } finally {
      finished();
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

  /**
   * RunTask's task-level size ({@code Overrides.Cpu}/{@code Memory}, strings as in the ECS API, and
   * {@code EphemeralStorage.SizeInGiB}): the job runs in this JVM whatever its size, but a size ECS
   * would refuse fails here as it would there (ECS combines a single CPU or memory override with the
   * task definition's value, unknown here: those two are checked only together).
   */
  private static void requireFargateSize(JsonNode overrides) {
    JsonNode cpu = overrides.path("Cpu");
    JsonNode memory = overrides.path("Memory");
    for (JsonNode value : List.of(cpu, memory)) {
      if (!value.isMissingNode() && !(value.isTextual() && value.asText().matches("[0-9]{1,6}"))) {
        throw new TaskFailedException("ECS.InvalidParameterException",
            "Overrides.Cpu and Overrides.Memory must be strings of whole numbers, got " + value);
      }
    }
    if (!cpu.isMissingNode() && !memory.isMissingNode()
        && !TaskSize.isFargate(Integer.parseInt(cpu.asText()), Integer.parseInt(memory.asText()))) {
      throw new TaskFailedException("ECS.InvalidParameterException",
          "No Fargate configuration exists for cpu " + cpu.asText() + " and memory " + memory.asText());
    }
    JsonNode storage = overrides.path("EphemeralStorage").path("SizeInGiB");
    if (!overrides.path("EphemeralStorage").isMissingNode() && !(storage.isInt()
        && storage.asInt() >= TaskSize.MIN_STORAGE_GIB && storage.asInt() <= TaskSize.MAX_STORAGE_GIB)) {
      throw new TaskFailedException("ECS.InvalidParameterException", "Overrides.EphemeralStorage.SizeInGiB must be a "
          + "whole number from " + TaskSize.MIN_STORAGE_GIB + " to " + TaskSize.MAX_STORAGE_GIB + ", got " + storage);
    }
  }

  /** Registers the calling thread as a running job; false once closed. */
  private synchronized boolean started() {
    if (closed) {
      return false;
    }
    running.add(Thread.currentThread());
    return true;
  }

  private synchronized void finished() {
    running.remove(Thread.currentThread());
    notifyAll();
  }

  /** Interrupts the running jobs and waits (bounded) until they have ended. */
  @Override
  public synchronized void close() {
    closed = true;
    running.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    try {
      while (!running.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("{} transcode task(s) still running after {}", running.size(), STOP_GRACE);
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String lastLine(ByteArrayOutputStream err) {
    String text = err.toString(StandardCharsets.UTF_8).strip();
    int newline = text.lastIndexOf('\n');
    return text.isEmpty() ? "no message" : text.substring(newline + 1);
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
    boolean stopped = exitCode == TranscodeTaskMain.INTERRUPTED;
    description.put("StopCode", stopped ? "UserInitiated" : "EssentialContainerExited");
    description.put("StoppedReason", stopped ? "Task stopped: the local runtime is shutting down"
        : exitCode == 0 ? reason : "Essential container in task exited");
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
