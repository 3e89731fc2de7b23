package dev.svod.infra;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.VodConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole deployment in one stack. It only wires the constructs: each concern (storage, catalog,
 * delivery, transcoding, functions, ingest, API, workflow, observability, the optional web console) lives in
 * its own construct.
 */
public final class VodStack extends Stack {

  private final Storage storage;
  private final Catalog catalog;
  private final Delivery delivery;
  private final Transcoding transcoding;
  private final Functions functions;
  private final Api api;
  private final Workflow workflow;
  private final Optional<Console> console;

  public VodStack(Construct scope, String id, StackProps props, VodSettings settings) {
    super(scope, id, props);
    storage = new Storage(this, "Storage", settings);
    console = settings.console().map(c -> new Console(this, "Console", settings, storage.accessLogs()));
    List<String> browserOrigins = Stream.concat(settings.corsOrigins().stream(), console.map(Console::origin).stream())
        .toList();
    storage.allowBrowserUploads(browserOrigins);
    catalog = new Catalog(this, "Catalog", settings);
    delivery = new Delivery(this, "Delivery", settings, browserOrigins, storage.output(), storage.accessLogs());

    // Named, so functions get its ARN without a reference cycle (the workflow calls the functions).
    String stateMachineName = getStackName() + "-workflow";
    String stateMachineArn = Workflow.arnOf(this, stateMachineName);
    Map<String, String> environment = environment(settings, stateMachineArn);

    transcoding = new Transcoding(this, "Transcoding", settings, environment,
        storage.source(), storage.output(), catalog.table());
    functions = new Functions(this, "Functions", settings, environment,
        storage.source(), storage.output(), catalog.table(), stateMachineArn);
    new Ingest(this, "Ingest", storage.source(), functions.alias(FunctionSpec.INGEST));
    delivery.grantSigning(functions.function(FunctionSpec.API));
    api = new Api(this, "Api", settings, browserOrigins, functions.alias(FunctionSpec.API));
    console.ifPresent(c -> c.publish(api.url()));

    Map<String, String> substitutions = new HashMap<>(transcoding.substitutions());
    for (FunctionSpec spec : FunctionSpec.workflowFunctions()) {
      substitutions.put(spec.aslSubstitution().orElseThrow(), functions.alias(spec).getFunctionArn());
    }
    workflow = new Workflow(this, "Workflow", settings, stateMachineName, substitutions);
    for (FunctionSpec spec : FunctionSpec.workflowFunctions()) {
      if (workflow.substitutions().containsKey(spec.aslSubstitution().orElseThrow())) {
        functions.alias(spec).grantInvoke(workflow.stateMachine());
      }
    }
    transcoding.grantWorkflow(workflow.stateMachine());
    new Observability(this, "Observability", workflow.stateMachine(), api.httpApi(), functions);

    output("ApiUrl", api.url(), "HTTP API base URL (vod upload --api ...)");
    output("PlaybackDomain", delivery.distribution().getDistributionDomainName(), "CloudFront domain serving /v/...");
    output("PlaybackBaseUrl", delivery.playbackBaseUrl(), "Base of every playback URL");
    output("SourceBucketName", storage.source().getBucketName(), "Uploads land here under uploads/");
    output("OutputBucketName", storage.output().getBucketName(), "HLS output under v/");
    output("TableName", catalog.table().getTableName(), "Catalog table");
    output("StateMachineArn", workflow.stateMachine().getStateMachineArn(), "The VOD workflow");
    console.ifPresent(c -> output("ConsoleUrl", c.url(), "The web console (the OIDC client's callback URL)"));
    delivery.signingPrivateKey().ifPresent(secret -> output("PlaybackSigningKeySecretArn",
        secret.getSecretArn(), "Put the signing private key (PEM) here: aws secretsmanager put-secret-value"));
    delivery.signingKeyPairId().ifPresent(keyPairId -> output("PlaybackKeyPairId", keyPairId,
        "CloudFront public key id (Key-Pair-Id) of signed playback URLs"));
  }

  /** The value of every {@link VodConfig} variable for functions and the transcode container. */
  private Map<String, String> environment(VodSettings settings, String stateMachineArn) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(VodConfig.SOURCE_BUCKET, storage.source().getBucketName());
    environment.put(VodConfig.OUTPUT_BUCKET, storage.output().getBucketName());
    environment.put(VodConfig.TABLE, catalog.table().getTableName());
    environment.put(VodConfig.STATE_MACHINE_ARN, stateMachineArn);
    environment.put(VodConfig.PLAYBACK_BASE_URL, delivery.playbackBaseUrl());
    environment.put(VodConfig.MAX_UPLOAD_BYTES, Long.toString(settings.maxUploadBytes()));
    environment.put(VodConfig.PRESIGN_TTL_SECONDS, Long.toString(settings.presignTtl().toSeconds()));
    environment.put(VodConfig.TRANSCODE_BACKEND, settings.backend().wireName());
    environment.put(VodConfig.TRANSCODE_GROUPING, settings.grouping().wireName());
    environment.put(VodConfig.MAX_CONCURRENCY, Integer.toString(settings.maxConcurrency()));
    environment.put(VodConfig.S3_PATH_STYLE, "false");
    return environment;
  }

  private void output(String id, String value, String description) {
    new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
  }

  public Storage storage() {
    return storage;
  }

  public Catalog catalog() {
    return catalog;
  }

  public Delivery delivery() {
    return delivery;
  }

  public Transcoding transcoding() {
    return transcoding;
  }

  public Functions functions() {
    return functions;
  }

  public Api api() {
    return api;
  }

  public Workflow workflow() {
    return workflow;
  }

  /** The hosted web console, with {@code console=true}. */
  public Optional<Console> console() {
    return console;
  }
}
