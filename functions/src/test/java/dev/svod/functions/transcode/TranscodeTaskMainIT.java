package dev.svod.functions.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.Json;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.testing.LocalAws;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.workflow.PlanHandler;
import dev.svod.functions.workflow.TaskModels.PlanInput;
import dev.svod.functions.workflow.TaskModels.PlanResult;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.functions.workflow.WorkflowInput.SourceObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class TranscodeTaskMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String[] args, Map<String, String> env) {
    return TranscodeTaskMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void exitsWithUsageErrorWithoutAJob() {
    assertThat(run(new String[0], Map.of())).isEqualTo(TranscodeTaskMain.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(FunctionSpec.CONTAINER_JOB_VARIABLE);
  }

  @Test
  void exitsWithUsageErrorOnMalformedJobOrMissingConfiguration() throws IOException {
    assertThat(run(new String[0], Map.of(FunctionSpec.CONTAINER_JOB_VARIABLE, "{nope"))).isEqualTo(TranscodeTaskMain.USAGE);
    String sample;
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/transcode.json")) {
      sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(run(new String[] {sample}, Map.of())).isEqualTo(TranscodeTaskMain.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(VodConfig.SOURCE_BUCKET);
  }

  @Test
  void marksTheGroupFailedAndExitsNonZeroWhenTheSourceCannotBeEncoded() throws IOException {
    LocalAws aws = LocalAws.get();
    VodConfig config = aws.newConfig();
    Catalog catalog = new Catalog(aws.dynamoDb(), config.tableName());
    TranscodeJob sample;
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/transcode.json")) {
      sample = Json.MAPPER.readValue(in, TranscodeJob.class);
    }
    String videoId = new UploadService(catalog, aws.s3(), aws.presigner(), config, Clock.systemUTC())
        .create(new CreateUploadRequest("clip.mp4", 100L, "video/mp4", null)).videoId();
    SourceObject source = new SourceObject(config.sourceBucket(), UploadService.sourceKey(videoId));
    aws.s3().putObject(b -> b.bucket(source.bucket()).key(source.key()), RequestBody.fromString("garbage ".repeat(20)));
    catalog.transitionVideo(videoId, VideoStatus.PROCESSING, v -> {});
    PlanResult plan = new PlanHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new PlanInput(videoId, sample.sourceInfo(), "per-rendition"));
    TranscodeJob job = new TranscodeJob(videoId, source, sample.sourceInfo(), plan.groups().get(1));

    int exit = TranscodeTaskMain.run(job, TranscodeHandler.groupTranscoder(aws.s3(), aws.dynamoDb(), config),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(TranscodeTaskMain.FAILED);
    RenditionItem rendition = catalog.findRendition(videoId, plan.groups().get(1).names().get(0)).orElseThrow();
    assertThat(rendition.getStatus()).isEqualTo("FAILED");
    assertThat(rendition.getAttempts()).isEqualTo(1);
    assertThat(rendition.getError()).isNotBlank();
  }
}
