package dev.svod.states.engine;

import dev.svod.states.asl.Json;
import dev.svod.states.asl.StateMachineDefinition;
import dev.svod.states.task.TaskHandlers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs a definition to the end in-process and keeps the history. */
final class Runs {
  final List<HistoryEvent> events = new ArrayList<>();

  RunResult run(String definition, String input, TaskHandlers handlers, EngineClock clock) {
    ExecutionInfo info =
        new ExecutionInfo(
            "arn:aws:states:us-east-1:000000000000:execution:Test:run",
            "run",
            "arn:aws:states:us-east-1:000000000000:stateMachine:Test",
            "Test",
            "arn:aws:iam::000000000000:role/Test",
            clock.now(),
            Json.parse(input));
    RunListener listener =
        new RunListener() {
          @Override
          public synchronized void onEvent(HistoryEvent event) {
            events.add(event);
          }

          @Override
          public void onCheckpoint(Checkpoint checkpoint) {}

          @Override
          public void onUnitCompleted(String key, com.fasterxml.jackson.databind.JsonNode output) {}
        };
    return new Interpreter(
            StateMachineDefinition.parse(definition), info, clock, handlers, new TaskTokens(), listener, null)
        .run();
  }

  static RunResult runFast(String definition, String input, TaskHandlers handlers) {
    return new Runs().run(definition, input, handlers, new ManualClock(Instant.parse("2026-01-01T00:00:00Z"), true));
  }

  synchronized List<String> types() {
    return events.stream().map(HistoryEvent::type).toList();
  }
}
