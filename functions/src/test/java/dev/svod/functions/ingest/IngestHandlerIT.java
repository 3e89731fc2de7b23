package dev.svod.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.Json;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.CatalogSchema;
import dev.svod.functions.testing.LocalAws;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadModels.CreateUploadResponse;
import dev.svod.functions.upload.UploadService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IngestHandlerIT {
  private static final String SAMPLE_VIDEO = "Xq3kR7vT2mNc8pLw1yZb0A";
  private final LocalAws aws = LocalAws.get();
  private final RecordingStarter workflow = new RecordingStarter();
  private VodConfig config;
  private Catalog catalog;
  private IngestHandler handler;
  private CreateUploadResponse upload;

  /** Behaves like Step Functions for names: a second start of the same name is refused. */
  static final class RecordingStarter implements WorkflowStarter {
    final Map<String, String> executions = new ConcurrentHashMap<>();

    @Override
    public Outcome start(String name, String inputJson) {
      return executions.putIfAbsent(name, inputJson) == null ? Outcome.STARTED : Outcome.ALREADY_STARTED;
    }
  }

  @BeforeEach
  void setUp() {
    config = aws.newConfig();
    catalog = new Catalog(aws.dynamoDb(), config.tableName());
    handler = new IngestHandler(aws.dynamoDb(), workflow, config);
    upload = new UploadService(catalog, aws.s3(), aws.presigner(), config, Clock.systemUTC())
        .create(new CreateUploadRequest("clip.mp4", 1000L, "video/mp4", null));
  }

  /** The sample event (S3 entities are immutable, so the JSON is adapted before parsing it). */
  private S3Event event(String name) throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/events/s3/" + name)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    json = json.replace("svod-source", config.sourceBucket()).replace(SAMPLE_VIDEO, upload.videoId());
    return LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
        .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void startsOneExecutionNamedAfterTheVideoAndMarksTheUploadUploaded() throws IOException {
    List<IngestService.Result> results = handler.handleRequest(event("object-created-complete-multipart.json"), null);

    assertThat(results).extracting(IngestService.Result::outcome).containsExactly(IngestService.Outcome.STARTED);
    JsonNode input = Json.MAPPER.readTree(workflow.executions.get(upload.videoId()));
    assertThat(input.get("videoId").asText()).isEqualTo(upload.videoId());
    assertThat(input.at("/source/key").asText()).isEqualTo("uploads/" + upload.videoId() + "/source");
    assertThat(input.get("backend").asText()).isEqualTo("lambda");
    assertThat(input.get("maxConcurrency").asInt()).isEqualTo(4);
    assertThat(catalog.upload(upload.uploadId()).getStatus()).isEqualTo("UPLOADED");
    Map<String, AttributeValue> stored = aws.dynamoDb().getItem(b -> b.tableName(config.tableName())
        .key(Map.of("pk", AttributeValue.fromS("UPLOAD#" + upload.uploadId()), "sk", AttributeValue.fromS("UPLOAD"))))
        .item();
    assertThat(stored).as("a finished upload no longer expires").doesNotContainKey(CatalogSchema.TTL_ATTRIBUTE);
  }

  @Test
  void aRepeatedEventStartsNothingNew() throws IOException {
    handler.handleRequest(event("object-created-complete-multipart.json"), null);

    List<IngestService.Result> again = handler.handleRequest(event("object-created-complete-multipart.json"), null);

    assertThat(again).extracting(IngestService.Result::outcome)
        .containsExactly(IngestService.Outcome.ALREADY_STARTED);
    assertThat(workflow.executions).hasSize(1);
    assertThat(catalog.upload(upload.uploadId()).getStatus()).isEqualTo("UPLOADED");
  }

  @Test
  void ignoresObjectsOutsideUploads() throws IOException {
    List<IngestService.Result> results = handler.handleRequest(event("object-created-outside-uploads.json"), null);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(IngestService.Outcome.IGNORED);
      assertThat(r.key()).isEqualTo("notes/readme first.txt");
    });
    assertThat(workflow.executions).isEmpty();
    assertThat(catalog.upload(upload.uploadId()).getStatus()).isEqualTo("CREATED");
  }
}
