package dev.svod.states;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskHandlers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills (SIGKILL) a JVM running the engine mid-task and resumes its execution in this one. */
class EngineKillIT {
  @TempDir Path dir;

  @Test
  void anExecutionSurvivesKillMinus9AndResumesFromTheTaskInFlight() throws Exception {
    // Given another JVM whose execution has finished "First" and is running "Second"
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingEngineMain.class.getName(), dir.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("IN_FLIGHT"));
      assertThat(line).as("the child reached the second task").isEqualTo("IN_FLIGHT");

      // When it is killed without any chance to clean up
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    // Then a new engine over the directory finishes the execution, without re-running First
    AtomicInteger firstCalls = new AtomicInteger();
    TaskHandlers handlers =
        new TaskHandlers()
            .register("*:function:first", call -> {
              firstCalls.incrementAndGet();
              return Json.parse("\"again?\"");
            })
            .register("*:function:second", call -> Json.parse("\"second done\""));
    try (StatesEngine engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(handlers).build()) {
      String arn = engine.stateMachineByName("Crash").orElseThrow().arn().replace(":stateMachine:", ":execution:") + ":crash-1";
      ExecutionRecord done = engine.awaitExecution(arn, Duration.ofSeconds(20));

      assertThat(done.status()).isEqualTo("SUCCEEDED");
      assertThat(Json.parse(done.output()))
          .isEqualTo(Json.parse("{\"videoId\":\"k\",\"first\":\"first done\",\"second\":\"second done\"}"));
      assertThat(firstCalls).hasValue(0);
      List<String> types = engine.history(arn).stream().map(e -> e.type()).toList();
      assertThat(types.stream().filter("TaskScheduled"::equals)).hasSize(3);
      assertThat(types.get(types.size() - 1)).isEqualTo("ExecutionSucceeded");
    }
  }
}
