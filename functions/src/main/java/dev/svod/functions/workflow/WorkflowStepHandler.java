package dev.svod.functions.workflow;

import dev.svod.functions.AwsClients;
import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Base of the workflow step functions: every one is built the same way (no-arg from the environment,
 * or from clients and a {@link VodConfig}) and delegates to one {@link WorkflowSteps} method.
 */
public abstract class WorkflowStepHandler<I, O> extends JsonTaskHandler<I, O> {
  private final WorkflowSteps steps;

  /** Lambda entry: real clients from the environment, built once per cold start. */
  protected WorkflowStepHandler(Class<I> inputType) {
    this(inputType, VodConfig.fromEnvironment());
  }

  private WorkflowStepHandler(Class<I> inputType, VodConfig config) {
    this(inputType, AwsClients.s3(config), AwsClients.dynamoDb(config), config);
  }

  /** For tests and the local runtime. */
  protected WorkflowStepHandler(Class<I> inputType, S3Client s3, DynamoDbClient dynamoDb, VodConfig config) {
    super(inputType);
    this.steps = new WorkflowSteps(new Catalog(dynamoDb, config.tableName()), new OutputStore(s3), config);
  }

  protected WorkflowSteps steps() {
    return steps;
  }
}
