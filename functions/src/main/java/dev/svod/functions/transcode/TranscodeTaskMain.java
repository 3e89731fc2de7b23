package dev.svod.functions.transcode;

import com.fasterxml.jackson.core.JacksonException;
import dev.svod.functions.AwsClients;
import dev.svod.functions.FunctionSpec;
import dev.svod.functions.Json;
import dev.svod.functions.TransientException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.VodException;
import dev.svod.functions.workflow.BadSourceException;
import dev.svod.functions.workflow.TaskErrors;
import dev.svod.functions.workflow.TaskModels.TranscodeResult;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.MediaException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ECS Fargate transcode container's entry point: the job (a {@link TranscodeJob} as JSON) comes
 * from the {@value FunctionSpec#CONTAINER_JOB_VARIABLE} environment variable or the first argument;
 * configuration from the same variables as the functions ({@link VodConfig}). The local runtime runs
 * the same entry point, {@link #run(String, S3Client, DynamoDbClient, VodConfig, PrintStream,
 * PrintStream)}, with its own clients.
 *
 * <p>Exit codes: {@value #OK} done; {@value #FAILED} the encode failed for good (renditions recorded
 * FAILED); {@value #USAGE} no or malformed job or configuration; {@value #TRANSIENT} AWS unreachable or
 * throttled, worth running again; {@value #INTERRUPTED} stopped by a shutdown (SIGTERM when ECS stops
 * the task), renditions left PROCESSING to be encoded again.
 */
public final class TranscodeTaskMain {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int TRANSIENT = 75; // EX_TEMPFAIL of sysexits.h
  /** 128 + SIGTERM: what a JVM stopped by SIGTERM reports anyway, and what ECS shows for it. */
  public static final int INTERRUPTED = 143;

  /**
   * How long the SIGTERM hook lets the interrupted job wind down (the FFmpeg child is killed at once;
   * this covers the last DynamoDB/S3 calls). ECS sends SIGKILL 30 s after SIGTERM by default.
   */
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private TranscodeTaskMain() {}

  /**
   * Runs the job of the environment. On SIGTERM the JVM runs its shutdown hooks: the hook here
   * interrupts the job and waits for it to leave its renditions retryable; the JVM then exits with
   * 143 ({@value #INTERRUPTED}).
   */
  public static void main(String[] args) {
    Thread job = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onStop = new Thread(() -> {
      job.interrupt();
      try {
        finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "transcode-stop");
    Runtime.getRuntime().addShutdownHook(onStop);
    int exitCode;
    try {
      exitCode = run(args, System.getenv(), System.out, System.err);
    } finally {
      finished.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onStop);
    } catch (IllegalStateException shutdownInProgress) {
      return; // stopped by a signal: System.exit would block; the JVM ends once the hook returns
    }
    System.exit(exitCode);
  }

  /** Reads configuration from {@code env}, builds the real clients once and runs the job. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String jobJson = args.length > 0 ? args[0] : env.get(FunctionSpec.CONTAINER_JOB_VARIABLE);
    if (noJob(jobJson, err)) {
      return USAGE;
    }
    VodConfig config;
    try {
      config = VodConfig.fromMap(env);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("bad configuration: " + e.getMessage());
      return USAGE;
    }
    try (S3Client s3 = AwsClients.s3(config); DynamoDbClient dynamoDb = AwsClients.dynamoDb(config)) {
      return run(jobJson, s3, dynamoDb, config, out, err);
    }
  }

  /**
   * Runs one job (a {@link TranscodeJob} as JSON) with the given clients and configuration: the
   * container's whole work, also what the local runtime's {@code ecs:runTask.sync} runs.
   *
   * @param out receives the {@link TranscodeResult} as JSON when done
   * @param err receives one line saying why, for any other outcome
   * @return the exit code ({@link #OK}, {@link #FAILED}, {@link #USAGE}, {@link #TRANSIENT},
   *     {@link #INTERRUPTED})
   */
  public static int run(String jobJson, S3Client s3, DynamoDbClient dynamoDb, VodConfig config,
      PrintStream out, PrintStream err) {
    if (noJob(jobJson, err)) {
      return USAGE;
    }
    TranscodeJob job;
    try {
      job = Json.MAPPER.readValue(jobJson, TranscodeJob.class);
    } catch (JacksonException e) {
      err.println("malformed job: " + e.getOriginalMessage());
      return USAGE;
    }
    return run(job, TranscodeHandler.groupTranscoder(s3, dynamoDb, config), out, err);
  }

  private static boolean noJob(String jobJson, PrintStream err) {
    if (jobJson == null || jobJson.isBlank()) {
      err.println("no job: set " + FunctionSpec.CONTAINER_JOB_VARIABLE + " or pass the job JSON as argument");
      return true;
    }
    return false;
  }

  /** Runs a parsed job with the given transcoder; returns the exit code. */
  static int run(TranscodeJob job, GroupTranscoder transcoder, PrintStream out, PrintStream err) {
    try {
      TranscodeResult result = TaskErrors.classify(() -> transcoder.run(job));
      out.println(Json.write(result));
      return OK;
    } catch (TranscodeInterruptedException e) {
      err.println("stopped: " + e.getMessage());
      return INTERRUPTED;
    } catch (TransientException e) {
      err.println("transient failure: " + e.getMessage());
      return TRANSIENT;
    } catch (MediaException | BadSourceException e) {
      err.println("encode failed: " + e.getMessage());
      return FAILED;
    } catch (VodException e) {
      err.println(e.code() + ": " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      err.println("failed: " + e);
      return FAILED;
    }
  }
}
