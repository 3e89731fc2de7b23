package dev.svod.states.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of a Task resource.
 *
 * @param resource the state's Resource, suffix included ({@code ...ecs:runTask.sync})
 * @param input the effective parameters (Parameters / Arguments, or the effective input)
 * @param stateName the Task state's name
 * @param executionArn the execution it belongs to
 * @param taskToken the token for {@code .waitForTaskToken} resources, else null
 * @param context the context object ($$) at the time of the call
 * @param attempt 0 for the first try, then 1, 2, ... for retries
 */
public record TaskInvocation(
    String resource,
    JsonNode input,
    String stateName,
    String executionArn,
    String taskToken,
    JsonNode context,
    int attempt) {

  /** The resource without {@code .sync}, {@code .sync:2} or {@code .waitForTaskToken}. */
  public String baseResource() {
    return TaskHandlers.baseResource(resource);
  }

  public boolean waitForTaskToken() {
    return resource.endsWith(".waitForTaskToken");
  }
}
