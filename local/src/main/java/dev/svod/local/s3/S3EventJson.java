package dev.svod.local.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Builds S3 event notification JSON exactly as S3 delivers it to Lambda (event version 2.1): one
 * record per event, the object key URL-encoded the way S3 encodes it ({@code +} for a space,
 * {@code /} kept), the eTag without quotes, and a sequencer that orders events of one key.
 */
public final class S3EventJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String PRINCIPAL = "AWS:VODLOCAL";

  private S3EventJson() {}

  /**
   * One {@code {"Records":[...]}} document.
   *
   * @param eventName e.g. {@code ObjectCreated:Put}, {@code ObjectCreated:CompleteMultipartUpload}
   * @param region the region the bucket lives in
   * @param sequencer hexadecimal, increasing per key
   */
  public static ObjectNode event(
      String eventName,
      String region,
      String bucket,
      String key,
      long size,
      String eTag,
      String sequencer,
      Instant time) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode record = root.putArray("Records").addObject();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", region);
    record.put("eventTime", EVENT_TIME.format(time));
    record.put("eventName", eventName);
    record.putObject("userIdentity").put("principalId", PRINCIPAL);
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    ObjectNode response = record.putObject("responseElements");
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    response.put("x-amz-request-id", requestId);
    response.put("x-amz-id-2", requestId + "/vodlocal");
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "vod-local-" + bucket);
    ObjectNode bucketNode = s3.putObject("bucket");
    bucketNode.put("name", bucket);
    bucketNode.putObject("ownerIdentity").put("principalId", PRINCIPAL);
    bucketNode.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode object = s3.putObject("object");
    object.put("key", encodeKey(key));
    object.put("size", size);
    object.put("eTag", unquote(eTag));
    object.put("sequencer", sequencer);
    return root;
  }

  /** The key as S3 writes it into event notifications: form-URL-encoded, slashes kept. */
  public static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  static String unquote(String eTag) {
    if (eTag == null) {
      return "";
    }
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }
}
