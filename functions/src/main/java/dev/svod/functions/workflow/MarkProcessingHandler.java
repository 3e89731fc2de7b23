package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.VideoRef;
import dev.svod.functions.workflow.TaskModels.VideoStatusResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: the video starts PROCESSING. See {@link WorkflowSteps#markProcessing}. */
public final class MarkProcessingHandler extends WorkflowStepHandler<VideoRef, VideoStatusResult> {
  public MarkProcessingHandler() {
    super(VideoRef.class);
  }

  public MarkProcessingHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(VideoRef.class, s3, dynamoDb, config);
  }

  @Override
  protected VideoStatusResult handle(VideoRef request) {
    return steps().markProcessing(request);
  }
}
