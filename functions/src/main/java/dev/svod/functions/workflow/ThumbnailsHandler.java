package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.ThumbnailsInput;
import dev.svod.functions.workflow.TaskModels.ThumbnailsResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: poster and storyboard. See {@link WorkflowSteps#thumbnails}. */
public final class ThumbnailsHandler extends WorkflowStepHandler<ThumbnailsInput, ThumbnailsResult> {
  public ThumbnailsHandler() {
    super(ThumbnailsInput.class);
  }

  public ThumbnailsHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(ThumbnailsInput.class, s3, dynamoDb, config);
  }

  @Override
  protected ThumbnailsResult handle(ThumbnailsInput request) {
    return steps().thumbnails(request);
  }
}
