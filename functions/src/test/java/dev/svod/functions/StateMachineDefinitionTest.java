package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StateMachineDefinitionTest {
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
  private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

  private static String definition() throws IOException {
    try (InputStream in = StateMachineDefinitionTest.class.getResourceAsStream("/" + StateMachineSpec.DEFINITION_PATH)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void usesExactlyTheDeclaredSubstitutions() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher matcher = SUBSTITUTION.matcher(definition());
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(StateMachineSpec.allSubstitutions());
  }

  @Test
  void namesAllThreeTranscodeBackends() throws IOException {
    List<String> resources = new ArrayList<>();
    states(Json.MAPPER.readTree(definition())).forEach(s -> {
      if (s.has("Resource")) {
        resources.add(s.get("Resource").asText());
      }
    });
    assertThat(resources).contains(LAMBDA, "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::mediaconvert:createJob.sync");
  }

  @Test
  void containerTasksGetTheirGroupsSizeAndTheDeploymentsPublicIpChoice() throws IOException {
    JsonNode runTask = states(Json.MAPPER.readTree(definition())).stream()
        .filter(s -> s.path("Resource").asText().equals("arn:aws:states:::ecs:runTask.sync"))
        .findFirst().orElseThrow().get("Parameters");

    // RunTask's task-level overrides are strings; the group carries numbers
    assertThat(runTask.at("/Overrides/Cpu.$").asText()).isEqualTo("States.Format('{}', $.group.taskSize.cpu)");
    assertThat(runTask.at("/Overrides/Memory.$").asText())
        .isEqualTo("States.Format('{}', $.group.taskSize.memoryMiB)");
    assertThat(runTask.at("/Overrides/EphemeralStorage/SizeInGiB.$").asText()).isEqualTo("$.group.taskSize.storageGiB");
    assertThat(runTask.at("/NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp").asText())
        .isEqualTo("${" + StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP + "}");
  }

  @Test
  void everyTransitionTargetsAStateOfItsScope() throws IOException {
    checkScope(Json.MAPPER.readTree(definition()));
  }

  @Test
  void retriesOnlyTransientErrorsAndCatchesEverythingElse() throws IOException {
    for (JsonNode state : states(Json.MAPPER.readTree(definition()))) {
      for (JsonNode retry : state.path("Retry")) {
        for (JsonNode error : retry.get("ErrorEquals")) {
          assertThat(error.asText()).as("retry of %s", state).isNotIn("States.ALL", "dev.svod.functions.workflow.BadSourceException");
        }
      }
      if (LAMBDA.equals(state.path("Resource").asText())) {
        String function = state.at("/Parameters/FunctionName").asText();
        assertThat(function).matches("\\$\\{[A-Za-z]+FunctionArn}");
        assertThat(state.has("Retry")).as("%s retries Lambda service errors", function).isTrue();
      }
    }
  }

  @Test
  void selectsNoResultFieldThatHandlersMayOmit() throws IOException {
    // Json leaves null fields out, and a JSONPath to a missing field fails the state: "reason" and
    // "error" are the only nullable fields of the task results.
    for (JsonNode state : states(Json.MAPPER.readTree(definition()))) {
      state.path("ResultSelector").forEach(path ->
          assertThat(path.asText()).isNotIn("$.Payload.reason", "$.Payload.error"));
    }
  }

  private static void checkScope(JsonNode machine) {
    Set<String> names = new HashSet<>();
    machine.get("States").fieldNames().forEachRemaining(names::add);
    assertThat(names).contains(machine.get("StartAt").asText());
    machine.get("States").forEach(state -> {
      List<String> targets = new ArrayList<>();
      if (state.has("Next")) {
        targets.add(state.get("Next").asText());
      }
      if (state.has("Default")) {
        targets.add(state.get("Default").asText());
      }
      state.path("Choices").forEach(c -> targets.add(c.get("Next").asText()));
      state.path("Catch").forEach(c -> targets.add(c.get("Next").asText()));
      assertThat(names).containsAll(targets);
      if (state.has("ItemProcessor")) {
        checkScope(state.get("ItemProcessor"));
      }
    });
  }

  private static List<JsonNode> states(JsonNode machine) {
    List<JsonNode> all = new ArrayList<>();
    machine.get("States").forEach(state -> {
      all.add(state);
      if (state.has("ItemProcessor")) {
        all.addAll(states(state.get("ItemProcessor")));
      }
    });
    return all;
  }
}
