package dev.svod.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A workflow task as a Lambda stream handler: the state's {@code Payload} JSON in, the result JSON
 * out (Step Functions puts it under {@code Payload} of the task result). Exceptions propagate so that
 * Lambda reports their class name as {@code errorType}, the name the state machine's Retry and Catch
 * match; see {@link TaskErrors}.
 *
 * @param <I> input record
 * @param <O> output record
 */
public abstract class JsonTaskHandler<I, O> implements RequestStreamHandler {
  private final Class<I> inputType;

  protected JsonTaskHandler(Class<I> inputType) {
    this.inputType = inputType;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    I request;
    try {
      request = Json.MAPPER.readValue(input, inputType);
    } catch (JacksonException e) {
      throw new InvalidRequestException("INVALID_TASK_INPUT",
          "task input is not a " + inputType.getSimpleName() + ": " + e.getOriginalMessage());
    }
    Json.MAPPER.writeValue(output, invoke(request));
  }

  /** Runs the task on an already parsed input (tests and in-process callers). */
  public final O invoke(I request) {
    return TaskErrors.classify(() -> handle(request));
  }

  /** The task itself. */
  protected abstract O handle(I request);
}
