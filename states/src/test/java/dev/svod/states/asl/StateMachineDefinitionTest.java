package dev.svod.states.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineDefinitionTest {

  @Test
  void parsesAValidDefinitionOnceWithItsNestedMachines() {
    StateMachineDefinition def =
        StateMachineDefinition.parse(
            """
            {"StartAt": "Fan", "States": {
              "Fan": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}], "Next": "Each"},
              "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, "End": true}}}
            """);

    assertThat(def.startAt()).isEqualTo("Fan");
    assertThat(def.state("Fan").branches()).hasSize(1);
    assertThat(def.state("Each").processor().state("B").type()).isEqualTo(StateType.Succeed);
  }

  @Test
  void reportsUnknownStateTypes() {
    assertThat(problems("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Sleep\",\"End\":true}}}"))
        .anySatisfy(d -> assertThat(d.message()).contains("Unknown state type 'Sleep'"));
  }

  @Test
  void reportsAStateWithoutNextOrEnd() {
    assertThat(problems("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}"))
        .anySatisfy(d -> {
          assertThat(d.message()).contains("either 'Next' or 'End'");
          assertThat(d.location()).isEqualTo("/States/A");
        });
  }

  @Test
  void reportsMissingTransitionTargetsAndUnreachableStates() {
    List<Diagnostic> problems =
        problems(
            """
            {"StartAt":"A","States":{
              "A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Nowhere"}],"Default":"B"},
              "B":{"Type":"Succeed"},
              "Orphan":{"Type":"Pass","End":true}}}
            """);

    assertThat(problems).extracting(Diagnostic::code).contains("MISSING_TRANSITION_TARGET", "UNREACHABLE_STATE");
    assertThat(problems).anySatisfy(d -> assertThat(d.message()).isEqualTo("Missing 'Next' target: Nowhere"));
    assertThat(problems).anySatisfy(d -> assertThat(d.message()).contains("'Orphan' is not reachable"));
  }

  @Test
  void reportsPathsThatAreNotJsonPath() {
    assertThat(problems("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"InputPath\":\"input\",\"End\":true}}}"))
        .anySatisfy(d -> assertThat(d.location()).isEqualTo("/States/A/InputPath"));
  }

  @Test
  void invalidDefinitionMessageListsEveryProblemLikeAws() {
    assertThatThrownBy(() -> StateMachineDefinition.parse("{\"StartAt\":\"X\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith("Invalid State Machine Definition: ")
        .hasMessageContaining("Missing 'StartAt' target: X");
  }

  @Test
  void reportsImpossibleRetryAndTimeoutSettings() {
    List<Diagnostic> problems =
        problems(
            """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "TimeoutSeconds": 10, "HeartbeatSeconds": 10,
              "Retry":[{"ErrorEquals":["States.ALL"],"BackoffRate":0.5,"JitterStrategy":"SOME"}],"End":true}}}
            """);

    assertThat(problems).extracting(Diagnostic::location)
        .contains("/States/T/Retry[0]/BackoffRate", "/States/T/Retry[0]/JitterStrategy", "/States/T/HeartbeatSeconds");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThat(problems("{not json")).extracting(Diagnostic::code).containsExactly("INVALID_JSON_DESCRIPTION");
  }

  private static List<Diagnostic> problems(String definition) {
    return StateMachineDefinition.validate(definition);
  }
}
