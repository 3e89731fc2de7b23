package dev.svod.functions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The deployment configuration every handler reads once at cold start.
 *
 * <p>AWS endpoints are not part of it: the SDK reads {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SFN} by
 * itself, which is how LocalStack and the local runtime point the same code elsewhere. Only the S3
 * addressing style is ours, because S3Proxy and LocalStack need path-style URLs.
 *
 * @param sourceBucket bucket receiving uploads under {@code uploads/{videoId}/source}
 * @param outputBucket bucket holding HLS output under {@code v/{videoId}/...}
 * @param tableName the catalog table ({@link dev.svod.functions.catalog.CatalogSchema})
 * @param stateMachineArn the VOD workflow the ingest function starts
 * @param playbackBaseUrl base URL the output bucket is served from (CloudFront domain or local edge),
 *     without trailing slash; playback URLs are {@code {base}/v/{videoId}/master.m3u8}
 * @param maxUploadBytes largest accepted source file
 * @param presignTtl lifetime of presigned part URLs
 * @param transcodeBackend where the transcode step runs
 * @param grouping how renditions are grouped into transcode tasks
 * @param maxConcurrency Map MaxConcurrency passed in each execution's input
 * @param region AWS region of every client
 * @param s3PathStyle whether S3 clients and presigned URLs use path-style addressing
 */
public record VodConfig(
    String sourceBucket,
    String outputBucket,
    String tableName,
    String stateMachineArn,
    String playbackBaseUrl,
    long maxUploadBytes,
    Duration presignTtl,
    TranscodeBackend transcodeBackend,
    TranscodeGrouping grouping,
    int maxConcurrency,
    String region,
    boolean s3PathStyle) {

  public static final String SOURCE_BUCKET = "VOD_SOURCE_BUCKET";
  public static final String OUTPUT_BUCKET = "VOD_OUTPUT_BUCKET";
  public static final String TABLE = "VOD_TABLE";
  public static final String STATE_MACHINE_ARN = "VOD_STATE_MACHINE_ARN";
  public static final String PLAYBACK_BASE_URL = "VOD_PLAYBACK_BASE_URL";
  public static final String MAX_UPLOAD_BYTES = "VOD_MAX_UPLOAD_BYTES";
  public static final String PRESIGN_TTL_SECONDS = "VOD_PRESIGN_TTL_SECONDS";
  public static final String TRANSCODE_BACKEND = "VOD_TRANSCODE_BACKEND";
  public static final String TRANSCODE_GROUPING = "VOD_TRANSCODE_GROUPING";
  public static final String MAX_CONCURRENCY = "VOD_MAX_CONCURRENCY";
  public static final String S3_PATH_STYLE = "VOD_S3_PATH_STYLE";
  /** Standard Lambda variable; {@code AWS_DEFAULT_REGION} is the fallback, then us-east-1. */
  public static final String REGION = "AWS_REGION";

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024 * 1024;
  public static final Duration DEFAULT_PRESIGN_TTL = Duration.ofHours(1);
  public static final int DEFAULT_MAX_CONCURRENCY = 10;

  public VodConfig {
    Objects.requireNonNull(sourceBucket, "sourceBucket");
    Objects.requireNonNull(outputBucket, "outputBucket");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(transcodeBackend, "transcodeBackend");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(presignTtl, "presignTtl");
    playbackBaseUrl = playbackBaseUrl == null ? "" : stripTrailingSlash(playbackBaseUrl);
    stateMachineArn = stateMachineArn == null ? "" : stateMachineArn;
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("maxUploadBytes must be positive");
    }
    if (presignTtl.isNegative() || presignTtl.isZero() || presignTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("presignTtl must be between 1 s and 7 days (SigV4 limit)");
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must be >= 0 (0 = unlimited)");
    }
  }

  /** Reads the process environment (Lambda, ECS task, or the local runtime's launcher). */
  public static VodConfig fromEnvironment() {
    return fromMap(System.getenv());
  }

  /**
   * Reads the given variables; missing required ones fail fast with their names, so a
   * misconfigured function errors at cold start rather than on the first request.
   */
  public static VodConfig fromMap(Map<String, String> env) {
    Function<String, String> optional = name -> {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.trim();
    };
    Function<String, String> required = name -> {
      String value = optional.apply(name);
      if (value == null) {
        throw new IllegalStateException("environment variable " + name + " is required");
      }
      return value;
    };
    String region = optional.apply(REGION);
    if (region == null) {
      region = optional.apply("AWS_DEFAULT_REGION");
    }
    return new VodConfig(
        required.apply(SOURCE_BUCKET),
        required.apply(OUTPUT_BUCKET),
        required.apply(TABLE),
        optional.apply(STATE_MACHINE_ARN),
        optional.apply(PLAYBACK_BASE_URL),
        parseLong(optional.apply(MAX_UPLOAD_BYTES), DEFAULT_MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES),
        Duration.ofSeconds(parseLong(optional.apply(PRESIGN_TTL_SECONDS),
            DEFAULT_PRESIGN_TTL.toSeconds(), PRESIGN_TTL_SECONDS)),
        TranscodeBackend.parse(orDefault(optional.apply(TRANSCODE_BACKEND), "container")),
        TranscodeGrouping.parse(orDefault(optional.apply(TRANSCODE_GROUPING), "per-rendition")),
        (int) parseLong(optional.apply(MAX_CONCURRENCY), DEFAULT_MAX_CONCURRENCY, MAX_CONCURRENCY),
        region == null ? "us-east-1" : region,
        Boolean.parseBoolean(orDefault(optional.apply(S3_PATH_STYLE), "false")));
  }

  /** The variables {@link #fromMap} understands, in a stable order (FunctionSpec and docs use it). */
  public static List<String> variableNames() {
    return List.of(SOURCE_BUCKET, OUTPUT_BUCKET, TABLE, STATE_MACHINE_ARN, PLAYBACK_BASE_URL,
        MAX_UPLOAD_BYTES, PRESIGN_TTL_SECONDS, TRANSCODE_BACKEND, TRANSCODE_GROUPING, MAX_CONCURRENCY,
        S3_PATH_STYLE);
  }

  /** The public HLS URL of a video's master playlist, or of any other output path under it. */
  public String playbackUrl(String videoId, String file) {
    return playbackBaseUrl + "/v/" + videoId + "/" + file;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static long parseLong(String value, long fallback, String name) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("environment variable " + name + " must be a number, got '" + value + "'", e);
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
