package dev.svod.functions.ingest;

import dev.svod.functions.TransientException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** {@link WorkflowStarter} over the Step Functions API (AWS, LocalStack or the local states engine). */
public final class SfnWorkflowStarter implements WorkflowStarter {
  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn) {
    if (stateMachineArn == null || stateMachineArn.isBlank()) {
      throw new IllegalStateException("starting the workflow (ingest, retry) needs VOD_STATE_MACHINE_ARN");
    }
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public Outcome start(String name, String inputJson) {
    try {
      sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(inputJson));
      return Outcome.STARTED;
    } catch (ExecutionAlreadyExistsException e) {
      return Outcome.ALREADY_STARTED;
    } catch (SdkClientException e) {
      throw new TransientException("cannot reach Step Functions: " + e.getMessage(), e);
    } catch (SfnException e) {
      if (e.statusCode() >= 500 || e.isThrottlingException()) {
        throw new TransientException("Step Functions refused for now: " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
