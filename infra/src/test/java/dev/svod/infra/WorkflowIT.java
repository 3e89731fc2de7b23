package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.list;
import static dev.svod.infra.Templates.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.StateMachineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

class WorkflowIT {

  private final Synthesized app = Synthesized.full();
  private final Template template = app.template;
  private final Map<String, Object> stateMachine =
      properties(template, "AWS::StepFunctions::StateMachine", "WorkflowStateMachine");

  private String ref(IConstruct construct) {
    return Stack.of(construct).resolve(((CfnElement) construct.getNode().getDefaultChild()).getLogicalId()).toString();
  }

  @Test
  void definitionIsVodAslJsonAsWrittenWithEveryPlaceholderSubstituted() throws IOException {
    String asl = Files.readString(Synthesized.stateMachineFile());

    assertThat(stateMachine.get("DefinitionString")).isEqualTo(asl);
    Map<String, Object> substitutions = (Map<String, Object>) stateMachine.get("DefinitionSubstitutions");
    assertThat(substitutions.keySet()).isEqualTo(Workflow.placeholders(asl))
        .containsExactlyInAnyOrderElementsOf(StateMachineSpec.allSubstitutions());
    for (FunctionSpec spec : FunctionSpec.workflowFunctions()) {
      String key = spec.aslSubstitution().orElseThrow();
      if (substitutions.containsKey(key)) {
        assertThat(substitutions.get(key)).as(key).isEqualTo(Map.of("Ref", ref(app.stack.functions().alias(spec))));
      }
    }
  }

  @Test
  void executionsAreLoggedInFullAndTraced() {
    assertThat((Object) at(stateMachine, "LoggingConfiguration", "Level")).isEqualTo("ALL");
    assertThat((Object) at(stateMachine, "LoggingConfiguration", "IncludeExecutionData")).isEqualTo(true);
    assertThat(stateMachine.get("TracingConfiguration")).isEqualTo(Map.of("Enabled", true));
    assertThat(stateMachine.get("StateMachineName")).isEqualTo(app.stack.getStackName() + "-workflow");
  }

  @Test
  void stateMachineMayInvokeExactlyTheAliasesItsDefinitionNames() {
    Map<String, Object> policy = properties(template, "AWS::IAM::Policy", "WorkflowStateMachineRole");
    Set<Object> invoked = ((List<Map<String, Object>>) at(policy, "PolicyDocument", "Statement")).stream()
        .filter(s -> list(s.get("Action")).contains("lambda:InvokeFunction"))
        .flatMap(s -> list(s.get("Resource")).stream())
        .collect(Collectors.toSet());
    Set<Object> expected = FunctionSpec.workflowFunctions().stream()
        .filter(spec -> app.stack.workflow().substitutions().containsKey(spec.aslSubstitution().orElseThrow()))
        .map(spec -> Map.of("Ref", ref(app.stack.functions().alias(spec))))
        .collect(Collectors.toSet());

    assertThat(invoked).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void failedAndTimedOutExecutionsRaiseAlarms() {
    assertThat(Templates.resources(template, "AWS::CloudWatch::Alarm").values())
        .extracting(alarm -> at(alarm, "Properties", "MetricName").toString())
        .contains("ExecutionsFailed", "ExecutionsTimedOut", "5xx", "Errors");
  }
}
