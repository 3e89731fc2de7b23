package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.MarkFailedInput;
import dev.svod.functions.workflow.TaskModels.VideoStatusResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: record the workflow's failure on the video. See {@link WorkflowSteps#markFailed}. */
public final class MarkFailedHandler extends WorkflowStepHandler<MarkFailedInput, VideoStatusResult> {
  public MarkFailedHandler() {
    super(MarkFailedInput.class);
  }

  public MarkFailedHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(MarkFailedInput.class, s3, dynamoDb, config);
  }

  @Override
  protected VideoStatusResult handle(MarkFailedInput request) {
    return steps().markFailed(request);
  }
}
