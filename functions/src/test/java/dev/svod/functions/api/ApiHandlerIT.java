package dev.svod.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.Json;
import dev.svod.functions.TransientException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.ingest.WorkflowStarter;
import dev.svod.functions.testing.LocalAws;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.video.RetryService;
import dev.svod.functions.workflow.WorkflowInput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Every route, driven by the sample events of {@code events/api/} against DynamoDB Local and S3Proxy. */
class ApiHandlerIT {
  private static final String SAMPLE_UPLOAD = "Kp2vN8sQ4tRw6yXz0aBc1D";
  private static final String SAMPLE_VIDEO = "Xq3kR7vT2mNc8pLw1yZb0A";

  private final LocalAws aws = LocalAws.get();
  private VodConfig config;
  private RecordingWorkflow workflow;
  private ApiHandler handler;

  /** A workflow starter that records what it was asked to start and can be made to fail. */
  private static final class RecordingWorkflow implements WorkflowStarter {
    record Start(String name, String input) {}

    final List<Start> starts = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    @Override
    public Outcome start(String name, String inputJson) {
      if (failure != null) {
        throw failure;
      }
      starts.add(new Start(name, inputJson));
      return Outcome.STARTED;
    }
  }

  @BeforeEach
  void setUp() {
    config = aws.newConfig();
    workflow = new RecordingWorkflow();
    handler = new ApiHandler(aws.s3(), aws.presigner(), aws.dynamoDb(), workflow, config);
  }

  private static APIGatewayV2HTTPEvent event(String name) {
    return EventLoader.loadApiGatewayHttpEvent("events/api/" + name);
  }

  /** The sample event with its sample id replaced by a real one. */
  private static APIGatewayV2HTTPEvent event(String name, String sampleId, String realId) {
    APIGatewayV2HTTPEvent event = event(name);
    event.setRawPath(event.getRawPath().replace(sampleId, realId));
    event.getRequestContext().getHttp().setPath(event.getRawPath());
    return event;
  }

  private JsonNode call(APIGatewayV2HTTPEvent event, int expectedStatus) throws IOException {
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
    assertThat(response.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8");
    return response.getBody().isEmpty() ? null : Json.MAPPER.readTree(response.getBody());
  }

  private JsonNode createUpload() throws IOException {
    return call(event("create-upload.json"), 201);
  }

  @Test
  void createsAnUploadWithPresignedParts() throws IOException {
    JsonNode created = createUpload();

    assertThat(created.get("partSize").asLong()).isEqualTo(8L * 1024 * 1024);
    assertThat(created.get("parts")).hasSize(3);
    assertThat(created.at("/parts/0/url").asText()).contains("X-Amz-Signature=").contains("partNumber=1");
    assertThat(created.get("expiresAt").asText()).endsWith("Z");
    JsonNode video = call(event("get-video.json", SAMPLE_VIDEO, created.get("videoId").asText()), 200);
    assertThat(video.get("status").asText()).isEqualTo("CREATED");
    assertThat(video.get("title").asText()).isEqualTo("Holiday 2026");
  }

  @Test
  void reportsUploadStatusAndResignsParts() throws IOException {
    String uploadId = createUpload().get("uploadId").asText();

    JsonNode status = call(event("get-upload.json", SAMPLE_UPLOAD, uploadId), 200);
    assertThat(status.get("status").asText()).isEqualTo("CREATED");
    assertThat(status.get("missingParts")).hasSize(3);
    JsonNode parts = call(event("presign-parts.json", SAMPLE_UPLOAD, uploadId), 200);
    assertThat(parts.at("/parts/0/partNumber").asInt()).isEqualTo(2);
  }

  @Test
  void refusesToCompleteWithPartsThatNeverArrived() throws IOException {
    String uploadId = createUpload().get("uploadId").asText();

    JsonNode error = call(event("complete-upload.json", SAMPLE_UPLOAD, uploadId), 400);

    assertThat(error.at("/error/code").asText()).isEqualTo("INVALID_PARTS");
    assertThat(error.at("/error/message").asText()).contains("[1, 2, 3]");
  }

  @Test
  void abortsAnUploadAndForgetsItsVideo() throws IOException {
    JsonNode created = createUpload();
    String uploadId = created.get("uploadId").asText();

    assertThat(call(event("abort-upload.json", SAMPLE_UPLOAD, uploadId), 200).get("status").asText())
        .isEqualTo("ABORTED");
    call(event("get-video.json", SAMPLE_VIDEO, created.get("videoId").asText()), 404);
    assertThat(call(event("abort-upload.json", SAMPLE_UPLOAD, uploadId), 409).at("/error/code").asText())
        .isEqualTo("ILLEGAL_TRANSITION");
  }

  @Test
  void listsAndDeletesVideos() throws IOException {
    String first = createUpload().get("videoId").asText();
    String second = createUpload().get("videoId").asText();

    APIGatewayV2HTTPEvent list = event("list-videos.json");
    list.setQueryStringParameters(Map.of("limit", "1"));
    JsonNode page = call(list, 200);
    assertThat(page.at("/videos/0/videoId").asText()).isEqualTo(second);
    list.setQueryStringParameters(Map.of("limit", "1", "cursor", page.get("nextCursor").asText()));
    assertThat(call(list, 200).at("/videos/0/videoId").asText()).isEqualTo(first);
    assertThat(call(event("list-videos.json"), 200).get("videos")).isEmpty(); // sample asks for READY

    call(event("delete-video.json", SAMPLE_VIDEO, first), 204);
    call(event("get-video.json", SAMPLE_VIDEO, first), 404);
    assertThat(aws.s3().listMultipartUploads(b -> b.bucket(config.sourceBucket())).uploads()).hasSize(1);
  }

  @Test
  void answersBadInputWithJsonErrors() throws IOException {
    APIGatewayV2HTTPEvent tooBig = event("create-upload.json");
    tooBig.setBody("{\"filename\":\"a.mp4\",\"size\":" + (config.maxUploadBytes() + 1) + ",\"contentType\":\"video/mp4\"}");
    assertThat(call(tooBig, 400).at("/error/code").asText()).isEqualTo("UPLOAD_TOO_LARGE");

    APIGatewayV2HTTPEvent malformed = event("create-upload.json");
    malformed.setBody("{not json");
    assertThat(call(malformed, 400).at("/error/code").asText()).isEqualTo("INVALID_JSON");

    APIGatewayV2HTTPEvent badStatus = event("list-videos.json");
    badStatus.setQueryStringParameters(Map.of("status", "DONE"));
    assertThat(call(badStatus, 400).at("/error/code").asText()).isEqualTo("INVALID_STATUS");

    assertThat(call(event("get-video.json"), 404).at("/error/code").asText()).isEqualTo("NOT_FOUND");
  }

  /**
   * A video as a workflow leaves it after an outage: PARTIALLY_READY, its source stored, the named
   * renditions DONE and the others FAILED, its run ended.
   */
  private String partiallyReady(List<String> done, List<String> failed) throws IOException {
    String videoId = partiallyReadyStillRunning(done, failed);
    settle(videoId);
    return videoId;
  }

  /** As {@link #partiallyReady}, but its run goes on (e.g. the workflow is about to retry a failed task). */
  private String partiallyReadyStillRunning(List<String> done, List<String> failed) throws IOException {
    String videoId = createUpload().get("videoId").asText();
    Catalog catalog = new Catalog(aws.dynamoDb(), config.tableName());
    aws.s3().putObject(b -> b.bucket(config.sourceBucket()).key(UploadService.sourceKey(videoId)),
        RequestBody.fromString("source bytes"));
    catalog.transitionVideo(videoId, VideoStatus.PROCESSING, v -> {});
    catalog.transitionVideo(videoId, VideoStatus.PARTIALLY_READY, v -> v.setError("some renditions failed"));
    catalog.putRenditionsIfAbsent(videoId, Stream.concat(done.stream(), failed.stream())
        .map(name -> {
          RenditionItem item = new RenditionItem();
          item.setName(name);
          item.setKind("VIDEO");
          return item;
        }).toList());
    for (String name : done) {
      catalog.transitionRendition(videoId, name, RenditionStatus.PROCESSING, r -> r.setAttempts(1));
      catalog.transitionRendition(videoId, name, RenditionStatus.DONE, r -> r.setEncoded("{}"));
    }
    for (String name : failed) {
      catalog.transitionRendition(videoId, name, RenditionStatus.FAILED, r -> r.setError("capacity"));
    }
    return videoId;
  }

  /** Ends the video's run PARTIALLY_READY (keeping its reason), as the workflow's last step does. */
  private void settle(String videoId) {
    new Catalog(aws.dynamoDb(), config.tableName())
        .settleVideo(videoId, VideoStatus.PARTIALLY_READY, List.of(VideoStatus.PARTIALLY_READY), null);
  }

  private APIGatewayV2HTTPEvent retry(String videoId) {
    return event("retry-video.json", SAMPLE_VIDEO, videoId);
  }

  private String status(String videoId, String rendition) {
    return new Catalog(aws.dynamoDb(), config.tableName()).findRendition(videoId, rendition).orElseThrow().getStatus();
  }

  @Test
  void retriesOnlyTheFailedRenditionsInANewUniquelyNamedExecution() throws IOException {
    // Given a partially ready video whose 720p rendition failed
    String videoId = partiallyReady(List.of("180p", "360p"), List.of("720p"));

    // When the failed renditions are retried twice (the second after the first execution failed them again)
    JsonNode first = call(retry(videoId), 202);
    new Catalog(aws.dynamoDb(), config.tableName())
        .transitionRendition(videoId, "720p", RenditionStatus.FAILED, r -> r.setError("capacity again"));
    settle(videoId);
    call(retry(videoId), 202);

    // Then the video stays playable, 720p alone is being processed, and each retry started its own
    // execution with the ingest's input
    assertThat(first.get("videoId").asText()).isEqualTo(videoId);
    assertThat(first.get("status").asText()).isEqualTo("PARTIALLY_READY");
    assertThat(first.get("retrying")).extracting(JsonNode::asText).containsExactly("720p");
    assertThat(workflow.starts).extracting(RecordingWorkflow.Start::name)
        .containsExactly(videoId + "-retry-1", videoId + "-retry-2");
    WorkflowInput input = Json.read(workflow.starts.getFirst().input(), WorkflowInput.class);
    assertThat(input).isEqualTo(WorkflowInput.forSource(videoId,
        new WorkflowInput.SourceObject(config.sourceBucket(), UploadService.sourceKey(videoId)), config));
    assertThat(status(videoId, "720p")).isEqualTo("PROCESSING");
    assertThat(status(videoId, "180p")).isEqualTo("DONE");
    assertThat(call(event("get-video.json", SAMPLE_VIDEO, videoId), 200).get("status").asText())
        .isEqualTo("PARTIALLY_READY");
    assertThat(RetryService.executionName("A".repeat(64), 999_999_999)).hasSizeLessThanOrEqualTo(80);
  }

  /** The named rendition of a GET /videos/{id} answer. */
  private static JsonNode rendition(JsonNode video, String name) {
    for (JsonNode rendition : video.get("renditions")) {
      if (rendition.get("name").asText().equals(name)) {
        return rendition;
      }
    }
    throw new AssertionError("no rendition " + name + " in " + video);
  }

  @Test
  void showsFailureReasonsOnlyWhileTheyExplainTheStatus() throws IOException {
    // Given a partially ready video whose 720p rendition failed
    String videoId = partiallyReady(List.of("180p"), List.of("720p"));
    APIGatewayV2HTTPEvent get = event("get-video.json", SAMPLE_VIDEO, videoId);
    JsonNode failed = call(get, 200);

    // When a retry takes the rendition up, and it is encoded and the video settled READY
    call(retry(videoId), 202);
    JsonNode retrying = call(get, 200);
    Catalog catalog = new Catalog(aws.dynamoDb(), config.tableName());
    catalog.transitionRendition(videoId, "720p", RenditionStatus.DONE, r -> r.setEncoded("{}"));
    catalog.transitionVideo(videoId, VideoStatus.READY, v -> {});
    JsonNode ready = call(get, 200);

    // Then the video says what failed while it is partially ready, the rendition only while FAILED,
    // and nothing is reported once everything recovered
    assertThat(failed.get("error").asText()).isEqualTo("some renditions failed");
    assertThat(rendition(failed, "720p").get("error").asText()).isEqualTo("capacity");
    assertThat(rendition(failed, "180p").has("error")).isFalse();
    assertThat(retrying.get("error").asText()).isEqualTo("some renditions failed");
    assertThat(rendition(retrying, "720p").has("error")).isFalse();
    assertThat(ready.has("error")).isFalse();
    assertThat(ready.get("renditions")).allSatisfy(r -> assertThat(r.has("error")).isFalse());
  }

  @Test
  void refusesToRetryAPartiallyReadyVideoUntilItsRunHasEnded() throws IOException {
    // Given a partially ready video whose 720p task failed while the workflow may still retry it
    String videoId = partiallyReadyStillRunning(List.of("180p"), List.of("720p"));
    APIGatewayV2HTTPEvent get = event("get-video.json", SAMPLE_VIDEO, videoId);

    // When a retry is asked for before the run ended, and again once it has
    JsonNode early = call(retry(videoId), 409);
    JsonNode running = call(get, 200);
    List<RecordingWorkflow.Start> startedEarly = List.copyOf(workflow.starts);
    String renditionWhileRunning = status(videoId, "720p");
    settle(videoId);
    JsonNode settled = call(get, 200);
    JsonNode accepted = call(retry(videoId), 202);

    // Then the first is refused without claiming or starting anything; the second starts the retry
    assertThat(early.at("/error/code").asText()).isEqualTo("RETRY_IN_PROGRESS");
    assertThat(early.at("/error/message").asText()).contains("still being processed", "once it has finished");
    assertThat(startedEarly).isEmpty();
    assertThat(renditionWhileRunning).isEqualTo("FAILED");
    assertThat(running.has("settledAt")).isFalse();
    assertThat(Instant.parse(settled.get("settledAt").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(accepted.get("retrying")).extracting(JsonNode::asText).containsExactly("720p");
    assertThat(workflow.starts).extracting(RecordingWorkflow.Start::name).containsExactly(videoId + "-retry-1");
    assertThat(call(get, 200).has("settledAt")).as("the retry's run goes on").isFalse();
  }

  @Test
  void twoConcurrentRetriesStartOneExecution() throws Exception {
    // Given a partially ready video with two failed renditions
    String videoId = partiallyReady(List.of("180p"), List.of("360p", "720p"));
    CyclicBarrier together = new CyclicBarrier(2);

    // When two retries are asked for at the same moment
    List<CompletableFuture<APIGatewayV2HTTPResponse>> answers = List.of(1, 2).stream()
        .map(i -> CompletableFuture.supplyAsync(() -> {
          try {
            together.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return handler.handleRequest(retry(videoId), null);
        })).toList();

    // Then one is accepted, the other refused, and one execution started
    assertThat(answers).extracting(answer -> answer.join().getStatusCode()).containsExactlyInAnyOrder(202, 409);
    assertThat(workflow.starts).hasSize(1);
    assertThat(status(videoId, "360p")).isEqualTo("PROCESSING");
  }

  @Test
  void refusesRetriesOfVideosWithNothingFailedOrNotPartiallyReady() throws IOException {
    // Given videos in each status a retry refuses
    String nothingFailed = partiallyReady(List.of("180p"), List.of());
    String created = createUpload().get("videoId").asText();
    String failed = createUpload().get("videoId").asText();
    Catalog catalog = new Catalog(aws.dynamoDb(), config.tableName());
    catalog.transitionVideo(failed, VideoStatus.FAILED, v -> v.setError("NOT_A_VIDEO"));
    String ready = partiallyReady(List.of("180p"), List.of());
    catalog.transitionVideo(ready, VideoStatus.READY, v -> {});
    String sourceGone = partiallyReady(List.of("180p"), List.of("360p"));
    aws.s3().deleteObject(b -> b.bucket(config.sourceBucket()).key(UploadService.sourceKey(sourceGone)));
    String stillRunning = partiallyReady(List.of("180p"), List.of("360p", "720p"));
    catalog.transitionRendition(stillRunning, "720p", RenditionStatus.PROCESSING, r -> {});

    // When / Then each answers 409 (404 for an unknown video) with a code saying why, and nothing starts
    assertThat(call(retry(nothingFailed), 409).at("/error/code").asText()).isEqualTo("NOTHING_TO_RETRY");
    assertThat(call(retry(ready), 409).at("/error/code").asText()).isEqualTo("NOTHING_TO_RETRY");
    JsonNode notYet = call(retry(created), 409);
    assertThat(notYet.at("/error/code").asText()).isEqualTo("ILLEGAL_TRANSITION");
    assertThat(notYet.at("/error/message").asText()).contains("is CREATED");
    JsonNode dead = call(retry(failed), 409);
    assertThat(dead.at("/error/code").asText()).isEqualTo("ILLEGAL_TRANSITION");
    assertThat(dead.at("/error/message").asText()).contains("is FAILED", "upload the file again");
    assertThat(call(retry(sourceGone), 409).at("/error/code").asText()).isEqualTo("SOURCE_MISSING");
    assertThat(status(sourceGone, "360p")).isEqualTo("FAILED");
    JsonNode running = call(retry(stillRunning), 409);
    assertThat(running.at("/error/code").asText()).isEqualTo("RETRY_IN_PROGRESS");
    assertThat(running.at("/error/message").asText()).contains("720p");
    assertThat(status(stillRunning, "360p")).isEqualTo("FAILED");
    assertThat(call(event("retry-video.json"), 404).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(workflow.starts).isEmpty();
  }

  @Test
  void aRetryThatCannotStartLeavesTheRenditionsFailedForTheNextTry() throws IOException {
    // Given a partially ready video and Step Functions out of reach
    String videoId = partiallyReady(List.of("180p"), List.of("720p"));
    workflow.failure = new TransientException("cannot reach Step Functions", null);

    // When a retry is asked for
    JsonNode refused = call(retry(videoId), 503);

    // Then it says so, and the rendition is FAILED again and the video settled: the next retry starts it
    assertThat(refused.at("/error/code").asText()).isEqualTo("WORKFLOW_UNAVAILABLE");
    assertThat(status(videoId, "720p")).isEqualTo("FAILED");
    assertThat(call(event("get-video.json", SAMPLE_VIDEO, videoId), 200).hasNonNull("settledAt")).isTrue();
    workflow.failure = null;
    call(retry(videoId), 202);
    assertThat(workflow.starts).extracting(RecordingWorkflow.Start::name).containsExactly(videoId + "-retry-2");
  }
}
