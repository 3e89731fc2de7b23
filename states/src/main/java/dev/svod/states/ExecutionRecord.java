package dev.svod.states;

import java.time.Instant;

/**
 * An execution as DescribeExecution returns it. {@code status} is RUNNING, SUCCEEDED, FAILED,
 * TIMED_OUT or ABORTED; input and output are JSON text; output only when SUCCEEDED, error and
 * cause only when it did not.
 */
public record ExecutionRecord(
    String executionArn,
    String name,
    String stateMachineArn,
    String status,
    Instant startDate,
    Instant stopDate,
    String input,
    String output,
    String error,
    String cause) {

  public boolean running() {
    return "RUNNING".equals(status);
  }
}
