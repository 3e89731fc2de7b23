package dev.svod.local.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3 event notifications as S3 delivers them to the ingest function, made from the repository's
 * sample {@code events/s3/object-created-complete-multipart.json} with the object of a scenario.
 */
final class S3Events {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = "events/s3/object-created-complete-multipart.json";

  private S3Events() {}

  /** The {@code ObjectCreated:CompleteMultipartUpload} event of one object. */
  static String completeMultipartUpload(String region, String bucket, String key, long size,
      String eTag) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(sample()));
      ObjectNode record = (ObjectNode) event.path("Records").get(0);
      record.put("awsRegion", region);
      ObjectNode s3 = (ObjectNode) record.path("s3");
      ((ObjectNode) s3.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
      // Source keys are URL-safe ids: S3's form encoding leaves them as they are.
      ((ObjectNode) s3.path("object")).put("key", key).put("size", size)
          .put("eTag", eTag.replace("\"", ""));
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample, found from the module directory the tests run in (or any directory below the root). */
  private static Path sample() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SAMPLE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No " + SAMPLE + " above " + Path.of("").toAbsolutePath());
  }
}
