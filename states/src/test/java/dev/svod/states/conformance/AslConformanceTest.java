package dev.svod.states.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.states.asl.Json;
import dev.svod.states.asl.JsonEquality;
import dev.svod.states.asl.StateMachineDefinition;
import dev.svod.states.engine.ExecutionInfo;
import dev.svod.states.engine.Interpreter;
import dev.svod.states.engine.ManualClock;
import dev.svod.states.engine.RunListener;
import dev.svod.states.engine.RunResult;
import dev.svod.states.engine.TaskTokens;
import dev.svod.states.task.TaskHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every vector of {@code shared/asl-conformance/cases} (recorded against real AWS Step
 * Functions) and fails when an area's pass count drops below the level the engine has reached.
 * Wait states are fast-forwarded by the test clock. The per-case report is written to
 * {@code target/asl-conformance-report.txt}.
 */
class AslConformanceTest {
  /**
   * Passing vectors per area at the last improvement (866 of 866): the suite fails if any count
   * drops.
   */
  private static final Map<String, Integer> REACHED =
      Map.ofEntries(
          Map.entry("assign", 32),
          Map.entry("base", 29),
          Map.entry("choice_operators", 472),
          Map.entry("comments", 1),
          Map.entry("context_object", 6),
          Map.entry("error_handling", 1),
          Map.entry("evaluate_jsonata", 14),
          Map.entry("express", 1),
          Map.entry("intrinsic_functions", 162),
          Map.entry("logs", 1),
          Map.entry("outputdecl", 14),
          Map.entry("query_language", 8),
          Map.entry("scenarios", 125));

  private static final Set<String> MUST_PASS_ALL =
      Set.of("base", "choice_operators", "error_handling", "intrinsic_functions");

  @Test
  void everyVectorRecordedAgainstAwsPassesAtTheReachedLevel() throws Exception {
    Path cases = casesDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.list(cases)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("vectors in %s", cases).isNotEmpty();

    Map<String, int[]> perArea = new TreeMap<>();
    List<String> report = new ArrayList<>();
    ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (Path file : files) {
        JsonNode c = Json.parse(Files.readString(file));
        String area = c.get("name").asText().split("__")[0];
        int[] counts = perArea.computeIfAbsent(area, a -> new int[2]);
        counts[1]++;
        String problem;
        try {
          Future<String> f = runner.submit(() -> check(c));
          problem = f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          problem = "timed out";
        }
        if (problem == null) {
          counts[0]++;
        } else {
          report.add(c.get("name").asText() + " [" + file.getFileName() + "]: " + problem);
        }
      }
    } finally {
      runner.shutdownNow();
    }

    StringBuilder summary = new StringBuilder("ASL conformance (pass/total per area):\n");
    int pass = 0;
    int total = 0;
    for (var e : perArea.entrySet()) {
      summary.append(String.format("  %-22s %4d / %4d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      pass += e.getValue()[0];
      total += e.getValue()[1];
    }
    summary.append(String.format("  %-22s %4d / %4d (%.1f%%)%n", "TOTAL", pass, total, 100.0 * pass / total));
    summary.append(String.format("  passing with a number printed in another form (1 vs 1.0): %d%n", NUMBER_FORM_DIFFERENCES.size()));
    System.out.println(summary);
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target", "asl-conformance-report.txt"),
        summary + "\nFailures:\n" + String.join("\n", report) + "\n\nNumber forms:\n" + String.join("\n", NUMBER_FORM_DIFFERENCES) + "\n");

    for (var e : perArea.entrySet()) {
      int passed = e.getValue()[0];
      assertThat(passed)
          .as("passing vectors of area %s (see target/asl-conformance-report.txt)", e.getKey())
          .isGreaterThanOrEqualTo(REACHED.getOrDefault(e.getKey(), 0));
      if (MUST_PASS_ALL.contains(e.getKey())) {
        assertThat(passed).as("area %s must pass completely", e.getKey()).isEqualTo(e.getValue()[1]);
      }
    }
    assertThat(pass * 100.0 / total).as("overall pass rate").isGreaterThanOrEqualTo(90.0);
  }

  /** Runs one vector; null when it matches, else what differed. */
  private static String check(JsonNode c) {
    RunResult result;
    try {
      StateMachineDefinition def = StateMachineDefinition.parse(c.get("definition"));
      ExecutionInfo info =
          new ExecutionInfo(
              "arn:aws:states:us-east-1:111111111111:execution:ConformanceMachine:run-1",
              "run-1",
              "arn:aws:states:us-east-1:111111111111:stateMachine:ConformanceMachine",
              "ConformanceMachine",
              "arn:aws:iam::111111111111:role/StepFunctionsRole",
              Instant.now(),
              c.get("input"),
              recordedAsExpress(c));
      result =
          new Interpreter(def, info, ManualClock.fastForward(), new TaskHandlers(), new TaskTokens(), RunListener.NONE, null)
              .run();
    } catch (RuntimeException e) {
      return "engine threw " + e;
    }
    JsonNode expected = c.get("expected");
    Set<String> placeholders = new java.util.HashSet<>();
    c.path("placeholders").forEach(p -> placeholders.add(p.asText()));
    String status = expected.get("status").asText();
    if (!status.equals(result.status())) {
      return "status " + result.status() + " (" + result.error() + ": " + result.cause() + ") != " + status
          + (result.output() != null ? " output " + Json.write(result.output()) : "");
    }
    if (status.equals("SUCCEEDED")) {
      JsonNode want = expected.get("output");
      if (!equalExcept(want, result.output(), "/output", placeholders)) {
        return "output " + Json.write(result.output()) + " != " + Json.write(want);
      }
      if (!sameNumberForms(want, result.output())) {
        NUMBER_FORM_DIFFERENCES.add(c.get("name").asText() + ": " + Json.write(result.output()) + " vs " + Json.write(want));
      }
      return null;
    }
    String wantError = expected.path("error").isNull() ? null : expected.path("error").asText(null);
    String wantCause = expected.path("cause").isNull() ? null : expected.path("cause").asText(null);
    if (!Objects.equals(wantError, result.error())) {
      return "error " + result.error() + " != " + wantError + " (cause " + result.cause() + ")";
    }
    if (!placeholders.contains("/cause") && !Objects.equals(emptyToNull(wantCause), emptyToNull(result.cause()))) {
      return "cause <" + result.cause() + "> != <" + wantCause + ">";
    }
    return null;
  }

  /** Vectors of the express area were recorded from EXPRESS executions (StartSyncExecution). */
  private static boolean recordedAsExpress(JsonNode c) {
    return c.at("/source/test").asText().contains("/express/");
  }

  /** Passing vectors whose numbers differ only in form (1 vs 1.0): reported, not failed. */
  private static final List<String> NUMBER_FORM_DIFFERENCES = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static boolean sameNumberForms(JsonNode want, JsonNode got) {
    if (want.isNumber() && got.isNumber()) {
      return want.isIntegralNumber() == got.isIntegralNumber();
    }
    if (want.isContainerNode() && got.isContainerNode() && want.size() == got.size()) {
      if (want.isArray()) {
        for (int i = 0; i < want.size(); i++) {
          if (!sameNumberForms(want.get(i), got.get(i))) {
            return false;
          }
        }
        return true;
      }
      var it = want.properties().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (got.has(e.getKey()) && !sameNumberForms(e.getValue(), got.get(e.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static boolean equalExcept(JsonNode want, JsonNode got, String pointer, Set<String> skip) {
    if (skip.contains(pointer)) {
      return true;
    }
    if (got == null) {
      return false;
    }
    if (want.isObject() && got.isObject()) {
      if (want.size() != got.size()) {
        return false;
      }
      var it = want.properties().iterator();
      while (it.hasNext()) {
        var e = it.next();
        String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (!got.has(e.getKey()) || !equalExcept(e.getValue(), got.get(e.getKey()), child, skip)) {
          return false;
        }
      }
      return true;
    }
    if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!equalExcept(want.get(i), got.get(i), pointer + "/" + i, skip)) {
          return false;
        }
      }
      return true;
    }
    return JsonEquality.equal(want, got);
  }

  /** shared/asl-conformance/cases beside the repository (or -Dasl.conformance.dir). */
  static Path casesDirectory() throws IOException {
    String configured = System.getProperty("asl.conformance.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/asl-conformance/cases"), dir.resolve("../shared/asl-conformance/cases"))) {
        if (Files.isDirectory(candidate)) {
          return candidate.normalize();
        }
      }
    }
    throw new IllegalStateException(
        "ASL conformance vectors not found: expected shared/asl-conformance/cases beside the repository "
            + "(../shared/asl-conformance/cases from the repository root), or set -Dasl.conformance.dir");
  }
}
