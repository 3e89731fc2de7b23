package dev.svod.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AWS Solutions rules (applied by {@link VodApp#build}) find no unsuppressed error. */
class NagIT {

  private static List<String> errors(Synthesized app) {
    List<SynthesisMessage> errors = app.annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    return errors.stream().map(e -> e.getId() + ": " + e.getEntry().getData()).toList();
  }

  @Test
  void fullDeploymentHasNoUnsuppressedNagErrors() {
    assertThat(errors(Synthesized.full())).isEmpty();
  }

  @Test
  void minimalDeploymentHasNoUnsuppressedNagErrors() {
    assertThat(errors(Synthesized.minimal())).isEmpty();
  }

  @Test
  void containerBackendInPublicSubnetsHasNoUnsuppressedNagErrors() {
    assertThat(errors(Synthesized.publicNetwork())).isEmpty();
  }

  @Test
  void deploymentsIntoAConcreteRegionHaveNoUnsuppressedNagErrors() {
    // cdk deploy resolves the region, so ARNs carry literals where the tests above see tokens.
    assertThat(errors(Synthesized.inRegion("container"))).isEmpty();
    assertThat(errors(Synthesized.inRegion("mediaconvert"))).isEmpty();
  }

  @Test
  void hostedConsoleHasNoUnsuppressedNagErrors() {
    assertThat(errors(Synthesized.console())).isEmpty();
    assertThat(errors(Synthesized.consoleInRegion())).isEmpty();
  }

  @Test
  void disposableLambdaBackendDeploymentHasNoUnsuppressedNagErrors() {
    assertThat(errors(Synthesized.disposable())).isEmpty();
  }
}
