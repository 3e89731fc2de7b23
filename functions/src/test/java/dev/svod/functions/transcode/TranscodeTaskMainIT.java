package dev.svod.functions.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
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
import dev.svod.media.EncodeOptions;
import dev.svod.media.HlsTranscoder;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

class TranscodeTaskMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  @TempDir Path scratch;

  private int run(String[] args, Map<String, String> env) {
    return TranscodeTaskMain.run(args, env, stream(out), stream(err));
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
    Planned planned = plannedGroup(aws);
    TranscodeJob job = planned.job();

    int exit = TranscodeTaskMain.run(Json.write(job), aws.s3(), aws.dynamoDb(), planned.config(), stream(out), stream(err));

    assertThat(exit).isEqualTo(TranscodeTaskMain.FAILED);
    RenditionItem rendition = planned.catalog().findRendition(job.videoId(), job.group().names().get(0)).orElseThrow();
    assertThat(rendition.getStatus()).isEqualTo("FAILED");
    assertThat(rendition.getAttempts()).isEqualTo(1);
    assertThat(rendition.getError()).isNotBlank();
  }

  @Test
  void anInterruptedEncodeLeavesTheRenditionsRetryableAndExitsWithItsOwnCode() throws Exception {
    // Given a planned group whose FFmpeg (a stand-in that only sleeps) is running
    LocalAws aws = LocalAws.get();
    Planned planned = plannedGroup(aws);
    TranscodeJob job = planned.job();
    Catalog catalog = planned.catalog();
    Path started = scratch.resolve("ffmpeg-started");
    Path ffmpeg = scratch.resolve("ffmpeg");
    Files.writeString(ffmpeg, "#!/bin/sh\ntouch '" + started + "'\nexec sleep 60\n");
    ffmpeg.toFile().setExecutable(true);
    GroupTranscoder transcoder = new GroupTranscoder(catalog, new OutputStore(aws.s3()), planned.config().outputBucket(),
        () -> new HlsTranscoder(new FfmpegTools(ffmpeg, ffmpeg, null)), EncodeOptions.defaults(), Clock.systemUTC());
    String rendition = job.group().names().get(0);

    for (int attempt = 1; attempt <= 2; attempt++) {
      Files.deleteIfExists(started);
      AtomicInteger exit = new AtomicInteger(-1);
      Thread worker = Thread.ofPlatform().start(() -> exit.set(TranscodeTaskMain.run(job, transcoder, stream(out), stream(err))));
      awaitFile(started);

      // When the task is stopped (SIGTERM's shutdown hook interrupts the job; the local runtime likewise)
      worker.interrupt();
      worker.join(Duration.ofSeconds(30));

      // Then it ends with its own exit code and leaves the rendition PROCESSING for the next attempt
      assertThat(worker.isAlive()).isFalse();
      assertThat(exit.get()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(TranscodeTaskMain.INTERRUPTED);
      RenditionItem item = catalog.findRendition(job.videoId(), rendition).orElseThrow();
      assertThat(item.getStatus()).isEqualTo("PROCESSING");
      assertThat(item.getAttempts()).as("the next run picks it up again").isEqualTo(attempt);
      assertThat(item.getError()).isNull();
      assertThat(item.getEncoded()).isNull();
    }
  }

  /** Polls (with a deadline) for a file the FFmpeg stand-in creates when it starts. */
  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(file)) {
      assertThat(System.nanoTime() - deadline).as("FFmpeg started within 60 s").isNegative();
      Thread.sleep(20);
    }
  }

  private static PrintStream stream(ByteArrayOutputStream buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }

  /** The job of a planned group, with the configuration and catalog it lives in. */
  private record Planned(VodConfig config, Catalog catalog, TranscodeJob job) {}

  /** A video in PROCESSING with its renditions planned, a source object, and the job of its second group. */
  private Planned plannedGroup(LocalAws aws) throws IOException {
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
        .invoke(new PlanInput(videoId, sample.sourceInfo(), "per-rendition", null));
    return new Planned(config, catalog, new TranscodeJob(videoId, source, sample.sourceInfo(), plan.groups().get(1)));
  }
}
