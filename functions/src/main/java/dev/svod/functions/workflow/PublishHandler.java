package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.PublishInput;
import dev.svod.functions.workflow.TaskModels.PublishResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: publish a transcoded group and rewrite the master playlist. See {@link WorkflowSteps#publish}. */
public final class PublishHandler extends WorkflowStepHandler<PublishInput, PublishResult> {
  public PublishHandler() {
    super(PublishInput.class);
  }

  public PublishHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(PublishInput.class, s3, dynamoDb, config);
  }

  @Override
  protected PublishResult handle(PublishInput request) {
    return steps().publish(request);
  }
}
