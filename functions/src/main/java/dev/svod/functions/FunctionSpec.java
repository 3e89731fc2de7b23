package dev.svod.functions;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every Lambda function of the application. Infra creates one function per entry (with the
 * permissions listed); the local runtime hosts one in-process handler per entry; the state machine
 * refers to workflow functions through {@link #aslSubstitution()}.
 *
 * <p>Handler shapes: {@link #API} takes {@code APIGatewayV2HTTPEvent} (payload v2) and returns
 * {@code APIGatewayV2HTTPResponse}; {@link #INGEST} takes {@code S3Event}; every workflow task is a
 * {@code RequestStreamHandler} reading and writing plain JSON (the state's {@code Payload}).
 * Every handler class has a no-arg constructor (real clients from {@link VodConfig#fromEnvironment()})
 * and a constructor taking the clients and a {@link VodConfig} for tests and the local runtime.
 */
public enum FunctionSpec {
  API("Api", "dev.svod.functions.api.ApiHandler::handleRequest", null, 1024, 29,
      Set.of(Permission.TABLE_READ_WRITE, Permission.SOURCE_UPLOAD, Permission.SOURCE_DELETE,
          Permission.OUTPUT_DELETE, Permission.START_EXECUTION)),
  INGEST("Ingest", "dev.svod.functions.ingest.IngestHandler::handleRequest", null, 512, 30,
      Set.of(Permission.TABLE_READ_WRITE, Permission.START_EXECUTION)),
  MARK_PROCESSING("MarkProcessing", "dev.svod.functions.workflow.MarkProcessingHandler::handleRequest",
      "MarkProcessingFunctionArn", 512, 30, Set.of(Permission.TABLE_READ_WRITE)),
  PROBE("Probe", "dev.svod.functions.workflow.ProbeHandler::handleRequest",
      "ProbeFunctionArn", 2048, 300, Set.of(Permission.TABLE_READ_WRITE, Permission.SOURCE_READ)),
  PLAN("Plan", "dev.svod.functions.workflow.PlanHandler::handleRequest",
      "PlanFunctionArn", 512, 30, Set.of(Permission.TABLE_READ_WRITE)),
  /** FFmpeg in Lambda: one transcode group per invocation (same code as the ECS container). */
  TRANSCODE("Transcode", "dev.svod.functions.transcode.TranscodeHandler::handleRequest",
      "TranscodeFunctionArn", 10240, 900,
      Set.of(Permission.TABLE_READ_WRITE, Permission.SOURCE_READ, Permission.OUTPUT_WRITE)),
  /** Builds MediaConvert CreateJob settings for one group from the rendition plan. */
  MEDIACONVERT_JOB("MediaConvertJob", "dev.svod.functions.transcode.MediaConvertJobHandler::handleRequest",
      "MediaConvertJobFunctionArn", 512, 30, Set.of(Permission.TABLE_READ_WRITE)),
  PUBLISH("Publish", "dev.svod.functions.workflow.PublishHandler::handleRequest",
      "PublishFunctionArn", 1024, 120,
      Set.of(Permission.TABLE_READ_WRITE, Permission.OUTPUT_READ, Permission.OUTPUT_WRITE)),
  THUMBNAILS("Thumbnails", "dev.svod.functions.workflow.ThumbnailsHandler::handleRequest",
      "ThumbnailsFunctionArn", 2048, 600,
      Set.of(Permission.TABLE_READ_WRITE, Permission.OUTPUT_READ, Permission.OUTPUT_WRITE)),
  FINALIZE("Finalize", "dev.svod.functions.workflow.FinalizeHandler::handleRequest",
      "FinalizeFunctionArn", 512, 30, Set.of(Permission.TABLE_READ_WRITE)),
  MARK_FAILED("MarkFailed", "dev.svod.functions.workflow.MarkFailedHandler::handleRequest",
      "MarkFailedFunctionArn", 512, 30, Set.of(Permission.TABLE_READ_WRITE));

  /** What a function needs from other resources; infra turns each into a least-privilege grant. */
  public enum Permission {
    /** GetItem, PutItem, UpdateItem, DeleteItem, Query, BatchWriteItem on the table and its indexes. */
    TABLE_READ_WRITE,
    /** s3:GetObject on {@code uploads/*} of the source bucket. */
    SOURCE_READ,
    /** Create/complete/abort multipart uploads and presign part PUTs on {@code uploads/*} (incl. ListParts). */
    SOURCE_UPLOAD,
    /** s3:DeleteObject on {@code uploads/*} and s3:ListBucket of that prefix. */
    SOURCE_DELETE,
    /** s3:GetObject / ListBucket on {@code v/*} of the output bucket. */
    OUTPUT_READ,
    /** s3:PutObject on {@code v/*} of the output bucket. */
    OUTPUT_WRITE,
    /** s3:ListBucket + s3:DeleteObject on {@code v/*} of the output bucket. */
    OUTPUT_DELETE,
    /** states:StartExecution on the VOD state machine (ingest; the API's retry of failed renditions). */
    START_EXECUTION
  }

  /** Main class of the ECS Fargate transcode container (same code as {@link #TRANSCODE}). */
  public static final String CONTAINER_MAIN_CLASS = "dev.svod.functions.transcode.TranscodeTaskMain";
  /**
   * Environment variable carrying the container's job (the transcode group input as JSON); the state
   * machine sets it through ECS container overrides. The container also reads {@link VodConfig}.
   */
  public static final String CONTAINER_JOB_VARIABLE = "VOD_TRANSCODE_JOB";

  private final String logicalName;
  private final String handler;
  private final String aslSubstitution;
  private final int memoryMb;
  private final int timeoutSeconds;
  private final Set<Permission> permissions;

  FunctionSpec(String logicalName, String handler, String aslSubstitution, int memoryMb,
      int timeoutSeconds, Set<Permission> permissions) {
    this.logicalName = logicalName;
    this.handler = handler;
    this.aslSubstitution = aslSubstitution;
    this.memoryMb = memoryMb;
    this.timeoutSeconds = timeoutSeconds;
    this.permissions = permissions;
  }

  /** CloudFormation-friendly name, e.g. {@code Probe}. */
  public String logicalName() {
    return logicalName;
  }

  /** Lambda handler string: fully qualified class name, {@code ::}, method name. */
  public String handler() {
    return handler;
  }

  /** Fully qualified handler class name. */
  public String handlerClass() {
    return handler.substring(0, handler.indexOf("::"));
  }

  /** Handler method name ({@code handleRequest}). */
  public String handlerMethod() {
    return handler.substring(handler.indexOf("::") + 2);
  }

  /** Key of this function's ARN in {@code statemachine/vod.asl.json}, if the workflow calls it. */
  public Optional<String> aslSubstitution() {
    return Optional.ofNullable(aslSubstitution);
  }

  public int memoryMb() {
    return memoryMb;
  }

  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /**
   * Ephemeral /tmp size: the transcoder holds the source and its output, thumbnails a whole lowest
   * rendition, which for a long video outgrows the default; the probe only FFmpeg's executables.
   */
  public int ephemeralStorageMb() {
    return switch (this) {
      case TRANSCODE, THUMBNAILS -> 10240;
      case PROBE -> 1024; // FFmpeg's extracted executables take ~90 MB; the source is read over HTTPS
      default -> 512;
    };
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  /**
   * Whether the function runs ffmpeg/ffprobe, so its deployment package must carry the bundled
   * FFmpeg build (tens of MB that every other function is better off without).
   */
  public boolean runsFfmpeg() {
    return this == PROBE || this == TRANSCODE || this == THUMBNAILS;
  }

  /**
   * Environment variables the function reads (all through {@link VodConfig}); infra sets every one.
   * The required three (buckets, table) are read by every function because {@link VodConfig} is one
   * record; the optional ones fall back to documented defaults. The API function also reads the
   * optional signed-playback variables of {@link dev.svod.functions.video.PlaybackSigner}, which infra
   * sets only when the distribution requires signed URLs.
   */
  public List<String> environmentVariables() {
    return VodConfig.variableNames();
  }

  /** The workflow functions, i.e. those with an ASL substitution. */
  public static List<FunctionSpec> workflowFunctions() {
    return java.util.Arrays.stream(values()).filter(f -> f.aslSubstitution != null).toList();
  }
}
