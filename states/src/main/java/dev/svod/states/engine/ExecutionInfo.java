package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The identity of an execution as the context object ($$.Execution, $$.StateMachine) shows it;
 * {@code express} drops what EXPRESS executions do not have (RedriveCount).
 */
public record ExecutionInfo(
    String executionArn,
    String name,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    Instant startTime,
    JsonNode input,
    boolean express) {

  /** A STANDARD execution. */
  public ExecutionInfo(
      String executionArn, String name, String stateMachineArn, String stateMachineName, String roleArn, Instant startTime, JsonNode input) {
    this(executionArn, name, stateMachineArn, stateMachineName, roleArn, startTime, input, false);
  }
}
