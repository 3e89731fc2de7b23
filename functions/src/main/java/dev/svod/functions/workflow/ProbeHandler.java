package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;
import dev.svod.functions.workflow.TaskModels.ProbeInput;
import dev.svod.functions.workflow.TaskModels.ProbeResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Workflow task: probe the source (bad media fails the video). See {@link WorkflowSteps#probe}. */
public final class ProbeHandler extends WorkflowStepHandler<ProbeInput, ProbeResult> {
  public ProbeHandler() {
    super(ProbeInput.class);
  }

  public ProbeHandler(S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(ProbeInput.class, s3, dynamoDb, config);
  }

  @Override
  protected ProbeResult handle(ProbeInput request) {
    return steps().probe(request);
  }
}
