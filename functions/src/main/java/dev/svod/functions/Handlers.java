package dev.svod.functions;

import dev.svod.functions.api.ApiHandler;
import dev.svod.functions.ingest.IngestHandler;
import dev.svod.functions.ingest.WorkflowStarter;
import dev.svod.functions.transcode.MediaConvertJobHandler;
import dev.svod.functions.transcode.TranscodeHandler;
import dev.svod.functions.workflow.FinalizeHandler;
import dev.svod.functions.workflow.MarkFailedHandler;
import dev.svod.functions.workflow.MarkProcessingHandler;
import dev.svod.functions.workflow.PlanHandler;
import dev.svod.functions.workflow.ProbeHandler;
import dev.svod.functions.workflow.PublishHandler;
import dev.svod.functions.workflow.ThumbnailsHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the handler of any {@link FunctionSpec} from given clients, for hosts that run the functions
 * in-process (the local runtime, tests) instead of through their no-arg Lambda constructors.
 */
public final class Handlers {

  /**
   * What the handlers are built from.
   *
   * @param workflow how the ingest function (and the API's retry) starts executions (e.g. {@code SfnWorkflowStarter})
   */
  public record Dependencies(S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb,
      WorkflowStarter workflow, VodConfig config) {}

  private Handlers() {}

  /**
   * The handler of {@code function}: a {@code RequestHandler} for {@link FunctionSpec#API} and
   * {@link FunctionSpec#INGEST}, a {@code RequestStreamHandler} for every workflow task.
   */
  public static Object create(FunctionSpec function, Dependencies d) {
    return switch (function) {
      case API -> new ApiHandler(d.s3(), d.presigner(), d.dynamoDb(), d.workflow(), d.config());
      case INGEST -> new IngestHandler(d.dynamoDb(), d.workflow(), d.config());
      case MARK_PROCESSING -> new MarkProcessingHandler(d.s3(), d.dynamoDb(), d.config());
      case PROBE -> new ProbeHandler(d.presigner(), d.dynamoDb(), d.config());
      case PLAN -> new PlanHandler(d.s3(), d.dynamoDb(), d.config());
      case TRANSCODE -> new TranscodeHandler(d.s3(), d.dynamoDb(), d.config());
      case MEDIACONVERT_JOB -> new MediaConvertJobHandler(d.dynamoDb(), d.config());
      case PUBLISH -> new PublishHandler(d.s3(), d.dynamoDb(), d.config());
      case THUMBNAILS -> new ThumbnailsHandler(d.s3(), d.dynamoDb(), d.config());
      case FINALIZE -> new FinalizeHandler(d.s3(), d.dynamoDb(), d.config());
      case MARK_FAILED -> new MarkFailedHandler(d.s3(), d.dynamoDb(), d.config());
    };
  }
}
