package dev.svod.local.contract.localstack;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.RetryableUrlConnectionHttpClient;
import dev.svod.functions.StateMachineSpec;
import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.CatalogSchema;
import dev.svod.states.DefinitionSubstitutions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Deploys Serverless VOD into LocalStack with the AWS SDK, from the same definitions the CDK app
 * uses: the table from {@link CatalogSchema}, one Lambda function per {@link FunctionSpec} (handler,
 * memory, timeout, the {@link VodConfig} environment), {@code statemachine/vod.asl.json} with its
 * substitutions, and the S3 notification of {@code uploads/} to the ingest function.
 *
 * <p>Why not {@code cdklocal deploy}: the CDK app's HTTP API (API Gateway v2) and CloudFront
 * distribution exist only in LocalStack's paid plans, so on the free image that stack cannot serve
 * the API or playback. Here, the API function is reached through a Lambda function URL (the same
 * payload format 2.0 event an HTTP API sends) and playback is the output bucket served by S3 itself,
 * which carries the Cache-Control the functions wrote. What differs from AWS is listed in
 * {@code localstack/README.md}.
 *
 * <p>Deploying again updates code, configuration and definition in place.
 */
public final class LocalStackDeployer {

  /** The credentials LocalStack accepts (any, by default; these are the documented ones). */
  public static final String ACCESS_KEY = "test";
  public static final String SECRET_KEY = "test";

  private static final String WORKFLOW_RESOURCE = "/statemachine/vod.asl.json";
  private static final String LAMBDA_TRUST = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
  private static final String STATES_TRUST = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

  /**
   * Where and what to deploy.
   *
   * @param endpoint where this JVM reaches LocalStack, e.g. {@code http://127.0.0.1:4566}
   * @param publicEndpoint where both the Lambda containers and the clients reach LocalStack, e.g.
   *     {@code http://localhost.localstack.cloud:4566}: presigned part URLs and playback URLs are
   *     built on it
   * @param region the region
   * @param prefix names every resource ({@code {prefix}-source}, {@code {prefix}-Api}, ...)
   * @param lambdaPackage a directory holding {@code lib/*.jar}: the functions with the Linux FFmpeg
   *     of the Docker host's architecture ({@code infra/target/lambda/ffmpeg})
   */
  public record Settings(URI endpoint, URI publicEndpoint, String region, String prefix,
      Path lambdaPackage) {}

  /** What was deployed: the stack outputs of the CDK app, LocalStack-style. */
  public record Deployment(String apiUrl, String playbackBaseUrl, String sourceBucket,
      String outputBucket, String tableName, String stateMachineArn, String ingestFunction) {

    /** As {@code KEY=value} lines, for a shell to source. */
    public String asEnvironment() {
      return "VOD_API=" + apiUrl + "\nVOD_PLAYBACK_BASE_URL=" + playbackBaseUrl
          + "\nVOD_SOURCE_BUCKET=" + sourceBucket + "\nVOD_OUTPUT_BUCKET=" + outputBucket
          + "\nVOD_TABLE=" + tableName + "\nVOD_STATE_MACHINE_ARN=" + stateMachineArn
          + "\nVOD_INGEST_FUNCTION=" + ingestFunction + "\n";
    }
  }

  private final Settings settings;

  public LocalStackDeployer(Settings settings) {
    this.settings = settings;
  }

  /** SDK clients for LocalStack at {@code endpoint}. */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint, String region) {
    return builder.endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(RetryableUrlConnectionHttpClient.create()).build();
  }

  /** Creates (or updates) every resource; returns the outputs. */
  public Deployment deploy() {
    URI endpoint = settings.endpoint();
    String region = settings.region();
    String prefix = settings.prefix();
    try (S3Client s3 = client(S3Client.builder().forcePathStyle(true), endpoint, region);
        DynamoDbClient dynamoDb = client(DynamoDbClient.builder(), endpoint, region);
        IamClient iam = client(IamClient.builder(), endpoint, "us-east-1");
        LambdaClient lambda = client(LambdaClient.builder(), endpoint, region);
        SfnClient sfn = client(SfnClient.builder(), endpoint, region)) {
      String source = prefix + "-source";
      String output = prefix + "-output";
      String artifacts = prefix + "-artifacts";
      createBuckets(s3, source, output, artifacts);

      String table = prefix + "-catalog";
      createTable(dynamoDb, table);

      String lambdaRole = role(iam, prefix + "-lambda", LAMBDA_TRUST);
      String statesRole = role(iam, prefix + "-states", STATES_TRUST);
      // The account LocalStack assigned (derived from the access key), as the role ARN names it.
      String account = lambdaRole.split(":")[4];
      String stateMachineName = prefix + "-workflow";
      String stateMachineArn = "arn:aws:states:" + region + ":" + account + ":stateMachine:"
          + stateMachineName;
      String playbackBase = settings.publicEndpoint() + "/" + output;

      Architecture architecture = architectureOf(settings.lambdaPackage());
      String codeKey = "lambda/" + prefix + "-functions.zip";
      s3.putObject(b -> b.bucket(artifacts).key(codeKey), RequestBody.fromBytes(zipPackage()));
      Map<String, String> environment = environment(source, output, table, stateMachineArn,
          playbackBase);

      Map<String, String> substitutions = new LinkedHashMap<>();
      Map<FunctionSpec, String> functionArns = new LinkedHashMap<>();
      for (FunctionSpec spec : FunctionSpec.values()) {
        String arn = deployFunction(lambda, spec, functionName(prefix, spec), lambdaRole,
            architecture, artifacts, codeKey, environment);
        functionArns.put(spec, arn);
        spec.aslSubstitution().ifPresent(key -> substitutions.put(key, arn));
      }
      // The workflow routes to the Lambda transcoder (TranscodeBackend.LAMBDA): the ECS and
      // MediaConvert placeholders are never used, but every one must have a value.
      for (String key : StateMachineSpec.INFRASTRUCTURE_SUBSTITUTIONS) {
        substitutions.put(key, "not-deployed-in-localstack");
      }
      substitutions.put(StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP, StateMachineSpec.PUBLIC_IP_DISABLED);
      deployStateMachine(sfn, stateMachineName, statesRole,
          DefinitionSubstitutions.apply(workflowDefinition(), substitutions));

      String ingest = functionName(prefix, FunctionSpec.INGEST);
      notifyIngest(s3, lambda, source, ingest, functionArns.get(FunctionSpec.INGEST));

      String apiUrl = functionUrl(lambda, functionName(prefix, FunctionSpec.API));
      return new Deployment(apiUrl, playbackBase, source, output, table, stateMachineArn, ingest);
    }
  }

  /** Invokes a deployed function synchronously; fails with Lambda's error when it failed. */
  public static String invoke(LambdaClient lambda, String function, String payload) {
    InvokeResponse response = lambda.invoke(b -> b.functionName(function)
        .payload(SdkBytes.fromUtf8String(payload)));
    String answer = response.payload() == null ? "" : response.payload().asUtf8String();
    if (response.functionError() != null) {
      throw new IllegalStateException(function + " failed (" + response.functionError() + "): "
          + answer);
    }
    return answer;
  }

  /** {@code {prefix}-{logicalName}}, e.g. {@code svod-Ingest}. */
  public static String functionName(String prefix, FunctionSpec spec) {
    return prefix + "-" + spec.logicalName();
  }

  /** The buckets; CORS for browser part uploads and playback, output readable under v/. */
  private static void createBuckets(S3Client s3, String source, String output, String artifacts) {
    for (String bucket : List.of(source, output, artifacts)) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
    // Browsers PUT parts straight to the source bucket and must read the ETag.
    s3.putBucketCors(b -> b.bucket(source).corsConfiguration(c -> c.corsRules(r -> r
        .allowedOrigins("*").allowedMethods("PUT", "GET", "HEAD").allowedHeaders("*")
        .exposeHeaders("ETag"))));
    // Playback straight from the output bucket (CloudFront's job on AWS): v/* readable by anyone,
    // from any page.
    s3.putBucketCors(b -> b.bucket(output).corsConfiguration(c -> c.corsRules(r -> r
        .allowedOrigins("*").allowedMethods("GET", "HEAD").allowedHeaders("*"))));
    s3.putBucketPolicy(b -> b.bucket(output).policy("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",\
        "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/v/*"}]}""".formatted(output)));
  }

  /** What every function reads ({@link VodConfig}), plus what LocalStack needs. */
  private Map<String, String> environment(String source, String output, String table,
      String stateMachineArn, String playbackBase) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(VodConfig.SOURCE_BUCKET, source);
    environment.put(VodConfig.OUTPUT_BUCKET, output);
    environment.put(VodConfig.TABLE, table);
    environment.put(VodConfig.STATE_MACHINE_ARN, stateMachineArn);
    environment.put(VodConfig.PLAYBACK_BASE_URL, playbackBase);
    environment.put(VodConfig.TRANSCODE_BACKEND, TranscodeBackend.LAMBDA.wireName());
    environment.put(VodConfig.S3_PATH_STYLE, "true");
    // Presigned part URLs must name an S3 endpoint the client reaches, not the container's.
    environment.put("AWS_ENDPOINT_URL_S3", settings.publicEndpoint().toString());
    // media extracts the bundled ffmpeg/ffprobe under $XDG_CACHE_HOME; /tmp is Lambda's only
    // writable place (the CDK app sets the same for its FFmpeg functions).
    environment.put("XDG_CACHE_HOME", "/tmp/cache");
    return environment;
  }

  /** S3 ObjectCreated notifications of {@code uploads/} to the ingest function. */
  private static void notifyIngest(S3Client s3, LambdaClient lambda, String source, String ingest,
      String ingestArn) {
    try {
      lambda.addPermission(b -> b.functionName(ingest).statementId("s3-invoke")
          .action("lambda:InvokeFunction").principal("s3.amazonaws.com")
          .sourceArn("arn:aws:s3:::" + source));
    } catch (ResourceConflictException alreadyGranted) {
      // deployed before
    }
    // "prefix" as the S3 API reference spells it (the SDK enum sends "Prefix", which S3 and
    // LocalStack accept too, other emulators not).
    s3.putBucketNotificationConfiguration(b -> b.bucket(source).notificationConfiguration(n -> n
        .lambdaFunctionConfigurations(c -> c.lambdaFunctionArn(ingestArn)
            .events(Event.S3_OBJECT_CREATED)
            .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("uploads/")))))));
  }

  private static void createTable(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.describeTable(b -> b.tableName(table));
      return;
    } catch (ResourceNotFoundException absent) {
      // created below
    }
    dynamoDb.createTable(CatalogSchema.createTableRequest(table));
    dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    dynamoDb.updateTimeToLive(CatalogSchema.enableTimeToLiveRequest(table));
  }

  private static String role(IamClient iam, String name, String trustPolicy) {
    try {
      return iam.getRole(b -> b.roleName(name)).role().arn();
    } catch (NoSuchEntityException absent) {
      // LocalStack does not enforce IAM by default; the role exists because Lambda and Step
      // Functions require one, as on AWS.
      return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy))
          .role().arn();
    }
  }

  private static String deployFunction(LambdaClient lambda, FunctionSpec spec, String name,
      String role, Architecture architecture, String codeBucket, String codeKey,
      Map<String, String> environment) {
    boolean exists;
    try {
      lambda.getFunction(b -> b.functionName(name));
      exists = true;
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException absent) {
      exists = false;
    }
    String arn;
    if (exists) {
      lambda.updateFunctionCode(b -> b.functionName(name).s3Bucket(codeBucket).s3Key(codeKey)
          .architectures(architecture));
      lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
      arn = lambda.updateFunctionConfiguration(b -> b.functionName(name).role(role)
          .handler(spec.handler()).runtime(Runtime.JAVA21).memorySize(spec.memoryMb())
          .timeout(spec.timeoutSeconds()).ephemeralStorage(e -> e.size(spec.ephemeralStorageMb()))
          .environment(e -> e.variables(environment))).functionArn();
    } else {
      arn = lambda.createFunction(b -> b.functionName(name).role(role).runtime(Runtime.JAVA21)
          .handler(spec.handler()).memorySize(spec.memoryMb()).timeout(spec.timeoutSeconds())
          .ephemeralStorage(e -> e.size(spec.ephemeralStorageMb())).architectures(architecture)
          .code(c -> c.s3Bucket(codeBucket).s3Key(codeKey))
          .environment(e -> e.variables(environment))).functionArn();
    }
    lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    return arn;
  }

  private static void deployStateMachine(SfnClient sfn, String name, String role,
      String definition) {
    var existing = sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream()
        .filter(m -> m.name().equals(name)).map(StateMachineListItem::stateMachineArn).findFirst();
    if (existing.isPresent()) {
      sfn.updateStateMachine(b -> b.stateMachineArn(existing.get()).definition(definition)
          .roleArn(role));
    } else {
      sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(role));
    }
  }

  /** The API function's URL (created on first deploy), without a trailing slash. */
  private static String functionUrl(LambdaClient lambda, String function) {
    String url;
    try {
      url = lambda.getFunctionUrlConfig(b -> b.functionName(function)).functionUrl();
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException absent) {
      url = lambda.createFunctionUrlConfig(b -> b.functionName(function)
          .authType(FunctionUrlAuthType.NONE)
          .cors(c -> c.allowOrigins("*").allowMethods("*").allowHeaders("*")))
          .functionUrl();
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The Lambda package's architecture, from the FFmpeg jar it carries. */
  static Architecture architectureOf(Path lambdaPackage) {
    List<String> jars = jars(lambdaPackage).stream().map(p -> p.getFileName().toString()).toList();
    if (jars.stream().anyMatch(n -> n.startsWith("ffmpeg-") && n.contains("linux-x86_64"))) {
      return Architecture.X86_64;
    }
    if (jars.stream().anyMatch(n -> n.startsWith("ffmpeg-") && n.contains("linux-arm64"))) {
      return Architecture.ARM64;
    }
    throw new IllegalStateException(lambdaPackage + "/lib holds no Linux FFmpeg jar: build it with "
        + "./mvnw -pl infra -am package -DskipTests -Ddeploy.ffmpeg.classifier=linux-x86_64-gpl "
        + "(linux-arm64-gpl on an arm64 Docker host)");
  }

  private static List<Path> jars(Path lambdaPackage) {
    Path lib = lambdaPackage.resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("No Lambda package at " + lib + ": build it with "
          + "./mvnw -pl infra -am package -DskipTests -Ddeploy.ffmpeg.classifier=linux-x86_64-gpl");
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code lib/*.jar} zipped: Lambda's Java runtime puts every jar of {@code lib/} on its class path. */
  private byte[] zipPackage() {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path jar : jars(settings.lambdaPackage())) {
        zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
        Files.copy(jar, zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot zip " + settings.lambdaPackage(), e);
    }
    return bytes.toByteArray();
  }

  private static String workflowDefinition() {
    try (InputStream in = LocalStackDeployer.class.getResourceAsStream(WORKFLOW_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("No " + WORKFLOW_RESOURCE + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code localstack/deploy.sh}: deploys into a running LocalStack and prints the outputs.
   * Arguments: {@code [--endpoint URL] [--public-endpoint URL] [--region R] [--prefix P]
   * [--package DIR] [--outputs FILE]}.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>(Map.of(
        "--endpoint", "http://127.0.0.1:4566",
        "--public-endpoint", "http://localhost.localstack.cloud:4566",
        "--region", "us-east-1",
        "--prefix", "svod",
        "--package", "infra/target/lambda/ffmpeg"));
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + List.of(args));
      }
      options.put(args[i], args[++i]);
    }
    Settings settings = new Settings(URI.create(options.get("--endpoint")),
        URI.create(options.get("--public-endpoint")), options.get("--region"),
        options.get("--prefix"), Path.of(options.get("--package")).toAbsolutePath());
    Deployment deployment;
    try {
      deployment = new LocalStackDeployer(settings).deploy();
    } catch (RuntimeException e) {
      // Reported here: exec:java closes the class loader before Maven prints the exception, and
      // SDK exceptions load classes to build their message.
      String message = "Deploying into LocalStack at " + settings.endpoint() + " failed: " + e;
      System.err.println(message);
      throw new IllegalStateException(message);
    }
    System.out.print(deployment.asEnvironment());
    if (options.containsKey("--outputs")) {
      try (OutputStream out = Files.newOutputStream(Path.of(options.get("--outputs")))) {
        out.write(deployment.asEnvironment().getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
