package dev.svod.states.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.DefinitionSubstitutions;
import dev.svod.states.ExecutionRecord;
import dev.svod.states.StatesEngine;
import dev.svod.states.asl.Json;
import dev.svod.states.engine.HistoryEvent;
import dev.svod.states.engine.ManualClock;
import dev.svod.states.task.MockConfig;
import dev.svod.states.task.TaskHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the project's workflow ({@code statemachine/vod.asl.json}) with mocked tasks, in the Step
 * Functions Local mock-config format ({@code workflow/vod-mock-config.json}).
 */
class VodWorkflowTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private ManualClock clock;
  private StatesEngine engine;

  @Test
  void happyPathTranscodesEveryGroupAndEndsReady() throws Exception {
    Run run = run("HappyPath", "lambda");

    assertThat(run.record.status()).isEqualTo("SUCCEEDED");
    assertThat(run.output.at("/final/status").asText()).isEqualTo("READY");
    assertThat(run.output.get("groups")).hasSize(2);
    assertThat(run.output.at("/thumbnails/poster").asText()).isEqualTo("v/x/poster.jpg");
    assertThat(run.parametersOf("TranscodeInLambda")).hasSize(2);
    assertThat(run.parametersOf("RecordGroupFailure")).isEmpty();
    assertThat(run.types()).contains("MapIterationStarted", "MapIterationSucceeded").doesNotContain("TaskFailed");
  }

  @Test
  void aRenditionWhoseContainerWasReclaimedIsRetriedAndSucceeds() throws Exception {
    Run run = run("RetriedRendition", "container");

    assertThat(run.record.status()).isEqualTo("SUCCEEDED");
    assertThat(run.output.at("/final/status").asText()).isEqualTo("READY");
    assertThat(run.count("TaskFailed")).isEqualTo(1);
    assertThat(run.resources("ecs")).hasSize(3);
    assertThat(run.count("TaskSucceeded")).isGreaterThanOrEqualTo(2);
    assertThat(clock.now()).isAfterOrEqualTo(START.plusSeconds(10));
    JsonNode firstEncode = Json.parse(run.resources("ecs").get(0).get("parameters").asText());
    assertThat(firstEncode.at("/NetworkConfiguration/AwsvpcConfiguration/Subnets"))
        .isEqualTo(Json.parse("[\"subnet-a\",\"subnet-b\"]"));
    assertThat(firstEncode.at("/NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp").asText())
        .isEqualTo("DISABLED");
    // Each group's task is sized by the plan, as RunTask's string-valued task-level overrides
    assertThat(firstEncode.at("/Overrides/Cpu")).isEqualTo(Json.parse("\"1024\""));
    assertThat(firstEncode.at("/Overrides/Memory")).isEqualTo(Json.parse("\"2048\""));
    assertThat(Json.parse(run.resources("ecs").get(2).get("parameters").asText()).at("/Overrides/Cpu").asText())
        .isEqualTo("2048");
  }

  @Test
  void aPermanentlyFailedRenditionIsRecordedWhileTheOthersPublish() throws Exception {
    Run run = run("FailedRendition", "lambda");

    assertThat(run.record.status()).isEqualTo("SUCCEEDED");
    assertThat(run.output.at("/final/status").asText()).isEqualTo("PARTIALLY_READY");
    assertThat(run.output.at("/groups/0/done").asInt()).isEqualTo(1);
    assertThat(run.output.at("/groups/1/failed").asInt()).isEqualTo(1);
    List<JsonNode> recorded = run.parametersOf("RecordGroupFailure");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).at("/Payload/error/Error").asText()).isEqualTo("dev.svod.media.MediaException");
    assertThat(recorded.get(0).at("/Payload/group/renditions/0").asText()).isEqualTo("720p");
  }

  @Test
  void aBadSourceMarksTheVideoFailedAndFailsTheExecutionWithTheReason() throws Exception {
    Run run = run("BadSource", "lambda");

    assertThat(run.record.status()).isEqualTo("FAILED");
    assertThat(run.record.error()).isEqualTo("dev.svod.functions.workflow.BadSourceException");
    assertThat(Json.parse(run.record.cause()).get("errorMessage").asText()).isEqualTo("NOT_A_VIDEO: no video stream");
    assertThat(run.parametersOf("MarkFailed")).singleElement()
        .satisfies(p -> assertThat(p.at("/Payload/error/Error").asText()).isEqualTo("dev.svod.functions.workflow.BadSourceException"));
    assertThat(run.types()).doesNotContain("MapStateEntered");
  }

  @Test
  void mediaConvertBackendRunsCreateJobSync() throws Exception {
    Run run = run("MediaConvert", "mediaconvert");

    assertThat(run.record.status()).isEqualTo("SUCCEEDED");
    assertThat(run.resources("mediaconvert")).hasSize(2)
        .allSatisfy(d -> assertThat(d.get("resource").asText()).isEqualTo("createJob.sync"));
  }

  // ------------------------------------------------------------------ helpers

  private record Run(ExecutionRecord record, JsonNode output, List<HistoryEvent> history) {
    List<String> types() {
      return history.stream().map(HistoryEvent::type).toList();
    }

    long count(String type) {
      return history.stream().filter(e -> e.type().equals(type)).count();
    }

    /** TaskScheduled details of one resource type (lambda, ecs, mediaconvert). */
    List<ObjectNode> resources(String resourceType) {
      return history.stream()
          .filter(e -> e.type().equals("TaskScheduled") && e.details().get("resourceType").asText().equals(resourceType))
          .map(HistoryEvent::details)
          .toList();
    }

    /** The parameters of every call of a Task state. */
    List<JsonNode> parametersOf(String state) {
      return history.stream()
          .filter(e -> e.type().equals("TaskScheduled"))
          .filter(e -> stateOf(e).equals(state))
          .map(e -> Json.parse(e.details().get("parameters").asText()))
          .toList();
    }

    /** The state a TaskScheduled event belongs to: its previous event is the TaskStateEntered. */
    private String stateOf(HistoryEvent scheduled) {
      return history.stream()
          .filter(e -> e.id() == scheduled.previousEventId() && e.type().equals("TaskStateEntered"))
          .map(e -> e.details().get("name").asText())
          .findFirst()
          .orElse("");
    }
  }

  private Run run(String testCase, String backend) throws Exception {
    Path root = repositoryRoot();
    String definition = Files.readString(root.resolve("statemachine/vod.asl.json"));
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : DefinitionSubstitutions.placeholders(definition)) {
      values.put(key, key.endsWith("Subnets") ? "subnet-a,subnet-b" : key.endsWith("SecurityGroups") ? "sg-1"
          : key.endsWith("AssignPublicIp") ? "DISABLED" : "arn:aws:lambda:us-east-1:000000000000:function:" + key);
    }
    definition = DefinitionSubstitutions.apply(definition, values);
    ObjectNode input = (ObjectNode) Json.parse(Files.readString(root.resolve("events/workflow/execution-input.json")));
    input.put("backend", backend);
    input.put("maxConcurrency", 1);

    MockConfig mocks;
    try (var in = getClass().getResourceAsStream("/workflow/vod-mock-config.json")) {
      mocks = MockConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    clock = new ManualClock(START, true);
    engine = StatesEngine.builder().clock(clock).taskHandlers(new TaskHandlers().register("*", mocks.handler("Vod", testCase))).build();
    try (StatesEngine e = engine) {
      String sm = e.createStateMachine("Vod", definition, null).arn();
      String arn = e.startExecution(sm, input.get("videoId").asText(), Json.write(input)).executionArn();
      ExecutionRecord record = e.awaitExecution(arn, Duration.ofSeconds(30));
      assertThat(record.running()).as("execution finished").isFalse();
      return new Run(record, record.output() == null ? null : Json.parse(record.output()), e.history(arn));
    }
  }

  private static Path repositoryRoot() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("statemachine/vod.asl.json"))) {
        return dir;
      }
    }
    throw new IOException("statemachine/vod.asl.json not found above " + Path.of("").toAbsolutePath());
  }
}
