package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.VideoRef;
import dev.svod.functions.workflow.TaskModels.VideoStatusResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: READY, PARTIALLY_READY or FAILED from the renditions. See {@link WorkflowSteps#finalizeVideo}. */
public final class FinalizeHandler extends WorkflowStepHandler<VideoRef, VideoStatusResult> {
  public FinalizeHandler() {
    super(VideoRef.class);
  }

  public FinalizeHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(VideoRef.class, s3, dynamoDb, config);
  }

  @Override
  protected VideoStatusResult handle(VideoRef request) {
    return steps().finalizeVideo(request);
  }
}
