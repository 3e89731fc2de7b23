package dev.svod.local.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.functions.catalog.CatalogSchema;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import dev.svod.local.runtime.SampleClip;
import dev.svod.local.testing.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The contract every deployment of Serverless VOD keeps, written once against a {@link Backend}:
 * each concrete {@code *ContractIT} only says which backend it starts. Scenarios go through the
 * HTTP API and the playback URLs as a client would, and look at S3, DynamoDB and Step Functions
 * through the SDK to check what is (not) left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VodContract {

  /** The generated clip: 8 s so that its first segment is a full 6 s one (target duration 6). */
  static final int CLIP_WIDTH = 320;
  static final int CLIP_HEIGHT = 180;
  static final double CLIP_SECONDS = 8;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL_STATUSES = Set.of("READY", "FAILED", "DELETED");
  /** Between two probes of a backend: often enough to notice a change, rarely enough to stay cheap. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private Path work;
  private Backend backend;
  private final HttpClient http = HttpClient.newHttpClient();
  private VodApiClient api;
  private ApiUploads uploads;
  private Path clip;

  /** Starts (or deploys to) the backend the scenarios run against. */
  protected abstract Backend startBackend(Path workDirectory) throws Exception;

  @BeforeAll
  void startBackendAndMakeClip(@TempDir Path workDirectory) throws Exception {
    work = workDirectory;
    clip = SampleClip.generate(work.resolve("clip.mp4"), CLIP_WIDTH, CLIP_HEIGHT, CLIP_SECONDS);
    backend = startBackend(work.resolve("backend"));
    api = new VodApiClient(backend.api(), http);
    uploads = new ApiUploads(api, http);
  }

  @AfterAll
  void stopBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  // ------------------------------------------------------------------------------ scenarios

  @Test
  void uploadedClipBecomesReadyAndPlaysByTheMediaRules() throws Exception {
    // Given a generated clip uploaded through presigned multipart upload
    ApiUploads.Created upload = uploads.upload(clip, "clip.mp4", "video/mp4");

    // When the pipeline has processed it
    JsonNode video = awaitFinalStatus(upload.videoId());

    // Then it is READY with every rendition done
    assertThat(video.path("status").asText()).as("%s: %s", backend.name(), video)
        .isEqualTo("READY");
    assertThat(video.path("renditions")).as("renditions of %s", video).isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("DONE"));
    // And what its playback URL serves passes the media rules
    URI master = URI.create(video.path("playback").path("hls").asText());
    HlsRules.verify(http, master, CLIP_WIDTH, CLIP_HEIGHT);
    // And its poster and storyboard are served as images
    for (String image : List.of("poster", "storyboard")) {
      String url = video.path("playback").path(image).asText("");
      assertThat(url).as("playback.%s of %s", image, video).isNotBlank();
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as("%s Content-Type", url)
          .hasValue("image/jpeg");
      assertThat(response.body()).as("%s body", url).isNotEmpty();
    }
  }

  @Test
  void sameS3EventDeliveredTwiceStartsOneExecution() throws Exception {
    // Given an uploaded clip whose workflow has started
    ApiUploads.Created upload = uploads.upload(clip, "twice.mp4", "video/mp4");
    String key = sourceKey(upload.videoId());
    Eventually.await(backend.processingDeadline(), POLL_INTERVAL,
        "the execution of " + upload.videoId(),
        () -> executionsOf(upload.videoId()).isEmpty() ? null : true,
        () -> "no execution named " + upload.videoId());
    var object = backend.s3().headObject(b -> b.bucket(backend.sourceBucket()).key(key));
    String event = S3Events.completeMultipartUpload(backend.region(), backend.sourceBucket(), key,
        object.contentLength(), object.eTag());

    // When S3 delivers the same event again, twice, while the workflow runs
    List<String> answers = List.of(backend.deliverS3Event(event), backend.deliverS3Event(event));

    // Then ingest accepts the repeats without starting anything new (Step Functions answers a
    // StartExecution repeated with the same name and input as a no-op while that execution runs)
    for (String answer : answers) {
      assertThat(JSON.readTree(answer)).as("ingest answer %s", answer).singleElement()
          .satisfies(result -> assertThat(result.path("videoId").asText())
              .isEqualTo(upload.videoId()));
    }
    assertThat(executionsOf(upload.videoId())).as("executions of %s", upload.videoId())
        .hasSize(1);
    JsonNode video = awaitFinalStatus(upload.videoId());
    assertThat(video.path("status").asText()).as("%s", video).isEqualTo("READY");

    // And a repeat after the end is recognised as such and leaves the READY video alone
    String late = backend.deliverS3Event(event);
    assertThat(JSON.readTree(late)).as("ingest answer %s", late).singleElement()
        .satisfies(result -> assertThat(result.path("outcome").asText())
            .isEqualTo("ALREADY_STARTED"));
    assertThat(api.video(upload.videoId()).path("status").asText()).isEqualTo("READY");
    assertThat(executionsOf(upload.videoId())).as("executions of %s", upload.videoId())
        .hasSize(1);
  }

  @Test
  void textFileUploadedAsMp4FailsAsNotAVideoAndKeepsItsSource() throws Exception {
    // Given a text file that claims to be an MP4
    Path text = work.resolve("notes.mp4");
    Files.writeString(text, "Meeting notes, not a video.\n".repeat(200), StandardCharsets.UTF_8);

    // When it is uploaded
    ApiUploads.Created upload = uploads.upload(text, "notes.mp4", "video/mp4");

    // Then the video FAILED with a reason that says why, and nothing is playable
    JsonNode video = awaitFinalStatus(upload.videoId());
    assertThat(video.path("status").asText()).as("%s", video).isEqualTo("FAILED");
    assertThat(video.path("error").asText()).as("%s", video).contains("NOT_A_VIDEO");
    assertThat(video.path("playback").isMissingNode() || video.path("playback").isNull())
        .as("no playback for %s", video).isTrue();
    // And the source is kept (the owner may want it back, support may want to look at it)
    var source = backend.s3().headObject(b -> b.bucket(backend.sourceBucket())
        .key(sourceKey(upload.videoId())));
    assertThat(source.contentLength()).isEqualTo(Files.size(text));
    assertThat(outputs(upload.videoId())).as("outputs of a failed video").isEmpty();
  }

  @Test
  void uploadAbortedMidwayLeavesNothingBehind() throws Exception {
    // Given a two-part upload of which only the first part arrived
    Path file = twoPartFile();
    ApiUploads.Created upload = uploads.create(file, "aborted.mp4", "video/mp4");
    assertThat(upload.partUrls()).hasSize(2);
    uploads.putPart(upload, file, 1);
    assertThat(api.uploadStatus(upload.uploadId()).path("parts")).as("parts S3 holds")
        .hasSize(1);

    // When the client aborts it
    JsonNode aborted = api.abort(upload.uploadId());

    // Then S3 holds neither parts nor objects of it
    assertThat(aborted.path("status").asText()).isEqualTo("ABORTED");
    String prefix = "uploads/" + upload.videoId() + "/";
    assertThat(multipartUploads(prefix)).as("multipart uploads under %s", prefix).isEmpty();
    assertThat(objects(backend.sourceBucket(), prefix)).as("objects under %s", prefix).isEmpty();
    assertThat(outputs(upload.videoId())).isEmpty();
    // And the catalog has no video: not in the API, not in the table
    assertThatThrownBy(() -> api.video(upload.videoId())).isInstanceOfSatisfying(
        VodApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(videoRecords(upload.videoId())).as("records of video %s", upload.videoId())
        .isEmpty();
    // The upload record stays only as an ABORTED marker (so a resuming client learns the upload
    // is gone) that DynamoDB's TTL removes by itself: nothing is left behind for good.
    assertThat(uploadRecord(upload.uploadId())).satisfiesAnyOf(
        record -> assertThat(record).isEmpty(),
        record -> {
          assertThat(record.get("status").s()).isEqualTo("ABORTED");
          assertThat(record).containsKey(CatalogSchema.TTL_ATTRIBUTE);
        });
    assertThat(executionsOf(upload.videoId())).as("executions of an aborted upload").isEmpty();
  }

  @Test
  void deletingReadyVideoRemovesRecordsSourceAndOutputs() throws Exception {
    // Given a READY video with its outputs
    ApiUploads.Created upload = uploads.upload(clip, "deleted.mp4", "video/mp4");
    JsonNode video = awaitFinalStatus(upload.videoId());
    assertThat(video.path("status").asText()).as("%s", video).isEqualTo("READY");
    assertThat(outputs(upload.videoId())).isNotEmpty();

    // When it is deleted through the API
    HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
        URI.create(backend.api() + "/videos/" + upload.videoId())).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).as("DELETE answered %s", deleted.body()).isBetween(200, 204);

    // Then the API no longer knows it
    assertThatThrownBy(() -> api.video(upload.videoId())).isInstanceOfSatisfying(
        VodApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    // And its records, source and outputs are gone
    assertThat(videoRecords(upload.videoId())).as("video and rendition records").isEmpty();
    assertThat(uploadRecord(upload.uploadId())).as("upload record").isEmpty();
    assertThat(objects(backend.sourceBucket(), "uploads/" + upload.videoId() + "/"))
        .as("source").isEmpty();
    assertThat(outputs(upload.videoId())).as("outputs").isEmpty();
  }

  // ------------------------------------------------------------------------------ helpers

  /** Polls {@code GET /videos/{id}} until the video reaches a final status; returns it. */
  private JsonNode awaitFinalStatus(String videoId) {
    JsonNode[] last = new JsonNode[1];
    return Eventually.await(backend.processingDeadline(), POLL_INTERVAL, "video " + videoId + " on " + backend.name()
        + " to reach one of " + FINAL_STATUSES, () -> {
          last[0] = api.video(videoId);
          return FINAL_STATUSES.contains(last[0].path("status").asText()) ? last[0] : null;
        }, () -> String.valueOf(last[0]));
  }

  private List<ExecutionListItem> executionsOf(String videoId) {
    return backend.stepFunctions()
        .listExecutionsPaginator(b -> b.stateMachineArn(backend.stateMachineArn()))
        .executions().stream().filter(e -> e.name().equals(videoId)).toList();
  }

  private static String sourceKey(String videoId) {
    return "uploads/" + videoId + "/source";
  }

  private List<String> outputs(String videoId) {
    return objects(backend.outputBucket(), "v/" + videoId + "/");
  }

  private List<String> objects(String bucket, String prefix) {
    return backend.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
        .stream().map(S3Object::key).toList();
  }

  private List<String> multipartUploads(String prefix) {
    return backend.s3().listMultipartUploads(b -> b.bucket(backend.sourceBucket()).prefix(prefix))
        .uploads().stream().map(MultipartUpload::key).toList();
  }

  /** Every catalog item of a video (the video item and its renditions share its partition). */
  private List<Map<String, AttributeValue>> videoRecords(String videoId) {
    return backend.dynamoDb().query(b -> b.tableName(backend.table()).consistentRead(true)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", CatalogSchema.PARTITION_KEY))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("VIDEO#" + videoId))))
        .items();
  }

  /** The upload's item, empty when there is none. */
  private Map<String, AttributeValue> uploadRecord(String uploadId) {
    var item = backend.dynamoDb().getItem(b -> b.tableName(backend.table()).consistentRead(true)
        .key(Map.of(CatalogSchema.PARTITION_KEY, AttributeValue.fromS("UPLOAD#" + uploadId),
            CatalogSchema.SORT_KEY, AttributeValue.fromS("UPLOAD"))));
    return item.hasItem() ? item.item() : Map.of();
  }

  /** Just over one 8 MiB part (the API's smallest part size): two parts. */
  private Path twoPartFile() throws IOException {
    Path file = work.resolve("two-parts.mp4");
    if (!Files.exists(file)) {
      byte[] block = new byte[1024 * 1024];
      Random random = new Random(7);
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int i = 0; i < 9; i++) {
          random.nextBytes(block);
          out.write(block);
        }
      }
    }
    return file;
  }
}
