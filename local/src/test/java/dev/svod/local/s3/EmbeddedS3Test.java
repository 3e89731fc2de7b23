package dev.svod.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.local.LocalCredentials;
import dev.svod.local.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class EmbeddedS3Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalCredentials CREDENTIALS = LocalCredentials.DEFAULT;

  @TempDir Path data;
  private EmbeddedS3 s3;
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private EmbeddedS3 startS3() {
    return EmbeddedS3.start(
        data,
        "127.0.0.1",
        0,
        CREDENTIALS,
        List.of("source", "output"),
        List.of(NotificationOutbox.Rule.allObjectsCreated("source")));
  }

  /**
   * With the runtime's HTTP client: the SDK's own would fail a PUT on a kept-alive connection that a
   * server stopped by an earlier test left in the JVM's connection cache, should this test's S3 get
   * the same port (see RetryableUrlConnectionHttpClient).
   */
  private S3Client client(LocalCredentials credentials) {
    return credentials.client(S3Client.builder().forcePathStyle(true), s3.endpoint());
  }

  private S3Presigner presigner() {
    return S3Presigner.builder()
        .endpointOverride(s3.endpoint())
        .region(CREDENTIALS.region())
        .credentialsProvider(CREDENTIALS.provider())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  private JsonNode onlyRecord(String eventJson) throws Exception {
    JsonNode records = JSON.readTree(eventJson).path("Records");
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void createsTheConfiguredBucketsAndNotifiesAPutAsARealShapedS3Event() throws Exception {
    // Given S3 with a notifying source bucket
    s3 = startS3();
    s3.startNotifications(delivered::add);
    try (S3Client client = client(CREDENTIALS)) {
      assertThat(client.listBuckets().buckets()).extracting(b -> b.name())
          .contains("source", "output");

      // When an object whose key needs encoding is put
      client.putObject(b -> b.bucket("source").key("uploads/v1/my clip (1).mp4"),
          RequestBody.fromString("hello"));
    }

    // Then one ObjectCreated:Put event arrives with the key encoded as S3 encodes it, and its file
    // is deleted (just after the listener accepted it)
    String event = Eventually.await(Duration.ofSeconds(10), "the S3 event",
        () -> delivered.isEmpty() || !s3.notifications().pending().isEmpty() ? null : delivered.get(0));
    JsonNode record = onlyRecord(event);
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
    assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
    assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("source");
    assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::source");
    assertThat(record.at("/s3/object/key").asText()).isEqualTo("uploads/v1/my+clip+%281%29.mp4");
    assertThat(record.at("/s3/object/size").asLong()).isEqualTo(5);
    assertThat(record.at("/s3/object/eTag").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(record.at("/s3/object/sequencer").asText()).matches("[0-9A-F]{16}");
  }

  @Test
  void completesAPresignedMultipartUploadAndNotifiesItOnce() throws Exception {
    // Given a multipart upload whose parts are PUT through SigV4 presigned URLs
    s3 = startS3();
    s3.startNotifications(delivered::add);
    HttpClient http = HttpClient.newHttpClient();
    byte[] part1 = new byte[5 * 1024 * 1024];
    byte[] part2 = "tail".getBytes();
    try (S3Client client = client(CREDENTIALS); S3Presigner presigner = presigner()) {
      String uploadId = client.createMultipartUpload(b -> b.bucket("source").key("uploads/big.mp4"))
          .uploadId();
      List<CompletedPart> parts = new java.util.ArrayList<>();
      int number = 1;
      for (byte[] body : List.of(part1, part2)) {
        int partNumber = number++;
        URI url = presigner.presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(5))
            .uploadPartRequest(u -> u.bucket("source").key("uploads/big.mp4")
                .uploadId(uploadId).partNumber(partNumber))).url().toURI();
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String eTag = response.headers().firstValue("ETag").orElseThrow();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      }
      assertThat(client.listParts(b -> b.bucket("source").key("uploads/big.mp4")
          .uploadId(uploadId)).parts()).hasSize(2);

      // When the upload is completed
      client.completeMultipartUpload(b -> b.bucket("source").key("uploads/big.mp4")
          .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    // Then exactly one CompleteMultipartUpload event carries the full size
    String event = Eventually.await(Duration.ofSeconds(10), "the S3 event",
        () -> delivered.isEmpty() ? null : delivered.get(0));
    JsonNode record = onlyRecord(event);
    assertThat(record.path("eventName").asText()).as(delivered.toString()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
    assertThat(record.at("/s3/object/size").asLong()).isEqualTo(part1.length + part2.length);
    assertThat(record.at("/s3/object/eTag").asText()).endsWith("-2");
    assertThat(delivered).hasSize(1);
  }

  @Test
  void rejectsARequestSignedWithOtherCredentials() {
    s3 = startS3();
    LocalCredentials wrong = new LocalCredentials("vodlocal", "not-the-secret",
        CREDENTIALS.region());
    try (S3Client client = client(wrong)) {
      assertThatThrownBy(() -> client.listBuckets())
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }
  }

  @Test
  void notifiesCopiesButNotObjectsOfBucketsWithoutRules() throws Exception {
    s3 = startS3();
    s3.startNotifications(delivered::add);
    try (S3Client client = client(CREDENTIALS)) {
      client.putObject(b -> b.bucket("output").key("v/x/master.m3u8"), RequestBody.fromString("#"));
      client.copyObject(b -> b.sourceBucket("output").sourceKey("v/x/master.m3u8")
          .destinationBucket("source").destinationKey("uploads/copy.mp4"));
    }
    String event = Eventually.await(Duration.ofSeconds(10), "the copy event",
        () -> delivered.isEmpty() ? null : delivered.get(0));
    assertThat(onlyRecord(event).path("eventName").asText()).isEqualTo("ObjectCreated:Copy");
    assertThat(onlyRecord(event).at("/s3/object/key").asText()).isEqualTo("uploads/copy.mp4");
    assertThat(delivered).hasSize(1);
  }

  @Test
  void keepsUndeliveredEventsAcrossARestart() throws Exception {
    // Given an event recorded while nobody listens, then S3 stopped
    s3 = startS3();
    try (S3Client client = client(CREDENTIALS)) {
      client.putObject(b -> b.bucket("source").key("uploads/a.mp4"), RequestBody.fromString("a"));
    }
    assertThat(s3.notifications().pending()).hasSize(1);
    s3.close();

    // When S3 starts again on the same data directory and a listener is attached
    s3 = startS3();
    s3.startNotifications(delivered::add);

    // Then the event is delivered and the objects are still there
    Eventually.await(Duration.ofSeconds(10), "the resumed event",
        () -> delivered.isEmpty() ? null : delivered.get(0));
    assertThat(onlyRecord(delivered.get(0)).at("/s3/object/key").asText())
        .isEqualTo("uploads/a.mp4");
    try (S3Client client = client(CREDENTIALS)) {
      assertThat(client.getObjectAsBytes(b -> b.bucket("source").key("uploads/a.mp4"))
          .asUtf8String()).isEqualTo("a");
    }
  }
}
