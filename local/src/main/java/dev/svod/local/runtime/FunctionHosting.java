package dev.svod.local.runtime;

import dev.svod.functions.FunctionSpec;
import dev.svod.local.lambda.HandlerFactory;
import dev.svod.local.lambda.LambdaHost;
import dev.svod.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hosts every {@link FunctionSpec} in a {@link LambdaHost}: handler class, timeout and memory as
 * the spec says, built with the clients and configuration of the local runtime.
 */
public final class FunctionHosting {
  private FunctionHosting() {}

  /** The local function name of a spec, e.g. {@code vod-Probe}. */
  public static String functionName(FunctionSpec spec) {
    return "vod-" + spec.logicalName();
  }

  /** Registers every function; returns the ASL substitutions (e.g. ProbeFunctionArn → ARN). */
  public static Map<String, String> register(LambdaHost host, HandlerFactory handlers) {
    Map<String, String> substitutions = new LinkedHashMap<>();
    for (FunctionSpec spec : FunctionSpec.values()) {
      String name = functionName(spec);
      host.register(
          new LocalFunction(
              name,
              Duration.ofSeconds(spec.timeoutSeconds()),
              spec.memoryMb(),
              () -> handlers.create(spec.handlerClass())));
      spec.aslSubstitution().ifPresent(key -> substitutions.put(key, host.arn(name)));
    }
    return substitutions;
  }
}
