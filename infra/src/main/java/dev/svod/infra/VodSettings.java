package dev.svod.infra;

import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.functions.VodConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.services.s3.StorageClass;

/**
 * What a deployment chooses, read once from CDK context ({@code cdk deploy -c key=value}) and the
 * build's system properties (where the assembled Lambda code, the image context and the workflow
 * definition are). Every choice has a safe default; a bad value fails synthesis with its key.
 *
 * @param backend where the transcode step runs ({@code backend=container|lambda|mediaconvert})
 * @param grouping how renditions are grouped into transcode tasks ({@code grouping})
 * @param transcodeNetwork how the container backend's tasks reach AWS ({@code transcodeNetwork=isolated|public})
 * @param corsOrigins browser origins allowed to call the API, upload parts and play ({@code corsOrigins},
 *     comma-separated); empty = no browser access granted
 * @param jwtIssuer OIDC issuer URL; when set the API uses a JWT authorizer, otherwise IAM ({@code jwtIssuer})
 * @param jwtAudiences accepted {@code aud} values of the JWT authorizer ({@code jwtAudience}, comma-separated)
 * @param console the hosted web console, present with {@code console=true}; it signs in with OIDC, so it
 *     needs {@code jwtIssuer} (a browser cannot sign IAM requests) and {@code consoleClientId}
 * @param signedUrlsPublicKeyPem PEM of the public key CloudFront verifies signed URLs/cookies with;
 *     present only when {@code signedUrls=true} (key from {@code signedUrlsPublicKeyFile})
 * @param archiveClass storage class sources move to after {@code archiveAfterDays} ({@code archiveClass}:
 *     none, GLACIER_IR, GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING)
 * @param archiveAfterDays age of a source before it moves to the archive class
 * @param logRetentionDays retention of every log group ({@code logRetentionDays})
 * @param throttleRate steady-state API requests per second ({@code throttleRate})
 * @param throttleBurst API burst ({@code throttleBurst})
 * @param maxUploadBytes largest accepted source ({@code maxUploadBytes})
 * @param presignTtl lifetime of presigned part URLs ({@code presignTtlSeconds})
 * @param maxConcurrency transcode tasks running at once per video ({@code maxConcurrency})
 * @param destroyOnDelete whether {@code cdk destroy} also deletes buckets (and their objects) and the
 *     table ({@code destroyData=true}); by default they are retained
 * @param lambdaCodeDir directory holding {@code lib/*.jar} of the functions without FFmpeg
 * @param ffmpegLambdaCodeDir the same plus the Linux FFmpeg jar, for functions that run FFmpeg
 * @param transcoderImageDir Docker build context of the transcode container (Dockerfile + lib/)
 * @param stateMachineFile {@code statemachine/vod.asl.json}
 */
public record VodSettings(
    TranscodeBackend backend,
    TranscodeGrouping grouping,
    TranscodeNetwork transcodeNetwork,
    List<String> corsOrigins,
    Optional<String> jwtIssuer,
    List<String> jwtAudiences,
    Optional<ConsoleSettings> console,
    Optional<String> signedUrlsPublicKeyPem,
    Optional<StorageClass> archiveClass,
    int archiveAfterDays,
    int logRetentionDays,
    int throttleRate,
    int throttleBurst,
    long maxUploadBytes,
    Duration presignTtl,
    int maxConcurrency,
    boolean destroyOnDelete,
    Path lambdaCodeDir,
    Path ffmpegLambdaCodeDir,
    Path transcoderImageDir,
    Path stateMachineFile) {

  /** System property / context key naming the assembled Lambda code directory. */
  public static final String LAMBDA_CODE_DIR = "svod.lambda.functions.dir";
  public static final String FFMPEG_LAMBDA_CODE_DIR = "svod.lambda.ffmpeg.dir";
  public static final String TRANSCODER_IMAGE_DIR = "svod.transcoder.image.dir";
  public static final String STATE_MACHINE_FILE = "svod.statemachine.file";

  public VodSettings {
    if (signedUrlsPublicKeyPem.isPresent() && !signedUrlsPublicKeyPem.get().contains("BEGIN PUBLIC KEY")) {
      throw new IllegalArgumentException(
          "signedUrlsPublicKeyFile must hold a PEM public key (-----BEGIN PUBLIC KEY-----)");
    }
    if (jwtIssuer.isPresent() && !jwtIssuer.get().startsWith("https://")) {
      throw new IllegalArgumentException("jwtIssuer must be an https:// URL, got '" + jwtIssuer.get() + "'");
    }
    if (jwtIssuer.isPresent() && jwtAudiences.isEmpty()) {
      throw new IllegalArgumentException(
          "jwtAudience is required with jwtIssuer (the API must not accept tokens meant for others)");
    }
    if (console.isPresent() && jwtIssuer.isEmpty()) {
      throw new IllegalArgumentException("console=true needs -c jwtIssuer=<OIDC issuer URL> (and jwtAudience): "
          + "the console calls the API from a browser, which can send a JWT but cannot sign IAM requests");
    }
    if (console.isPresent() && jwtIssuer.filter(Console::isCognitoIssuer).isPresent()
        && !jwtAudiences.contains(console.get().clientId())) {
      throw new IllegalArgumentException("jwtAudience must include consoleClientId '" + console.get().clientId()
          + "': Cognito access tokens carry the app client id (client_id), which the API's JWT authorizer "
          + "checks against jwtAudience; without it every call from the console is refused (401)");
    }
    for (String origin : corsOrigins) {
      if (origin.equals("*") || !(origin.startsWith("https://") || origin.startsWith("http://localhost")
          || origin.startsWith("http://127.0.0.1"))) {
        throw new IllegalArgumentException(
            "corsOrigins entries must be https:// origins (or http://localhost), got '" + origin + "'");
      }
    }
    positive("archiveAfterDays", archiveAfterDays);
    if (!LogGroups.ALLOWED_RETENTION_DAYS.contains(logRetentionDays)) {
      throw new IllegalArgumentException("logRetentionDays must be one of " + LogGroups.ALLOWED_RETENTION_DAYS
          + ", got " + logRetentionDays);
    }
    positive("throttleRate", throttleRate);
    positive("throttleBurst", throttleBurst);
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must be >= 0 (0 = unlimited)");
    }
  }

  /**
   * Reads the settings.
   *
   * @param context CDK context lookup ({@code node.tryGetContext}); null or blank = unset
   * @param systemProperty system property lookup, for the build-assembled paths
   */
  public static VodSettings read(Function<String, Object> context, Function<String, String> systemProperty) {
    Function<String, Optional<String>> value = key -> Optional.ofNullable(context.apply(key))
        .map(Object::toString).map(String::trim).filter(s -> !s.isEmpty());
    Optional<String> publicKey = Optional.empty();
    if (value.apply("signedUrls").map(Boolean::parseBoolean).orElse(false)) {
      Path keyFile = Path.of(value.apply("signedUrlsPublicKeyFile").orElseThrow(() -> new IllegalArgumentException(
          "signedUrls=true needs -c signedUrlsPublicKeyFile=<PEM public key of the signing key pair>")));
      try {
        publicKey = Optional.of(Files.readString(keyFile).trim());
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read signedUrlsPublicKeyFile " + keyFile + ": " + e.getMessage(), e);
      }
    }
    Function<String, Path> path = key -> Path.of(value.apply(key)
        .or(() -> Optional.ofNullable(systemProperty.apply(key)))
        .orElseThrow(() -> new IllegalArgumentException(
            key + " is not set: synthesize with ./mvnw (see infra/README.md)")));
    return new VodSettings(
        TranscodeBackend.parse(value.apply("backend").orElse(TranscodeBackend.CONTAINER.wireName())),
        TranscodeGrouping.parse(value.apply("grouping").orElse(TranscodeGrouping.PER_RENDITION.wireName())),
        value.apply("transcodeNetwork").map(TranscodeNetwork::parse).orElse(TranscodeNetwork.ISOLATED),
        list(value.apply("corsOrigins")),
        value.apply("jwtIssuer"),
        list(value.apply("jwtAudience")),
        console(value, path),
        publicKey,
        value.apply("archiveClass").flatMap(VodSettings::archiveClass),
        integer(value, "archiveAfterDays", 30),
        integer(value, "logRetentionDays", 30),
        integer(value, "throttleRate", 50),
        integer(value, "throttleBurst", 100),
        value.apply("maxUploadBytes").map(s -> parse("maxUploadBytes", s)).orElse(VodConfig.DEFAULT_MAX_UPLOAD_BYTES),
        Duration.ofSeconds(value.apply("presignTtlSeconds").map(s -> parse("presignTtlSeconds", s))
            .orElse(VodConfig.DEFAULT_PRESIGN_TTL.toSeconds())),
        integer(value, "maxConcurrency", VodConfig.DEFAULT_MAX_CONCURRENCY),
        value.apply("destroyData").map(Boolean::parseBoolean).orElse(false),
        path.apply(LAMBDA_CODE_DIR),
        path.apply(FFMPEG_LAMBDA_CODE_DIR),
        path.apply(TRANSCODER_IMAGE_DIR),
        path.apply(STATE_MACHINE_FILE));
  }

  /** The console's settings with {@code console=true}; its folders are only looked up then. */
  private static Optional<ConsoleSettings> console(Function<String, Optional<String>> value,
      Function<String, Path> path) {
    if (!value.apply("console").map(Boolean::parseBoolean).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(new ConsoleSettings(value.apply("consoleClientId").orElse(null),
        value.apply("consoleScopes").orElse(ConsoleSettings.DEFAULT_SCOPES), list(value.apply("consoleAuthOrigins")),
        path.apply(ConsoleSettings.WEB_DIR), path.apply(ConsoleSettings.STAGING_DIR)));
  }

  /** Whether CloudFront requires signed URLs or cookies. */
  public boolean signedUrls() {
    return signedUrlsPublicKeyPem.isPresent();
  }

  private static Optional<StorageClass> archiveClass(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "NONE", "FALSE" -> Optional.empty();
      case "GLACIER_IR", "GLACIER_INSTANT_RETRIEVAL" -> Optional.of(StorageClass.GLACIER_INSTANT_RETRIEVAL);
      case "GLACIER" -> Optional.of(StorageClass.GLACIER);
      case "DEEP_ARCHIVE" -> Optional.of(StorageClass.DEEP_ARCHIVE);
      case "INTELLIGENT_TIERING" -> Optional.of(StorageClass.INTELLIGENT_TIERING);
      default -> throw new IllegalArgumentException("archiveClass must be none, GLACIER_IR, GLACIER, DEEP_ARCHIVE or "
          + "INTELLIGENT_TIERING, got '" + name + "'");
    };
  }

  private static List<String> list(Optional<String> commaSeparated) {
    return commaSeparated.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList())
        .orElse(List.of());
  }

  private static int integer(Function<String, Optional<String>> value, String key, int fallback) {
    return value.apply(key).map(s -> Math.toIntExact(parse(key, s))).orElse(fallback);
  }

  private static long parse(String key, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
    }
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }
}
