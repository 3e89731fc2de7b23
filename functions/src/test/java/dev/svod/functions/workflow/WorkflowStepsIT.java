package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.testing.LocalAws;
import dev.svod.functions.testing.TestMedia;
import dev.svod.functions.transcode.TranscodeHandler;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.video.PlaybackSigner;
import dev.svod.functions.video.PlaybackSignerTest;
import dev.svod.functions.video.VideoService;
import dev.svod.functions.video.VideoViews.PlaybackView;
import dev.svod.functions.video.VideoViews.VideoView;
import dev.svod.functions.workflow.TaskModels.MarkFailedInput;
import dev.svod.functions.workflow.TaskModels.PlanInput;
import dev.svod.functions.workflow.TaskModels.PlanResult;
import dev.svod.functions.workflow.TaskModels.ProbeInput;
import dev.svod.functions.workflow.TaskModels.ProbeResult;
import dev.svod.functions.workflow.TaskModels.PublishInput;
import dev.svod.functions.workflow.TaskModels.PublishResult;
import dev.svod.functions.workflow.TaskModels.StepError;
import dev.svod.functions.workflow.TaskModels.ThumbnailsInput;
import dev.svod.functions.workflow.TaskModels.TranscodeResult;
import dev.svod.functions.workflow.TaskModels.VideoRef;
import dev.svod.functions.workflow.TaskModels.VideoStatusResult;
import dev.svod.functions.workflow.WorkflowInput.SourceObject;
import dev.svod.media.EncodedRendition;
import dev.svod.media.RenditionSpec;
import dev.svod.media.RenditionType;
import dev.svod.media.SourceInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The workflow's task handlers in the order the state machine runs them, with real FFmpeg on a tiny
 * clip, against DynamoDB Local and S3Proxy.
 */
class WorkflowStepsIT {
  private static final String SAMPLE_VIDEO = "Xq3kR7vT2mNc8pLw1yZb0A";

  private final LocalAws aws = LocalAws.get();
  @TempDir Path dir;
  private VodConfig config;
  private Catalog catalog;
  private String videoId;
  private SourceObject source;

  @BeforeEach
  void setUp() {
    config = aws.newConfig();
    catalog = new Catalog(aws.dynamoDb(), config.tableName());
  }

  /** A video whose source object is in place, as after a completed upload. */
  private void uploaded(Path file) throws IOException {
    uploadCreated(Files.size(file));
    aws.s3().putObject(b -> b.bucket(source.bucket()).key(source.key()), RequestBody.fromFile(file));
  }

  /** A video whose upload was started; its source object is not in the bucket. */
  private void uploadCreated(long size) {
    videoId = new UploadService(catalog, aws.s3(), aws.presigner(), config, Clock.systemUTC())
        .create(new CreateUploadRequest("clip.mp4", size, "video/mp4", "Test clip")).videoId();
    source = new SourceObject(config.sourceBucket(), UploadService.sourceKey(videoId));
  }

  /** Runs a stream handler on a sample event of {@code events/workflow/} with this test's ids. */
  private Map<?, ?> invokeWithSampleEvent(RequestStreamHandler handler,
      String event) throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/" + event)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    json = json.replace(SAMPLE_VIDEO, videoId).replace("svod-source", config.sourceBucket());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.MAPPER.readValue(out.toByteArray(), Map.class);
  }

  private HeadObjectResponse head(String key) {
    return aws.s3().headObject(b -> b.bucket(config.outputBucket()).key(key));
  }

  @Test
  void turnsAClipIntoPlayableHlsFirstPartiallyThenReady() throws Exception {
    uploaded(TestMedia.clip(dir, 3));
    var markProcessing = new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config);
    var probe = new ProbeHandler(aws.presigner(), aws.dynamoDb(), config);
    var plan = new PlanHandler(aws.s3(), aws.dynamoDb(), config);
    var transcode = new TranscodeHandler(aws.s3(), aws.dynamoDb(), config);
    var publish = new PublishHandler(aws.s3(), aws.dynamoDb(), config);

    assertThat(invokeWithSampleEvent(markProcessing, "mark-processing.json").get("status")).isEqualTo("PROCESSING");
    ProbeResult probed = probe.invoke(new ProbeInput(videoId, source));
    assertThat(probed.sourceInfo().video().displayWidth()).isEqualTo(320);
    PlanResult planned = plan.invoke(new PlanInput(videoId, probed.sourceInfo(), "per-rendition", null));
    List<TranscodeGroup> groups = planned.groups();
    assertThat(groups).extracting(TranscodeGroup::names).containsExactly(List.of("audio"), List.of("180p"));

    // Audio first: not playable without a picture yet.
    transcode.invoke(new TranscodeJob(videoId, source, probed.sourceInfo(), groups.get(0)));
    PublishResult audio = publish.invoke(new PublishInput(videoId, groups.get(0), "lambda", null));
    assertThat(audio.playable()).isFalse();
    assertThat(audio.status()).isEqualTo("PROCESSING");

    // The lowest video rung makes it playable.
    TranscodeResult video = transcode.invoke(new TranscodeJob(videoId, source, probed.sourceInfo(), groups.get(1)));
    assertThat(video.encoded()).containsExactly("180p");
    PublishResult first = publish.invoke(new PublishInput(videoId, groups.get(1), "lambda", null));
    assertThat(first.playable()).isTrue();
    assertThat(first.status()).isEqualTo("PARTIALLY_READY");
    assertThat(new VideoService(catalog, aws.s3(), config).get(videoId).settledAt()).as("run goes on").isNull();

    String prefix = "v/" + videoId + "/";
    String master = new OutputStore(aws.s3()).readText(config.outputBucket(), prefix + "master.m3u8");
    assertThat(master).contains("#EXT-X-INDEPENDENT-SEGMENTS", "180p/index.m3u8", "CODECS=\"avc1.",
        "TYPE=AUDIO", "EXT-X-I-FRAME-STREAM-INF", "AVERAGE-BANDWIDTH=");
    HeadObjectResponse masterHead = head(prefix + "master.m3u8");
    assertThat(masterHead.contentType()).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(masterHead.cacheControl()).isEqualTo(OutputStore.SHORT_CACHE);
    HeadObjectResponse segment = head(prefix + "180p/seg_00001.m4s");
    assertThat(segment.contentType()).isEqualTo("video/iso.segment");
    assertThat(segment.cacheControl()).isEqualTo(OutputStore.IMMUTABLE);
    assertThat(head(prefix + "180p/init.mp4").contentType()).isEqualTo("video/mp4");

    // Idempotent: a repeated task (or a larger group) never encodes a DONE rendition again.
    List<RenditionSpec> audioAnd180p = List.of(groups.get(0).renditions().get(0), groups.get(1).renditions().get(0));
    TranscodeGroup both = new TranscodeGroup(1, audioAnd180p, TaskSize.forRenditions(audioAnd180p));
    TranscodeResult again = transcode.invoke(new TranscodeJob(videoId, source, probed.sourceInfo(), both));
    assertThat(again.encoded()).isEmpty();
    assertThat(again.skipped()).containsExactly("audio", "180p");
    assertThat(catalog.renditions(videoId)).extracting(RenditionItem::getAttempts).containsOnly(1);

    // Thumbnails come from the renditions: the source is not even needed any more.
    aws.s3().deleteObject(b -> b.bucket(source.bucket()).key(source.key()));
    var thumbnails = new ThumbnailsHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new ThumbnailsInput(videoId, probed.sourceInfo()));
    assertThat(thumbnails.poster()).isTrue();
    assertThat(thumbnails.storyboard()).isTrue();
    assertThat(head(prefix + "poster.jpg").contentType()).isEqualTo("image/jpeg");
    assertThat(head(prefix + "storyboard.jpg").contentType()).isEqualTo("image/jpeg");
    assertThat(head(prefix + "storyboard.vtt").contentType()).startsWith("text/vtt");
    // One tile per second of the 3 s clip, on the video's own timeline.
    String vtt = new OutputStore(aws.s3()).readText(config.outputBucket(), prefix + "storyboard.vtt");
    assertThat(vtt).contains("00:00:00.000 --> 00:00:01.000\nstoryboard.jpg#xywh=0,0,160,90",
        "00:00:02.000 --> 00:00:03.000\nstoryboard.jpg#xywh=320,0,160,90");
    assertThat(vtt.lines().filter(l -> l.contains("#xywh=")).count()).isEqualTo(3);

    VideoStatusResult settled = new FinalizeHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));
    assertThat(settled.status()).isEqualTo("READY");
    VideoView view = new VideoService(catalog, aws.s3(), config).get(videoId);
    assertThat(view.settledAt()).isEqualTo(catalog.video(videoId).getSettledAt()).isNotNull();
    assertThat(view.playback().hls()).isEqualTo("https://cdn.example.test/v/" + videoId + "/master.m3u8");
    assertThat(view.playback().poster()).endsWith("/poster.jpg");
    assertThat(view.playback().signing()).isNull();
    // With signed playback every URL carries one custom policy covering all the video's files.
    KeyPair keys = PlaybackSignerTest.rsaKeyPair();
    PlaybackView signed = new VideoService(catalog, aws.s3(), config,
        new PlaybackSigner("K2JCJMDEHXQW5F", keys.getPrivate(), Duration.ofHours(1), Clock.systemUTC()))
        .get(videoId).playback();
    String playbackPrefix = "https://cdn.example.test/v/" + videoId + "/";
    assertThat(signed.hls()).isEqualTo(playbackPrefix + "master.m3u8?" + signed.signing().query());
    assertThat(signed.poster()).isEqualTo(playbackPrefix + "poster.jpg?" + signed.signing().query());
    assertThat(PlaybackSignerTest.verifiedPolicy(PlaybackSignerTest.parseQuery(signed.signing().query()),
        keys.getPublic()).path("Statement").path(0).path("Resource").asText()).isEqualTo(playbackPrefix + "*");
    assertThat(view.source().durationSeconds()).isBetween(2.9, 3.1);
    assertThat(view.renditions()).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo("DONE");
      assertThat(r.progress()).isEqualTo(100);
      assertThat(r.bandwidth()).isPositive();
      assertThat(r.codecs()).isNotBlank();
    });
  }

  @Test
  void aFailedGroupLeavesNothingPlayableAndFinalizeSaysWhy() throws Exception {
    uploaded(TestMedia.clip(dir, 2));
    new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));
    ProbeResult probed = new ProbeHandler(aws.presigner(), aws.dynamoDb(), config).invoke(new ProbeInput(videoId, source));
    PlanResult planned = new PlanHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new PlanInput(videoId, probed.sourceInfo(), null, null));
    var publish = new PublishHandler(aws.s3(), aws.dynamoDb(), config);

    // The sample names a rung this small clip does not have: refused, nothing invented.
    assertThatThrownBy(() -> invokeWithSampleEvent(publish, "record-group-failure.json"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("234p");
    // As the state machine's RecordGroupFailure passes a caught Lambda error.
    StepError error = new StepError("dev.svod.media.MediaException",
        "{\"errorMessage\":\"ENCODE_FAILED: ffmpeg failed\",\"errorType\":\"dev.svod.media.MediaException\"}");
    for (TranscodeGroup group : planned.groups()) {
      assertThat(publish.invoke(new PublishInput(videoId, group, "lambda", error)).failed())
          .containsExactlyElementsOf(group.names());
    }

    VideoStatusResult settled = new FinalizeHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));

    assertThat(settled.status()).isEqualTo("FAILED");
    assertThat(catalog.video(videoId).getError()).contains("180p (ENCODE_FAILED: ffmpeg failed)");
    assertThat(catalog.video(videoId).getSettledAt()).isNotNull();
    // No DONE video rendition: no poster or storyboard, and no error.
    var thumbnails = new ThumbnailsHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new ThumbnailsInput(videoId, probed.sourceInfo()));
    assertThat(thumbnails.poster()).isFalse();
    assertThat(thumbnails.storyboard()).isFalse();
  }

  @Test
  void aSourceThatIsNotMediaFailsTheVideoWithTheProbeReasonAndIsKept() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
    uploaded(text);
    new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));

    assertThatThrownBy(() -> new ProbeHandler(aws.presigner(), aws.dynamoDb(), config).invoke(new ProbeInput(videoId, source)))
        .isInstanceOf(BadSourceException.class)
        .hasMessageStartingWith("NOT_A_VIDEO");
    Map<?, ?> failed = invokeWithSampleEvent(new MarkFailedHandler(aws.s3(), aws.dynamoDb(), config), "mark-failed.json");

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat(catalog.video(videoId).getError()).startsWith("NOT_A_VIDEO");
    assertThat(catalog.video(videoId).getSettledAt()).isNotNull();
    assertThat(aws.s3().headObject(b -> b.bucket(source.bucket()).key(source.key())).contentLength())
        .isEqualTo(Files.size(text));
  }

  @Test
  void aSourceGoneBeforeTheProbeIsUnreadableWithTheHttpStatusAndNoUrl() {
    // Given a video whose source object is not (or no longer) in the bucket
    uploadCreated(1_000_000);
    new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));

    // When / Then the probe, reading through a presigned URL, names the status and never the URL
    assertThatThrownBy(() -> new ProbeHandler(aws.presigner(), aws.dynamoDb(), config).invoke(new ProbeInput(videoId, source)))
        .isInstanceOf(BadSourceException.class)
        .hasMessageStartingWith("UNREADABLE_SOURCE")
        .hasMessageContaining("HTTP 404")
        .hasMessageNotContaining("X-Amz-Signature");
  }

  @Test
  void aSourceTooLargeForTheLambdaBackendFailsThePlanAndPlansNothing() throws Exception {
    // Given a probed source of 12 GiB (only its description: the check needs no bytes)
    uploaded(TestMedia.clip(dir, 1));
    new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));
    SourceInfo probed = new ProbeHandler(aws.presigner(), aws.dynamoDb(), config)
        .invoke(new ProbeInput(videoId, source)).sourceInfo();
    SourceInfo large = new SourceInfo(probed.container(), probed.formatLongName(), 2400, 12L << 30,
        probed.bitRate(), probed.video(), probed.audio());

    // When / Then the plan for the Lambda backend refuses it with the numbers, and records no rendition
    assertThatThrownBy(() -> new PlanHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new PlanInput(videoId, large, null, "lambda")))
        .isInstanceOf(BadSourceException.class)
        .hasMessageStartingWith("LIMIT_EXCEEDED")
        .hasMessageContaining("the lambda backend has 10 GiB");
    assertThat(catalog.renditions(videoId)).isEmpty();
  }

  @Test
  void markFailedLeavesAPlayableVideoPlayable() throws Exception {
    uploaded(TestMedia.clip(dir, 1));
    new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));
    catalog.transitionVideo(videoId, VideoStatus.PARTIALLY_READY, v -> {});

    VideoStatusResult result = new MarkFailedHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new MarkFailedInput(videoId, new StepError("States.Timeout", "Thumbnails timed out")));

    assertThat(result.status()).isEqualTo("PARTIALLY_READY");
    assertThat(catalog.video(videoId).getError()).isEqualTo("Thumbnails timed out");
    assertThat(catalog.video(videoId).getSettledAt()).as("the run has ended").isNotNull();
  }

  @Test
  void aRunStartingOverASettledPartiallyReadyVideoUnsettlesIt() {
    // Given a PARTIALLY_READY video whose run has ended
    uploadCreated(1_000_000);
    catalog.transitionVideo(videoId, VideoStatus.PROCESSING, v -> {});
    catalog.settleVideo(videoId, VideoStatus.PARTIALLY_READY, VideoStatus.PARTIALLY_READY.allowedFrom(),
        "some renditions failed: audio (capacity)");
    assertThat(catalog.video(videoId).getSettledAt()).isNotNull();

    // When an execution that claimed no retry (the Ingest starting the video's run again) marks it processing
    VideoStatusResult marked = new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));

    // Then the video stays playable with its reason but no longer looks settled, so no retry starts meanwhile
    assertThat(marked.status()).isEqualTo("PARTIALLY_READY");
    VideoItem video = catalog.video(videoId);
    assertThat(video.getSettledAt()).isNull();
    assertThat(video.getError()).isEqualTo("some renditions failed: audio (capacity)");
  }

  @Test
  void aRetryOfAPartiallyReadyVideoKeepsItPlayableAndEncodesOnlyWhatFailed() throws Exception {
    // Given a playable video whose audio group failed (a capacity outage outlasting the workflow's retries)
    uploaded(TestMedia.clip(dir, 1));
    var markProcessing = new MarkProcessingHandler(aws.s3(), aws.dynamoDb(), config);
    var plan = new PlanHandler(aws.s3(), aws.dynamoDb(), config);
    var transcode = new TranscodeHandler(aws.s3(), aws.dynamoDb(), config);
    var publish = new PublishHandler(aws.s3(), aws.dynamoDb(), config);
    var finalize = new FinalizeHandler(aws.s3(), aws.dynamoDb(), config);
    markProcessing.invoke(new VideoRef(videoId));
    SourceInfo probed = new ProbeHandler(aws.presigner(), aws.dynamoDb(), config)
        .invoke(new ProbeInput(videoId, source)).sourceInfo();
    List<TranscodeGroup> firstRun = plan.invoke(new PlanInput(videoId, probed, "per-rendition", null)).groups();
    TranscodeGroup audio = firstRun.get(0);
    TranscodeGroup video = firstRun.get(1);
    publish.invoke(new PublishInput(videoId, audio, "lambda",
        new StepError("ECS.AmazonECSException", "Capacity is unavailable at this time")));
    transcode.invoke(new TranscodeJob(videoId, source, probed, video));
    publish.invoke(new PublishInput(videoId, video, "lambda", null));
    assertThat(finalize.invoke(new VideoRef(videoId)).status()).isEqualTo("PARTIALLY_READY");
    assertThat(catalog.video(videoId).getSettledAt()).isNotNull();
    assertThat(catalog.claimRetry(videoId, catalog.renditions(videoId))).hasValue(1);
    assertThat(catalog.video(videoId).getSettledAt()).isNull();

    // When the retry execution runs its steps
    VideoStatusResult marked = markProcessing.invoke(new VideoRef(videoId));
    PlanResult retryPlan = plan.invoke(new PlanInput(videoId, probed, "per-rendition", null));

    // Then the video stays PARTIALLY_READY, only the audio group is planned and encoded again, and
    // the video ends READY
    assertThat(marked.status()).isEqualTo("PARTIALLY_READY");
    assertThat(catalog.video(videoId).getSettledAt()).isNull();
    assertThat(retryPlan.groups()).extracting(TranscodeGroup::names).containsExactly(List.of("audio"));
    assertThat(retryPlan.renditionCount()).isEqualTo(2);
    assertThat(transcode.invoke(new TranscodeJob(videoId, source, probed, retryPlan.groups().getFirst())).encoded())
        .containsExactly("audio");
    assertThat(publish.invoke(new PublishInput(videoId, retryPlan.groups().getFirst(), "lambda", null)).status())
        .isEqualTo("PARTIALLY_READY");
    assertThat(finalize.invoke(new VideoRef(videoId)).status()).isEqualTo("READY");
    assertThat(catalog.video(videoId).getSettledAt()).isNotNull();
    assertThat(catalog.renditions(videoId)).extracting(RenditionItem::getName, RenditionItem::getStatus,
        RenditionItem::getAttempts).containsExactly(tuple("180p", "DONE", 1), tuple("audio", "DONE", 1));
    assertThat(new OutputStore(aws.s3()).readText(config.outputBucket(), MasterPublisher.masterKey(videoId)))
        .contains("TYPE=AUDIO", "180p/index.m3u8");
  }

  @Test
  void aRetryThatFailsAgainEndsPartiallyReadyWithTheNewReason() throws Exception {
    // Given a partially ready video whose retry execution has claimed its failed rendition
    uploaded(TestMedia.clip(dir, 1));
    catalog.transitionVideo(videoId, VideoStatus.PROCESSING, v -> {});
    catalog.transitionVideo(videoId, VideoStatus.PARTIALLY_READY, v -> v.setError("some renditions failed: old"));
    RenditionItem done = new RenditionItem();
    done.setName("180p");
    done.setKind("VIDEO");
    RenditionItem failed = new RenditionItem();
    failed.setName("360p");
    failed.setKind("VIDEO");
    catalog.putRenditionsIfAbsent(videoId, List.of(done, failed));
    catalog.transitionRendition(videoId, "180p", RenditionStatus.PROCESSING, r -> {});
    catalog.transitionRendition(videoId, "180p", RenditionStatus.DONE, r -> r.setEncoded(Json.write(
        new EncodedRendition("180p", RenditionType.VIDEO, "180p/index.m3u8", "180p/iframes.m3u8", 320, 180, 25.0,
            "avc1.64000d", 400_000, 300_000, 50_000, 40_000, null, 0, 1.0, 1, 100_000))));
    catalog.transitionRendition(videoId, "360p", RenditionStatus.FAILED, r -> r.setError("capacity"));
    catalog.claimRetry(videoId, catalog.renditions(videoId));
    assertThat(catalog.video(videoId).getSettledAt()).isNull();

    // When that execution fails before the rendition was encoded (MarkFailed) and is then finalized again
    VideoStatusResult marked = new MarkFailedHandler(aws.s3(), aws.dynamoDb(), config)
        .invoke(new MarkFailedInput(videoId, new StepError("States.Timeout", "Probe timed out")));

    // Then the video stays playable with the new reason and the rendition is FAILED, retryable again
    assertThat(marked.status()).isEqualTo("PARTIALLY_READY");
    assertThat(catalog.findRendition(videoId, "360p").orElseThrow().getStatus()).isEqualTo("FAILED");
    assertThat(catalog.video(videoId).getError()).isEqualTo("Probe timed out");
    String failedAt = catalog.video(videoId).getSettledAt();
    assertThat(failedAt).isNotNull();
    VideoStatusResult settled = new FinalizeHandler(aws.s3(), aws.dynamoDb(), config).invoke(new VideoRef(videoId));
    assertThat(settled.status()).isEqualTo("PARTIALLY_READY");
    assertThat(catalog.video(videoId).getError()).isEqualTo("some renditions failed: 360p (Probe timed out)");
    assertThat(Instant.parse(catalog.video(videoId).getSettledAt())).as("written again by Finalize")
        .isAfterOrEqualTo(Instant.parse(failedAt));
  }
}
