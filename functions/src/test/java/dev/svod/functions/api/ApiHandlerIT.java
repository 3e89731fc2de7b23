package dev.svod.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.Json;
import dev.svod.functions.VodConfig;
import dev.svod.functions.testing.LocalAws;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route, driven by the sample events of {@code events/api/} against DynamoDB Local and S3Proxy. */
class ApiHandlerIT {
  private static final String SAMPLE_UPLOAD = "Kp2vN8sQ4tRw6yXz0aBc1D";
  private static final String SAMPLE_VIDEO = "Xq3kR7vT2mNc8pLw1yZb0A";

  private final LocalAws aws = LocalAws.get();
  private VodConfig config;
  private ApiHandler handler;

  @BeforeEach
  void setUp() {
    config = aws.newConfig();
    handler = new ApiHandler(aws.s3(), aws.presigner(), aws.dynamoDb(), config);
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
}
