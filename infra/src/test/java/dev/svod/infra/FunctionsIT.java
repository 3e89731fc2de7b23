package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.list;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static dev.svod.infra.Templates.statements;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.video.PlaybackSigner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

class FunctionsIT {

  private final Synthesized app = Synthesized.full();
  private final Template template = app.template;

  private Map<String, Object> function(FunctionSpec spec) {
    return properties(template, "AWS::Lambda::Function", "Functions" + spec.logicalName() + "Function");
  }

  private String logicalId(software.constructs.IConstruct construct) {
    return Stack.of(construct).resolve(((software.amazon.awscdk.CfnElement) construct.getNode().getDefaultChild())
        .getLogicalId()).toString();
  }

  @Test
  void everySpecIsAJava21Arm64FunctionSizedAsSpecified() {
    for (FunctionSpec spec : FunctionSpec.values()) {
      Map<String, Object> function = function(spec);

      assertThat(function.get("Runtime")).as(spec.name()).isEqualTo("java21");
      assertThat(function.get("Architectures")).as(spec.name()).isEqualTo(List.of("arm64"));
      assertThat(function.get("Handler")).isEqualTo(spec.handler());
      assertThat(function.get("MemorySize")).isEqualTo(spec.memoryMb());
      assertThat(function.get("Timeout")).isEqualTo(spec.timeoutSeconds());
      assertThat(function.get("EphemeralStorage")).isEqualTo(Map.of("Size", spec.ephemeralStorageMb()));
      assertThat((Object) at(function, "LoggingConfig", "LogFormat")).isEqualTo("JSON");
      assertThat(function.get("TracingConfig")).isEqualTo(Map.of("Mode", "Active"));
      java.util.Set<String> expected = new java.util.HashSet<>(spec.environmentVariables());
      if (spec.runsFfmpeg()) {
        expected.addAll(Functions.FFMPEG_ENVIRONMENT.keySet());
      }
      if (spec == FunctionSpec.API) {
        // This configuration signs playback URLs (DeliveryIT checks the values and the grant).
        expected.addAll(List.of(PlaybackSigner.KEY_PAIR_ID, PlaybackSigner.KEY_SECRET_ARN));
      }
      assertThat((Map<String, Object>) at(function, "Environment", "Variables")).containsOnlyKeys(expected);
    }
  }

  @Test
  void functionsWithDefaultTmpUseSnapStartAndEveryFunctionHasAnAliasOnAPublishedVersion() {
    for (FunctionSpec spec : FunctionSpec.values()) {
      Object snapStart = function(spec).get("SnapStart");
      if (spec.ephemeralStorageMb() <= 512) {
        assertThat(snapStart).as(spec.name()).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
      } else {
        assertThat(snapStart).as(spec.name()).isNull();
      }
      String functionId = logicalId(app.stack.functions().function(spec));
      Map<String, Object> alias = properties(template, "AWS::Lambda::Alias", "Functions" + spec.logicalName() + "Alias");
      assertThat(alias.get("Name")).isEqualTo(Functions.ALIAS);
      assertThat(alias.get("FunctionName")).isEqualTo(Map.of("Ref", functionId));
      assertThat((String) at(alias, "FunctionVersion", "Fn::GetAtt", 0)).startsWith("Functions" + spec.logicalName());
    }
    assertThat(resources(template, "AWS::Lambda::Version")).hasSize(FunctionSpec.values().length);
  }

  @Test
  void onlyFunctionsThatRunFfmpegCarryTheFfmpegJar() {
    String plain = System.getProperty(VodSettings.LAMBDA_CODE_DIR);
    String ffmpeg = System.getProperty(VodSettings.FFMPEG_LAMBDA_CODE_DIR);
    Map<String, Map<String, Object>> functions = resources(template, "AWS::Lambda::Function");
    for (FunctionSpec spec : FunctionSpec.values()) {
      Map<String, Object> resource = functions.get(logicalId(app.stack.functions().function(spec)));
      Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");

      assertThat(metadata.get("aws:asset:path")).as(spec.name())
          .isEqualTo(spec.runsFfmpeg() ? ffmpeg : plain);
    }
  }

  @Test
  void deploymentPackagesStayUnderLambdasUnzippedLimit() throws java.io.IOException {
    long limit = 250L * 1024 * 1024;
    for (String property : List.of(VodSettings.LAMBDA_CODE_DIR, VodSettings.FFMPEG_LAMBDA_CODE_DIR)) {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(
          java.nio.file.Path.of(System.getProperty(property)))) {
        long bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        assertThat(bytes).as(property).isLessThan(limit);
      }
    }
  }

  @Test
  void permissionsAreScopedToPrefixesTheTableAndTheStateMachine() {
    for (Map.Entry<String, Map<String, Object>> entry : statements(template)) {
      Map<String, Object> statement = entry.getValue();
      List<Object> resources = list(statement.get("Resource"));
      if (!resources.contains("*")) {
        continue;
      }
      // Only actions AWS does not scope to resources may use "*".
      assertThat(list(statement.get("Action"))).as(entry.getKey()).allSatisfy(action ->
          assertThat(action.toString()).matches("(xray|logs|ecr):.*"));
      assertThat(list(statement.get("Action"))).doesNotContain("ecr:BatchGetImage", "logs:PutLogEvents");
    }
    Map<String, Object> ingestPolicy = properties(template, "AWS::IAM::Policy", "FunctionsIngestRole");
    assertThat((List<Map<String, Object>>) at(ingestPolicy, "PolicyDocument", "Statement"))
        .anySatisfy(s -> {
          assertThat(s.get("Action")).isEqualTo("states:StartExecution");
          assertThat(s.get("Resource").toString()).contains(":stateMachine:" + app.stack.getStackName() + "-workflow");
        })
        .noneSatisfy(s -> assertThat(list(s.get("Action"))).anySatisfy(a -> assertThat(a.toString()).startsWith("s3:")));
    Map<String, Object> apiPolicy = properties(template, "AWS::IAM::Policy", "FunctionsApiRole");
    // The API lists outputs and sources (delete, retry) only under their prefixes, and starts retries.
    assertThat((List<Map<String, Object>>) at(apiPolicy, "PolicyDocument", "Statement"))
        .filteredOn(s -> s.get("Action").equals("s3:ListBucket"))
        .extracting(s -> list(at(s, "Condition", "StringLike", "s3:prefix")))
        .containsExactlyInAnyOrder(List.of("v/*"), List.of("uploads/*"));
    assertThat((List<Map<String, Object>>) at(apiPolicy, "PolicyDocument", "Statement"))
        .anySatisfy(s -> assertThat(s.get("Action")).isEqualTo("states:StartExecution"));
  }

  @Test
  void thumbnailsReadTheRenditionsInTheOutputBucketAndNeverTheSource() {
    List<Map<String, Object>> statements = at(properties(template, "AWS::IAM::Policy", "FunctionsThumbnailsRole"),
        "PolicyDocument", "Statement");
    assertThat(statements)
        .anySatisfy(s -> {
          assertThat(list(s.get("Action"))).contains("s3:GetObject");
          assertThat(s.get("Resource").toString()).contains("StorageOutput").contains("/v/*");
        })
        .noneSatisfy(s -> assertThat(s.get("Resource").toString()).contains("StorageSource"));
  }

  @Test
  void uploadsNotifyTheIngestAlias() {
    Map<String, Object> notifications = properties(template, "Custom::S3BucketNotifications", "StorageSource");
    Map<String, Object> configuration = at(notifications, "NotificationConfiguration", "LambdaFunctionConfigurations", 0);

    assertThat(configuration.get("Events")).isEqualTo(List.of("s3:ObjectCreated:*"));
    assertThat((Object) at(configuration, "Filter", "Key", "FilterRules"))
        .isEqualTo(List.of(Map.of("Name", "prefix", "Value", Storage.UPLOADS_PREFIX)));
    assertThat(configuration.get("LambdaFunctionArn"))
        .isEqualTo(Map.of("Ref", logicalId(app.stack.functions().alias(FunctionSpec.INGEST))));
  }
}
