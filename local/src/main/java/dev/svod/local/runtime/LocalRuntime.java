package dev.svod.local.runtime;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.StateMachineSpec;
import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.functions.VodConfig;
import dev.svod.functions.api.ApiRoute;
import dev.svod.functions.catalog.CatalogSchema;
import dev.svod.functions.ingest.SfnWorkflowStarter;
import dev.svod.functions.transcode.TranscodeTaskMain;
import dev.svod.local.LocalCredentials;
import dev.svod.local.dynamodb.EmbeddedDynamoDb;
import dev.svod.local.http.ApiGatewayBridge;
import dev.svod.local.http.Console;
import dev.svod.local.http.Edge;
import dev.svod.local.http.LocalHttpServer;
import dev.svod.local.http.RouteTemplate;
import dev.svod.local.lambda.HandlerFactory;
import dev.svod.local.lambda.Invocation;
import dev.svod.local.lambda.LambdaHost;
import dev.svod.local.s3.EmbeddedS3;
import dev.svod.local.s3.NotificationOutbox;
import dev.svod.states.DefinitionSubstitutions;
import dev.svod.states.StatesEngine;
import dev.svod.states.task.TaskHandlers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The whole pipeline in one JVM ({@code vod local}): S3, DynamoDB, the states engine with the Step
 * Functions API running {@code statemachine/vod.asl.json}, every Lambda function of {@link
 * FunctionSpec} in a {@link LambdaHost}, the transcode container tasks, and one HTTP port for the
 * API, the edge and the console. Everything lives under one data directory, so a restart (even
 * after {@code kill -9}) continues where the last run stopped: objects, tables, pending S3 events
 * and unfinished executions.
 */
public final class LocalRuntime implements AutoCloseable {

  /** Names of the local resources (CDK generates its own; these are fixed locally). */
  public static final String SOURCE_BUCKET = "vod-source";
  public static final String OUTPUT_BUCKET = "vod-output";
  public static final String TABLE = "vod-catalog";
  public static final String STATE_MACHINE = "vod";
  /** The key prefix under which uploads arrive; the ingest function is notified of it. */
  public static final String UPLOADS_PREFIX = "uploads/";

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
  private static final String WORKFLOW_RESOURCE = "/statemachine/vod.asl.json";

  /**
   * How to run.
   *
   * @param dataDir where all state lives
   * @param host the interface to listen on (127.0.0.1 by default: nothing is authenticated)
   * @param port the HTTP port; S3, DynamoDB and Step Functions take the next three (0: all free
   *     ports)
   * @param webDir the console's folder, or null
   * @param transcodeWorkers container tasks running at once
   * @param grouping how renditions are grouped into transcode tasks
   * @param backend where transcode tasks run: {@code container} (ecs:runTask.sync, in this JVM)
   *     or {@code lambda} (the Transcode function); MediaConvert has no local stand-in
   * @param signedPlayback when not null, playback is signed as with the stack's {@code
   *     signedUrls}: the API signs the playback URLs with its private key, the edge refuses (403)
   *     what its public key does not verify
   */
  public record Options(Path dataDir, String host, int port, Path webDir, int transcodeWorkers,
      TranscodeGrouping grouping, TranscodeBackend backend, PlaybackKeys signedPlayback) {
    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(grouping, "grouping");
      Objects.requireNonNull(backend, "backend");
      if (transcodeWorkers < 1) {
        throw new IllegalArgumentException("transcodeWorkers must be at least 1");
      }
      if (backend == TranscodeBackend.MEDIACONVERT) {
        throw new IllegalArgumentException("MediaConvert cannot run locally: use the container "
            + "or lambda backend (both run FFmpeg), or deploy to AWS");
      }
    }

    /** Defaults for a data directory and port: container tasks, one per core, grouped. */
    public static Options of(Path dataDir, int port) {
      return new Options(dataDir, "127.0.0.1", port, null,
          Runtime.getRuntime().availableProcessors(), TranscodeGrouping.FIRST_AND_REST,
          TranscodeBackend.CONTAINER, null);
    }

    public Options withWebDir(Path dir) {
      return new Options(dataDir, host, port, dir, transcodeWorkers, grouping, backend,
          signedPlayback);
    }

    public Options withTranscodeWorkers(int workers) {
      return new Options(dataDir, host, port, webDir, workers, grouping, backend,
          signedPlayback);
    }

    public Options withGrouping(TranscodeGrouping value) {
      return new Options(dataDir, host, port, webDir, transcodeWorkers, value, backend,
          signedPlayback);
    }

    public Options withBackend(TranscodeBackend value) {
      return new Options(dataDir, host, port, webDir, transcodeWorkers, grouping, value,
          signedPlayback);
    }

    public Options withSignedPlayback(PlaybackKeys value) {
      return new Options(dataDir, host, port, webDir, transcodeWorkers, grouping, backend, value);
    }
  }

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  /** Stopped before the {@link #resources}: no request reaches a service being stopped. */
  private LocalHttpServer server;
  private final LocalCredentials credentials = LocalCredentials.DEFAULT;
  private Endpoints endpoints;
  private VodConfig config;
  private LambdaHost lambda;
  private StatesEngine states;
  private EmbeddedS3 s3;
  private String stateMachineArn;

  private LocalRuntime() {}

  /** Starts everything; on failure, whatever started is stopped again. */
  public static LocalRuntime start(Options options) {
    LocalRuntime runtime = new LocalRuntime();
    try {
      runtime.startAll(options);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger(); // the handlers log via java.util.logging
      SLF4JBridgeHandler.install();
    }
    Path data = options.dataDir().toAbsolutePath();
    resources.push(DataDirectoryLock.acquire(data));
    String host = options.host();
    // Every port is fixed before anything starts: handlers and printed endpoints need them. The
    // HTTP port is bound at once, not merely chosen free: S3 and DynamoDB bind free ports next,
    // and the kernel could hand one of them a chosen port that nobody had bound yet.
    server = LocalHttpServer.bind(host, options.port());
    int httpPort = server.port();
    boolean anyPorts = options.port() == 0;
    Region region = credentials.region();

    s3 = EmbeddedS3.start(data, host, anyPorts ? 0 : httpPort + 1, credentials,
        List.of(SOURCE_BUCKET, OUTPUT_BUCKET),
        List.of(new NotificationOutbox.Rule(SOURCE_BUCKET, UPLOADS_PREFIX, "")));
    resources.push(s3);

    EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start(data, host, anyPorts ? 0 : httpPort + 2);
    resources.push(dynamoDb);
    dynamoDb.ensureTables(credentials, List.of(CatalogSchema.createTableRequest(TABLE)));
    enableTimeToLive(dynamoDb);

    int statesPort = anyPorts ? Ports.free(host) : httpPort + 3;
    URI http = URI.create("http://" + host + ":" + httpPort);
    endpoints = new Endpoints(http, s3.endpoint(), dynamoDb.endpoint(),
        URI.create("http://" + host + ":" + statesPort));
    stateMachineArn = "arn:aws:states:" + region.id() + ":" + LambdaHost.ACCOUNT
        + ":stateMachine:" + STATE_MACHINE;
    config = new VodConfig(SOURCE_BUCKET, OUTPUT_BUCKET, TABLE, stateMachineArn,
        endpoints.edge().toString(), VodConfig.DEFAULT_MAX_UPLOAD_BYTES,
        VodConfig.DEFAULT_PRESIGN_TTL, options.backend(), options.grouping(),
        VodConfig.DEFAULT_MAX_CONCURRENCY, region.id(), true);

    S3Client s3Client =
        credentials.client(S3Client.builder().forcePathStyle(true), s3.endpoint());
    resources.push(s3Client);
    S3Presigner presigner = S3Presigner.builder().endpointOverride(s3.endpoint()).region(region)
        .credentialsProvider(credentials.provider())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
    resources.push(presigner);
    DynamoDbClient dynamoClient = dynamoDb.client(credentials);
    resources.push(dynamoClient);
    SfnClient sfnClient = credentials.client(SfnClient.builder(), endpoints.stepFunctions());
    resources.push(sfnClient);

    lambda = new LambdaHost(region.id());
    resources.push(lambda);
    List<Object> handlerResources = new ArrayList<>(List.of(config, s3Client, presigner,
        dynamoClient, sfnClient, Clock.systemUTC(),
        new SfnWorkflowStarter(sfnClient, stateMachineArn)));
    if (options.signedPlayback() != null) {
      handlerResources.add(options.signedPlayback().apiSigner()); // the API function signs
    }
    HandlerFactory handlers = new HandlerFactory(handlerResources);
    Map<String, String> substitutions = new LinkedHashMap<>(FunctionHosting.register(lambda,
        handlers));

    TaskHandlers tasks = new TaskHandlers();
    LambdaTasks lambdaTasks = new LambdaTasks(lambda);
    ContainerTasks containerTasks = new ContainerTasks(options.transcodeWorkers(),
        (job, out, err) -> TranscodeTaskMain.run(job, s3Client, dynamoClient, config, out, err),
        region.id());
    // Closed after the states engine (pushed before it): interrupted jobs fail only abandoned
    // executions, which run them again at the next start.
    resources.push(containerTasks);
    tasks.register("arn:aws:states:::lambda:invoke", lambdaTasks.invokeIntegration());
    tasks.register("arn:aws:lambda:*:function:*", lambdaTasks.functionResource());
    tasks.register("arn:aws:states:::ecs:runTask", containerTasks.runTaskSync());
    tasks.register("arn:aws:states:::mediaconvert:createJob", ContainerTasks.mediaConvertRefused());

    // Unfinished executions resume as soon as the engine is built: everything they call exists.
    states = StatesEngine.builder().dataDirectory(data.resolve("states"))
        .arnScope(region.id(), LambdaHost.ACCOUNT).taskHandlers(tasks).build();
    resources.push(states);
    states.startHttpApi(statesPort);
    deployWorkflow(substitutions);

    prewarmInBackground();
    String ingest = FunctionHosting.functionName(FunctionSpec.INGEST);
    s3.startNotifications(event -> {
      Invocation result = lambda.invoke(ingest, event);
      if (result.functionError()) {
        throw new IllegalStateException(result.errorType() + ": " + result.errorMessage());
      }
    });

    String api = FunctionHosting.functionName(FunctionSpec.API);
    server.serve(
        new ApiGatewayBridge("/api",
            Arrays.stream(ApiRoute.values()).map(r -> RouteTemplate.parse(r.key())).toList(),
            event -> lambda.invoke(api, event)),
        new Edge(s3.store(), OUTPUT_BUCKET,
            options.signedPlayback() == null ? null : options.signedPlayback().edgeVerifier()),
        new Console(options.webDir(), ConsolePage.fallback(endpoints)));
  }

  /** Builds one instance of every function while the runtime waits for its first upload. */
  private void prewarmInBackground() {
    Thread.ofVirtual().name("lambda-prewarm").start(() -> {
      for (FunctionSpec spec : FunctionSpec.values()) {
        try {
          lambda.prewarm(FunctionHosting.functionName(spec));
        } catch (RuntimeException e) {
          // The first request reports it, as a cold start would.
          LOG.debug("Prewarming {} failed: {}", spec, e.toString());
        }
      }
    });
  }

  /** DynamoDB TTL on the catalog (DynamoDB refuses to enable it twice, which is fine). */
  private void enableTimeToLive(EmbeddedDynamoDb dynamoDb) {
    try (DynamoDbClient client = dynamoDb.client(credentials)) {
      client.updateTimeToLive(CatalogSchema.enableTimeToLiveRequest(TABLE));
    } catch (DynamoDbException e) {
      LOG.debug("TTL not changed: {}", e.getMessage());
    }
  }

  /**
   * Creates the state machine from the workflow the jar carries, or updates it to that definition
   * (the code may have changed since the last run), with the local substitutions.
   */
  private void deployWorkflow(Map<String, String> functionArns) {
    String definition = workflowDefinition();
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : DefinitionSubstitutions.placeholders(definition)) {
      values.put(key, localSubstitution(key));
    }
    values.putAll(functionArns);
    String resolved = DefinitionSubstitutions.apply(definition, values);
    var existing = states.stateMachineByName(STATE_MACHINE);
    if (existing.isPresent()) {
      states.updateStateMachine(existing.get().arn(), resolved, null);
    } else {
      states.createStateMachine(STATE_MACHINE, resolved, null);
    }
  }

  /** Values for the workflow's non-function placeholders: local stand-ins of the AWS resources. */
  private String localSubstitution(String key) {
    String region = credentials.region().id();
    if (key.endsWith("ClusterArn")) {
      return "arn:aws:ecs:" + region + ":" + LambdaHost.ACCOUNT + ":cluster/vod-local";
    }
    if (key.endsWith("TaskDefinitionArn")) {
      return "arn:aws:ecs:" + region + ":" + LambdaHost.ACCOUNT + ":task-definition/vod-local:1";
    }
    if (key.endsWith("RoleArn")) {
      return "arn:aws:iam::" + LambdaHost.ACCOUNT + ":role/vod-local";
    }
    if (key.endsWith("ContainerName")) {
      return "transcoder";
    }
    if (key.equals(StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP)) {
      return StateMachineSpec.PUBLIC_IP_DISABLED; // no VPC here, but a value RunTask would accept
    }
    return "local"; // subnets, security groups: meaningless without a VPC
  }

  private static String workflowDefinition() {
    try (InputStream in = LocalRuntime.class.getResourceAsStream(WORKFLOW_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The jar carries no " + WORKFLOW_RESOURCE
            + " (build with ./mvnw -pl local -am package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where everything listens. */
  public Endpoints endpoints() {
    return endpoints;
  }

  /** The configuration every hosted function gets. */
  public VodConfig config() {
    return config;
  }

  /** The credentials the local services accept (and S3 verifies). */
  public LocalCredentials credentials() {
    return credentials;
  }

  /** The Lambda host (tests invoke functions directly). */
  public LambdaHost lambda() {
    return lambda;
  }

  /** The states engine. */
  public StatesEngine states() {
    return states;
  }

  /** The ARN of the VOD state machine. */
  public String stateMachineArn() {
    return stateMachineArn;
  }

  /** The embedded S3 (its store and notification outbox). */
  public EmbeddedS3 s3() {
    return s3;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
