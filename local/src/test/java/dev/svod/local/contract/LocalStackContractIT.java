package dev.svod.local.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The contract against the stack deployed into LocalStack (Testcontainers): run with
 * {@code ./mvnw verify -Plocalstack} on a machine with Docker (see localstack/README.md). Without
 * the profile, or without Docker, JUnit reports it skipped with the reason.
 */
@EnabledIfSystemProperty(named = "svod.localstack", matches = "true",
    disabledReason = "the LocalStack contract runs with ./mvnw verify -Plocalstack (needs Docker)")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractIT extends VodContract {

  @Override
  protected Backend startBackend(Path workDirectory) {
    String lambdaPackage = System.getProperty("svod.localstack.lambda.dir");
    if (lambdaPackage == null || lambdaPackage.isBlank()) {
      throw new IllegalStateException("svod.localstack.lambda.dir is not set (the localstack "
          + "profile sets it to infra/target/lambda/ffmpeg)");
    }
    return LocalStackBackend.start(Path.of(lambdaPackage));
  }
}
