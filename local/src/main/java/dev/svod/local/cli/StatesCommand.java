package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.DefinitionSubstitutions;
import dev.svod.states.ExecutionRecord;
import dev.svod.states.StatesApiException;
import dev.svod.states.StatesEngine;
import dev.svod.states.asl.InvalidDefinitionException;
import dev.svod.states.asl.Json;
import dev.svod.states.asl.StateMachineDefinition;
import dev.svod.states.engine.EngineClock;
import dev.svod.states.engine.ManualClock;
import dev.svod.states.task.MockConfig;
import dev.svod.states.task.TaskHandlers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vod states ...}: the Amazon States Language engine from the command line. */
@Command(
    name = "states",
    mixinStandardHelpOptions = true,
    description = "Runs Amazon States Language state machines with the local engine.",
    subcommands = {StatesCommand.Run.class})
public final class StatesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code vod states run}: one execution in-process; prints {@code {"status":...}} as one JSON
   * object. Exit 0 whether it succeeded or failed; 1 for an invalid definition, input or mock file.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs one execution of a definition in-process and prints one JSON object:",
        "{\"status\":\"SUCCEEDED\",\"output\":...} or {\"status\":\"FAILED\",\"error\":...,\"cause\":...}.",
        "Task results come from a mock file in the Step Functions Local mock-config format."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--definition", required = true, paramLabel = "FILE", description = "The ASL definition (JSON).")
    Path definition;

    @Option(names = "--input", defaultValue = "{}", paramLabel = "JSON|@FILE", description = "Execution input: JSON text or @file (default {}).")
    String input;

    @Option(names = "--mock-config", paramLabel = "FILE", description = "Mocked task responses (Step Functions Local format).")
    Path mockConfig;

    @Option(names = "--test-case", paramLabel = "NAME", description = "The test case of the mock config to use.")
    String testCase;

    @Option(names = "--state-machine", paramLabel = "NAME", description = "The state machine entry of the mock config (default: the first defining the test case).")
    String stateMachine;

    @Option(names = {"-s", "--substitution"}, paramLabel = "KEY=VALUE", description = "Value for a ${KEY} placeholder of the definition (repeatable).")
    Map<String, String> substitutions = new LinkedHashMap<>();

    @Option(names = "--fast-forward", description = "Finish Wait states and retry back-off at once instead of waiting.")
    boolean fastForward;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION", description = "Give up after this long (ISO-8601, default PT10M).")
    Duration timeout;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String definitionText;
      JsonNode inputJson;
      TaskHandlers handlers = new TaskHandlers();
      try {
        definitionText = Files.readString(definition);
        if (!substitutions.isEmpty()) {
          definitionText = substituteKnown(definitionText);
        }
        StateMachineDefinition.parse(definitionText);
        inputJson = Json.parse(input.startsWith("@") ? Files.readString(Path.of(input.substring(1))) : input);
        if (mockConfig != null || testCase != null) {
          if (mockConfig == null || testCase == null) {
            return usageError("--mock-config and --test-case go together");
          }
          handlers.register("*", MockConfig.read(mockConfig).handler(stateMachine, testCase));
        }
      } catch (InvalidDefinitionException e) {
        return usageError(e.getMessage());
      } catch (IOException e) {
        return usageError("cannot read " + e.getMessage());
      } catch (IllegalArgumentException e) {
        return usageError("invalid input: " + e.getMessage());
      }
      EngineClock clock = fastForward ? ManualClock.fastForward() : EngineClock.system();
      try (StatesEngine engine = StatesEngine.builder().clock(clock).taskHandlers(handlers).build()) {
        String arn = engine.createStateMachine("cli", definitionText, null).arn();
        ExecutionRecord started = engine.startExecution(arn, "cli-run", Json.write(inputJson));
        ExecutionRecord done = engine.awaitExecution(started.executionArn(), timeout);
        if (done.running()) {
          engine.stopExecution(done.executionArn(), "States.Timeout", "vod states run gave up after " + timeout);
          return usageError("the execution did not finish within " + timeout);
        }
        ObjectNode result = Json.object();
        result.put("status", done.status());
        if (done.output() != null) {
          result.set("output", Json.parse(done.output()));
        } else {
          result.put("error", done.error());
          result.put("cause", done.cause());
        }
        out.println(Json.write(result));
        out.flush();
        return 0;
      } catch (StatesApiException | TimeoutException e) {
        return usageError(e.getMessage());
      }
    }

    private String substituteKnown(String text) {
      Map<String, String> values = new LinkedHashMap<>();
      DefinitionSubstitutions.placeholders(text).forEach(k -> values.put(k, "${" + k + "}"));
      values.putAll(substitutions);
      return DefinitionSubstitutions.apply(text, values);
    }

    private int usageError(String message) {
      spec.commandLine().getErr().println("vod states run: " + message);
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
