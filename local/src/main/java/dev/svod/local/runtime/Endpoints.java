package dev.svod.local.runtime;

import dev.svod.local.LocalCredentials;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local runtime's services listen.
 *
 * @param http the one HTTP port: console at {@code /}, API at {@code /api}, edge at {@code /v/}
 * @param s3 S3 (path-style)
 * @param dynamoDb DynamoDB
 * @param stepFunctions the Step Functions API, or null when it is not running
 */
public record Endpoints(URI http, URI s3, URI dynamoDb, URI stepFunctions) {

  /** The HTTP API base URL ({@code vod upload --api}). */
  public URI api() {
    return URI.create(http + "/api");
  }

  /** The edge (CloudFront) base URL; playback URLs are {@code {edge}/v/{videoId}/master.m3u8}. */
  public URI edge() {
    return http;
  }

  /**
   * The environment that points the AWS CLI and SDKs at this runtime
   * ({@code AWS_ENDPOINT_URL_<SERVICE>} is read by both).
   */
  public Map<String, String> awsEnvironment(LocalCredentials credentials) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    env.put("AWS_REGION", credentials.region().id());
    env.put("AWS_ENDPOINT_URL_S3", s3.toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
    if (stepFunctions != null) {
      env.put("AWS_ENDPOINT_URL_SFN", stepFunctions.toString());
    }
    return env;
  }
}
