package dev.svod.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.lambda.Invocation;
import dev.svod.local.lambda.LambdaHost;
import dev.svod.states.asl.Json;
import dev.svod.states.task.LambdaResults;
import dev.svod.states.task.TaskFailedException;
import dev.svod.states.task.TaskHandler;
import dev.svod.states.task.TaskInvocation;

/**
 * The Lambda task integrations of the states engine, served by the {@link LambdaHost}: the
 * optimised {@code arn:aws:states:::lambda:invoke} (Parameters {@code FunctionName}, {@code
 * Payload}; result {@code {Payload, StatusCode, ...}}) and the plain function-ARN resource
 * (result = the function's response). A function error fails the task with the function's {@code
 * errorType} as error and Lambda's error document as cause, as Step Functions reports it; an
 * unknown function fails with {@code Lambda.ResourceNotFoundException}.
 */
final class LambdaTasks {

  private final LambdaHost host;

  LambdaTasks(LambdaHost host) {
    this.host = host;
  }

  /** {@code arn:aws:states:::lambda:invoke}. */
  TaskHandler invokeIntegration() {
    return (TaskInvocation task) -> {
      JsonNode functionName = task.input().path("FunctionName");
      if (!functionName.isTextual()) {
        throw new TaskFailedException("States.Runtime",
            "lambda:invoke needs Parameters.FunctionName (state " + task.stateName() + ")");
      }
      JsonNode payload = task.input().has("Payload") ? task.input().get("Payload")
          : Json.object();
      return LambdaResults.invokeResult(invoke(functionName.asText(), payload).json());
    };
  }

  /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
  TaskHandler functionResource() {
    return task -> invoke(task.resource(), task.input()).json();
  }

  private Invocation invoke(String function, JsonNode payload) {
    if (!host.hosts(function)) {
      throw new TaskFailedException("Lambda.ResourceNotFoundException",
          "Function not found: " + function);
    }
    Invocation result = host.invoke(function, Json.write(payload));
    if (result.functionError()) {
      throw new TaskFailedException(result.errorType(), result.payload());
    }
    return result;
  }
}
