package dev.svod.states.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a Task state for the resources it was registered for. Return the task result;
 * throw {@link TaskFailedException} with the error name Retry/Catch should see (a Lambda's
 * errorType, {@code States.TaskFailed}, ...). Any other exception becomes
 * {@code States.TaskFailed} with the exception's message as cause.
 *
 * <p>For {@code .waitForTaskToken} resources the return value is ignored: the execution waits
 * for SendTaskSuccess/SendTaskFailure with {@link TaskInvocation#taskToken()}.
 */
@FunctionalInterface
public interface TaskHandler {
  JsonNode execute(TaskInvocation invocation) throws Exception;

  /**
   * True when this handler's result is the task's final result even for {@code
   * .waitForTaskToken} resources (mocks do this), so the engine does not wait for a callback.
   */
  default boolean completesTaskTokens() {
    return false;
  }
}
