package dev.svod.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionSubstitutionsTest {

  @Test
  void replacesEveryPlaceholderAndNamesTheMissingOnes() {
    String definition = "{\"FunctionName\": \"${ProbeFunctionArn}\", \"Cluster\": \"${ClusterArn}\", \"Other\": \"$.x\"}";

    assertThat(DefinitionSubstitutions.placeholders(definition)).containsExactly("ClusterArn", "ProbeFunctionArn");
    assertThat(DefinitionSubstitutions.apply(definition, Map.of("ProbeFunctionArn", "arn:p", "ClusterArn", "arn:$c")))
        .isEqualTo("{\"FunctionName\": \"arn:p\", \"Cluster\": \"arn:$c\", \"Other\": \"$.x\"}");
    assertThatThrownBy(() -> DefinitionSubstitutions.apply(definition, Map.of("ProbeFunctionArn", "arn:p")))
        .hasMessageContaining("[ClusterArn]");
  }
}
