package dev.svod.infra;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.FunctionSpec.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AliasProps;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * One Lambda function per {@link FunctionSpec} entry: java21 on arm64 (Graviton: cheaper per
 * GB-second, and the arm64 FFmpeg build exists), memory, timeout and /tmp from the spec, JSON logs in
 * a log group with retention, X-Ray tracing, and an alias {@value #ALIAS} on the published version,
 * which is what the API, the S3 notification and the state machine invoke. SnapStart is on for every
 * function whose /tmp is the default 512 MB (SnapStart does not support more); the three FFmpeg
 * functions need more and run for minutes, where a cold start does not matter.
 *
 * <p>Code comes from directories the Maven build assembles (no Docker at synthesis): Lambda's Java
 * runtime puts every {@code lib/*.jar} of the package on the class path. Only the functions that run
 * FFmpeg get the directory with the (30 MB zipped, 68 MB unzipped) Linux FFmpeg jar.
 */
public final class Functions extends Construct {

  /** The alias every caller invokes. */
  public static final String ALIAS = "live";

  /**
   * Where media extracts the bundled ffmpeg/ffprobe ({@code $XDG_CACHE_HOME/svod/ffmpeg}): Lambda's
   * only writable path is /tmp, and the default (~/.cache) is read-only there.
   */
  static final Map<String, String> FFMPEG_ENVIRONMENT = Map.of("XDG_CACHE_HOME", "/tmp/cache");

  private static final List<String> TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
      "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchWriteItem",
      // Transactions (status changes of a video and its rendition together) check conditions.
      "dynamodb:ConditionCheckItem");

  private final Map<FunctionSpec, Function> functions = new EnumMap<>(FunctionSpec.class);
  private final Map<FunctionSpec, Alias> aliases = new EnumMap<>(FunctionSpec.class);

  /**
   * @param environment value of every variable a function reads (all of {@link FunctionSpec#environmentVariables()})
   * @param stateMachineArn ARN of the workflow (START_EXECUTION grants), known before the state machine exists
   */
  public Functions(Construct scope, String id, VodSettings settings, Map<String, String> environment,
      IBucket source, IBucket output, ITable table, String stateMachineArn) {
    super(scope, id);
    Code plainCode = code(settings.lambdaCodeDir(), false);
    Code ffmpegCode = code(settings.ffmpegLambdaCodeDir(), true);
    for (FunctionSpec spec : FunctionSpec.values()) {
      Construct group = new Construct(this, spec.logicalName());
      LogGroup logs = LogGroups.create(group, "Logs", settings, null);
      Role role = new Role(group, "Role", RoleProps.builder()
          .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
          .description("Serverless VOD " + spec.logicalName() + " function")
          .build());
      // Instead of the AWSLambdaBasicExecutionRole managed policy: this function's log group only.
      role.addToPolicy(statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
          List.of(logs.getLogGroupArn() + ":*")));
      for (Permission permission : spec.permissions()) {
        statements(permission, source, output, table, stateMachineArn).forEach(role::addToPolicy);
      }

      boolean snapStart = spec.ephemeralStorageMb() <= 512;
      Function function = new Function(group, "Function", FunctionProps.builder()
          .description("Serverless VOD " + spec.logicalName() + " (" + spec.handlerClass() + ")")
          .runtime(Runtime.JAVA_21)
          .architecture(Architecture.ARM_64)
          .handler(spec.handler())
          .code(spec.runsFfmpeg() ? ffmpegCode : plainCode)
          .memorySize(spec.memoryMb())
          .timeout(Duration.seconds(spec.timeoutSeconds()))
          .ephemeralStorageSize(Size.mebibytes(spec.ephemeralStorageMb()))
          .environment(withFfmpeg(spec, environmentOf(spec, environment)))
          .role(role)
          .logGroup(logs)
          .loggingFormat(LoggingFormat.JSON)
          .applicationLogLevelV2(ApplicationLogLevel.INFO)
          .systemLogLevelV2(SystemLogLevel.WARN)
          .tracing(Tracing.ACTIVE)
          .snapStart(snapStart ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
          .build());
      if (snapStart) {
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
            "The alias below publishes a version; callers only ever invoke the alias.");
      }
      Nag.suppress(function, "AwsSolutions-L1",
          "Java 21 is the runtime the project targets (maven.compiler.release 21, the issue's java21); "
              + "moving to a newer Java runtime is a project-wide decision.");
      Nag.suppressOnly(role, "AwsSolutions-IAM5",
          "X-Ray's PutTraceSegments/PutTelemetryRecords have no resource-level permissions.",
          "^Resource::\\*$");
      Nag.suppressOnly(role, "AwsSolutions-IAM5",
          "Log streams are created at run time inside this function's own log group.",
          "^Resource::<.*Logs[0-9A-F]{8}\\.Arn>:\\*$");
      Nag.suppressPrefixScopedResources(role);
      functions.put(spec, function);
      aliases.put(spec, new Alias(group, "Alias", AliasProps.builder()
          .aliasName(ALIAS)
          .version(function.getCurrentVersion())
          .build()));
    }
  }

  private static Map<String, String> withFfmpeg(FunctionSpec spec, Map<String, String> environment) {
    Map<String, String> values = new java.util.TreeMap<>(environment);
    if (spec.runsFfmpeg()) {
      values.putAll(FFMPEG_ENVIRONMENT);
    }
    return values;
  }

  /** Every variable the spec lists, each with its value; a variable without one fails synthesis. */
  private static Map<String, String> environmentOf(FunctionSpec spec, Map<String, String> environment) {
    return Values.require(spec.environmentVariables(), environment, missing -> "no value for " + missing
        + " read by " + spec.logicalName() + ": add it to VodStack's function environment");
  }

  /** The IAM statements of one {@link Permission}, scoped to the key prefix / table / state machine. */
  static List<PolicyStatement> statements(Permission permission, IBucket source, IBucket output, ITable table,
      String stateMachineArn) {
    String uploads = source.arnForObjects(Storage.UPLOADS_PREFIX + "*");
    String outputs = output.arnForObjects(Storage.OUTPUT_PREFIX + "*");
    return switch (permission) {
      case TABLE_READ_WRITE -> List.of(statement(TABLE_ACTIONS,
          List.of(table.getTableArn(), table.getTableArn() + "/index/*")));
      case SOURCE_READ -> List.of(statement(List.of("s3:GetObject"), List.of(uploads)));
      // CreateMultipartUpload, UploadPart (presigned) and CompleteMultipartUpload are all s3:PutObject.
      case SOURCE_UPLOAD -> List.of(statement(
          List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), List.of(uploads)));
      // Listing finds a video's source objects (delete) and whether its source is still stored (retry).
      case SOURCE_DELETE -> List.of(statement(List.of("s3:DeleteObject"), List.of(uploads)),
          listPrefix(source, Storage.UPLOADS_PREFIX));
      case OUTPUT_READ -> List.of(statement(List.of("s3:GetObject"), List.of(outputs)), listPrefix(output, Storage.OUTPUT_PREFIX));
      // Large outputs go up in parts; a failed one is aborted so no invisible parts stay billed.
      case OUTPUT_WRITE -> List.of(statement(List.of("s3:PutObject", "s3:AbortMultipartUpload"), List.of(outputs)));
      case OUTPUT_DELETE -> List.of(statement(List.of("s3:DeleteObject"), List.of(outputs)), listPrefix(output, Storage.OUTPUT_PREFIX));
      case START_EXECUTION -> {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
          throw new IllegalArgumentException("START_EXECUTION needs the state machine's ARN");
        }
        yield List.of(statement(List.of("states:StartExecution"), List.of(stateMachineArn)));
      }
    };
  }

  private static PolicyStatement listPrefix(IBucket bucket, String prefix) {
    return new PolicyStatement(PolicyStatementProps.builder()
        .effect(Effect.ALLOW)
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(bucket.getBucketArn()))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))))
        .build());
  }

  static PolicyStatement statement(List<String> actions, List<String> resources) {
    return new PolicyStatement(PolicyStatementProps.builder()
        .effect(Effect.ALLOW).actions(actions).resources(resources).build());
  }

  private static Code code(Path directory, boolean withFfmpeg) {
    Path lib = directory.resolve("lib");
    List<String> jars;
    try (Stream<Path> files = Files.exists(lib) ? Files.list(lib) : Stream.empty()) {
      jars = new ArrayList<>(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list " + lib, e);
    }
    if (jars.stream().noneMatch(n -> n.startsWith("functions-"))) {
      throw new IllegalStateException("no functions jar under " + lib
          + ": build it first with ./mvnw -pl infra -am package -DskipTests (see infra/README.md)");
    }
    if (withFfmpeg != jars.stream().anyMatch(n -> n.startsWith("ffmpeg-"))) {
      throw new IllegalStateException(lib + (withFfmpeg ? " lacks" : " must not hold") + " the FFmpeg jar");
    }
    return Code.fromAsset(directory.toString());
  }

  /** The function of a spec (its $LATEST; callers should use {@link #alias}). */
  public Function function(FunctionSpec spec) {
    return functions.get(spec);
  }

  /** The alias {@value #ALIAS} of a spec's published version: what everything invokes. */
  public Alias alias(FunctionSpec spec) {
    return aliases.get(spec);
  }
}
