package dev.svod.states.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.states.StatesFailure;
import dev.svod.states.asl.ErrorNames;
import dev.svod.states.asl.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mocked task responses in the AWS Step Functions Local mock-config format:
 *
 * <pre>{@code
 * {"StateMachines": {"Vod": {"TestCases": {"HappyPath": {"Probe": "ProbeOk"}}}},
 *  "MockedResponses": {"ProbeOk": {"0": {"Return": {...}}, "1-2": {"Throw": {"Error": "E", "Cause": "C"}}}}}
 * }</pre>
 *
 * The n-th call (0-based) of a state within one execution gets the response whose key is
 * {@code n} or a range {@code a-b} containing it.
 */
public final class MockConfig {
  private final JsonNode config;

  private MockConfig(JsonNode config) {
    this.config = config;
  }

  public static MockConfig parse(String json) {
    JsonNode config = Json.parse(json);
    if (!config.path("StateMachines").isObject() || !config.path("MockedResponses").isObject()) {
      throw new IllegalArgumentException("A mock config needs the objects 'StateMachines' and 'MockedResponses'");
    }
    return new MockConfig(config);
  }

  public static MockConfig read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /**
   * The handler for one test case. {@code stateMachine} may be null: the first state machine
   * that defines the test case is used.
   */
  public TaskHandler handler(String stateMachine, String testCase) {
    JsonNode states = null;
    Iterator<Map.Entry<String, JsonNode>> machines = config.get("StateMachines").properties().iterator();
    while (machines.hasNext() && states == null) {
      Map.Entry<String, JsonNode> m = machines.next();
      if (stateMachine == null || stateMachine.equals(m.getKey())) {
        JsonNode tc = m.getValue().path("TestCases").get(testCase);
        if (tc != null && tc.isObject()) {
          states = tc;
        }
      }
    }
    if (states == null) {
      throw new IllegalArgumentException(
          "No test case '" + testCase + "'" + (stateMachine == null ? "" : " for state machine '" + stateMachine + "'")
              + " in the mock config");
    }
    JsonNode stateResponses = states;
    JsonNode responses = config.get("MockedResponses");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    return new TaskHandler() {
      @Override
      public JsonNode execute(TaskInvocation invocation) {
        String responseName = stateResponses.path(invocation.stateName()).asText(null);
        if (responseName == null) {
          throw new StatesFailure(
              ErrorNames.RUNTIME,
              "The test case '" + testCase + "' has no mocked response for the state '" + invocation.stateName() + "'");
        }
        JsonNode mocked = responses.get(responseName);
        if (mocked == null) {
          throw new StatesFailure(ErrorNames.RUNTIME, "The mocked response '" + responseName + "' is not defined");
        }
        // Calls are counted per execution and state, as Step Functions Local does.
        int n =
            calls.computeIfAbsent(invocation.executionArn() + "\n" + invocation.stateName(), k -> new AtomicInteger())
                .getAndIncrement();
        JsonNode response = responseFor(mocked, n);
        if (response == null) {
          throw new StatesFailure(
              ErrorNames.RUNTIME,
              "The mocked response '" + responseName + "' has no entry for call " + n + " of the state '"
                  + invocation.stateName() + "'");
        }
        if (response.has("Throw")) {
          JsonNode t = response.get("Throw");
          throw new TaskFailedException(t.path("Error").asText(null), t.path("Cause").asText(null));
        }
        return response.get("Return");
      }

      @Override
      public boolean completesTaskTokens() {
        return true;
      }
    };
  }

  private static JsonNode responseFor(JsonNode mocked, int n) {
    Iterator<Map.Entry<String, JsonNode>> it = mocked.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().trim();
      int dash = key.indexOf('-');
      try {
        int from = Integer.parseInt(dash < 0 ? key : key.substring(0, dash).trim());
        int to = dash < 0 ? from : Integer.parseInt(key.substring(dash + 1).trim());
        if (n >= from && n <= to) {
          return e.getValue();
        }
      } catch (NumberFormatException ignored) {
        // not a call number: skip
      }
    }
    return null;
  }
}
