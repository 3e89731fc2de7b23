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
import java.util.Map;

/**
 * The ECS Fargate transcode container's entry point: the job (a {@link TranscodeJob} as JSON) comes
 * from the {@value FunctionSpec#CONTAINER_JOB_VARIABLE} environment variable or the first argument;
 * configuration from the same variables as the functions ({@link VodConfig}).
 *
 * <p>Exit codes: {@value #OK} done; {@value #FAILED} the encode failed for good (renditions recorded
 * FAILED); {@value #USAGE} no or malformed job or configuration; {@value #TRANSIENT} AWS unreachable or
 * throttled, worth running again.
 */
public final class TranscodeTaskMain {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int TRANSIENT = 75; // EX_TEMPFAIL of sysexits.h

  private TranscodeTaskMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs one job; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String jobJson = args.length > 0 ? args[0] : env.get(FunctionSpec.CONTAINER_JOB_VARIABLE);
    if (jobJson == null || jobJson.isBlank()) {
      err.println("no job: set " + FunctionSpec.CONTAINER_JOB_VARIABLE + " or pass the job JSON as argument");
      return USAGE;
    }
    TranscodeJob job;
    VodConfig config;
    try {
      job = Json.MAPPER.readValue(jobJson, TranscodeJob.class);
      config = VodConfig.fromMap(env);
    } catch (JacksonException e) {
      err.println("malformed job: " + e.getOriginalMessage());
      return USAGE;
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("bad configuration: " + e.getMessage());
      return USAGE;
    }
    return run(job, TranscodeHandler.groupTranscoder(AwsClients.s3(config), AwsClients.dynamoDb(config), config),
        out, err);
  }

  /** Runs a parsed job with the given transcoder; returns the exit code. */
  static int run(TranscodeJob job, GroupTranscoder transcoder, PrintStream out, PrintStream err) {
    try {
      TranscodeResult result = TaskErrors.classify(() -> transcoder.run(job));
      out.println(Json.write(result));
      return OK;
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
