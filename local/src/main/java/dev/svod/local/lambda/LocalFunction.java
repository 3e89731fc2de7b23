package dev.svod.local.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One function the {@link LambdaHost} serves.
 *
 * @param name the function name (what an ARN ends with)
 * @param timeout the function timeout, enforced as Lambda does
 * @param memoryMb reported through the handler's context
 * @param newInstance builds one handler instance (a {@code RequestHandler} or
 *     {@code RequestStreamHandler}); called once per concurrently used execution environment,
 *     like a cold start
 */
public record LocalFunction(
    String name, Duration timeout, int memoryMb, Supplier<Object> newInstance) {
  public LocalFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(newInstance, "newInstance");
  }
}
