package dev.svod.states;

import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskHandlers;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link EngineKillIT} kills: starts an execution whose second task never ends,
 * prints {@code IN_FLIGHT} once that task runs, then waits to be killed.
 */
public final class CrashingEngineMain {
  static final String DEFINITION =
      """
      {"StartAt": "First", "States": {
        "First": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:first", "ResultPath": "$.first", "Next": "Second"},
        "Second": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:second", "ResultPath": "$.second", "End": true}}}
      """;

  private CrashingEngineMain() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch forever = new CountDownLatch(1);
    TaskHandlers handlers =
        new TaskHandlers()
            .register("*:function:first", call -> Json.parse("\"first done\""))
            .register("*:function:second", call -> {
              System.out.println("IN_FLIGHT");
              System.out.flush();
              forever.await();
              return null;
            });
    StatesEngine engine = StatesEngine.builder().dataDirectory(Path.of(args[0])).taskHandlers(handlers).build();
    String sm = engine.createStateMachine("Crash", DEFINITION, null).arn();
    engine.startExecution(sm, "crash-1", "{\"videoId\":\"k\"}");
    forever.await();
  }
}
