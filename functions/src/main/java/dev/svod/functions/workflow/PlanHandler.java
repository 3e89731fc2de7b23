package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.PlanInput;
import dev.svod.functions.workflow.TaskModels.PlanResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: plan the ladder and its transcode groups. See {@link WorkflowSteps#plan}. */
public final class PlanHandler extends WorkflowStepHandler<PlanInput, PlanResult> {
  public PlanHandler() {
    super(PlanInput.class);
  }

  public PlanHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(PlanInput.class, s3, dynamoDb, config);
  }

  @Override
  protected PlanResult handle(PlanInput request) {
    return steps().plan(request);
  }
}
