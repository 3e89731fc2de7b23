package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The whole local pipeline, end to end, through the same HTTP API and SDK endpoints a user has. */
class LocalRuntimeIT {

  @TempDir static Path data;
  private static LocalRuntime runtime;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalRuntime.Options.of(data.resolve("vod"), 0)
        .withTranscodeWorkers(2));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void uploadedClipBecomesReadyAndPlaysThroughTheEdge() throws Exception {
    // Given a short generated clip
    Path clip = SampleClip.generate(data.resolve("clip.mp4"), 320, 180, 3);

    // When it is uploaded through the API with presigned parts, then the workflow takes it to READY
    JsonNode video = ReadyVideos.uploadAndAwaitReady(runtime, HTTP, clip, "IT clip",
        data.resolve("upload-state"));
    String videoId = video.path("videoId").asText();

    // And its master playlist is served by the edge with the playback URL the API gives
    URI master = URI.create(video.path("playback").path("hls").asText());
    HttpResponse<String> playlist = HTTP.send(HttpRequest.newBuilder(master).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(playlist.statusCode()).isEqualTo(200);
    assertThat(playlist.body()).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF");
    assertThat(playlist.headers().firstValue("cache-control")).hasValue(
        dev.svod.local.http.Edge.PLAYLIST_CACHE_CONTROL);

    // And the AWS SDK describes its execution through the printed Step Functions endpoint
    var credentials = runtime.credentials();
    try (SfnClient sfn = credentials.client(SfnClient.builder(),
        runtime.endpoints().stepFunctions())) {
      var execution = sfn.listExecutions(b -> b.stateMachineArn(runtime.stateMachineArn()))
          .executions().stream()
          .filter(e -> sfn.describeExecution(d -> d.executionArn(e.executionArn())).input()
              .contains(videoId))
          .findFirst().orElseThrow();
      assertThat(sfn.describeExecution(d -> d.executionArn(execution.executionArn())).statusAsString())
          .isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void anInterruptedUploadResumesWithoutResendingFinishedParts() throws Exception {
    // Given a file of three parts (the API's smallest part is 8 MiB)
    Path file = data.resolve("three-parts.bin");
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      byte[] block = new byte[1024 * 1024];
      for (int i = 0; i < 17; i++) {
        java.util.Arrays.fill(block, (byte) i);
        out.write(block);
      }
    }
    VodApiClient api = new VodApiClient(runtime.endpoints().api(), HTTP);
    UploadStateStore state = new UploadStateStore(data.resolve("resume-state"));
    ResumableUploader.ProgressBarFactory quiet = ProgressBar::silent;

    // When the first run stops after its first part
    ResumableUploader interrupted = new ResumableUploader(api, HTTP, state, 1, quiet)
        .afterEachPart(part -> {
          throw new IllegalStateException("connection lost after part " + part);
        });
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> interrupted.upload(file, "resume", "video/mp4"))
        .hasMessageContaining("connection lost");

    // And the same command runs again
    ResumableUploader.Result resumed = new ResumableUploader(api, HTTP, state, 2, quiet)
        .upload(file, "resume", "video/mp4");

    // Then it sent only what was missing, and S3 holds the whole file
    assertThat(resumed.partsAlreadyThere()).isBetween(1, 2);
    assertThat(resumed.partsSent() + resumed.partsAlreadyThere()).isEqualTo(3);
    var stored = runtime.s3().store().blobMetadata(LocalRuntime.SOURCE_BUCKET,
        "uploads/" + resumed.videoId() + "/source");
    assertThat(stored.contentLength()).isEqualTo(java.nio.file.Files.size(file));
  }

  @Test
  void commandLineUploadsListsAndShowsVideosAndExplainsMistakes() throws Exception {
    Path clip = SampleClip.generate(data.resolve("cli.mp4"), 320, 180, 2);
    String api = runtime.endpoints().api().toString();

    Run upload = run("upload", clip.toString(), "--api", api, "--title", "from the CLI");
    assertThat(upload.exit()).as(upload.err()).isZero();
    String videoId = upload.out().strip();

    Run list = run("list", "--api", api);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(videoId).contains("from the CLI");

    Run status = run("status", videoId, "--api", api, "--json");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"videoId\" : \"" + videoId + "\"");

    Run missingFile = run("upload", data.resolve("nope.mp4").toString(), "--api", api);
    assertThat(missingFile.exit()).isEqualTo(1);
    assertThat(missingFile.err()).contains("no such file");

    Run unknownVideo = run("status", "unknown-video", "--api", api);
    assertThat(unknownVideo.exit()).isEqualTo(1);
    assertThat(unknownVideo.err()).startsWith("vod status: ");

    Run noServer = run("list", "--api", "http://127.0.0.1:9/api");
    assertThat(noServer.exit()).isEqualTo(1);
    assertThat(noServer.err()).contains("Cannot reach the API");
  }

  /** One in-process run of the vod command line. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = dev.svod.local.cli.VodCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * One clip serves the whole story (each READY video costs a transcode): the retry of what an outage
   * left FAILED, a retry with nothing to do, and the deletion of the video with everything stored.
   */
  @Test
  void commandLineRetriesOnlyTheFailedRenditionOfAPartiallyReadyVideoAndDeletesIt() throws Exception {
    // Given a READY clip that an outage had left PARTIALLY_READY with its audio FAILED
    Path clip = SampleClip.generate(data.resolve("retry-clip.mp4"), 320, 180, 2);
    String videoId = ReadyVideos.uploadAndAwaitReady(runtime, HTTP, clip, "retry clip",
        data.resolve("retry-upload-state")).path("videoId").asText();
    String api = runtime.endpoints().api().toString();
    VodApiClient client = new VodApiClient(runtime.endpoints().api(), HTTP);
    Map<String, Integer> attemptsBefore = attempts(client.video(videoId));
    Outages.leavePartiallyReady(runtime, videoId, "audio");
    assertThat(client.video(videoId).path("status").asText()).isEqualTo("PARTIALLY_READY");

    // When its failed renditions are retried from the command line, waiting for the outcome
    Run retry = run("retry", videoId, "--wait", "--api", api);

    // Then it names the audio alone, ends READY with its playback URL, and only the audio was encoded again
    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).startsWith("retrying " + videoId + ": audio" + System.lineSeparator());
    JsonNode video = client.video(videoId);
    assertThat(video.path("status").asText()).isEqualTo("READY");
    assertThat(video.path("renditions")).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("DONE"));
    Map<String, Integer> attemptsAfter = attempts(video);
    attemptsBefore.forEach((name, before) -> assertThat(attemptsAfter.get(name)).as(name)
        .isEqualTo(name.equals("audio") ? before + 1 : before));
    String master = video.path("playback").path("hls").asText();
    assertThat(retry.out()).contains(master);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(master)).build(),
        HttpResponse.BodyHandlers.ofString()).body()).contains("TYPE=AUDIO");

    // When it is retried once more, with nothing FAILED left
    Run again = run("retry", videoId, "--api", api);

    // Then the API's reason is shown and the exit status says it did not happen
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).startsWith("vod retry: NOTHING_TO_RETRY: ").contains("is READY");

    // When it is deleted together with an id that names no video
    assertThat(stored(LocalRuntime.OUTPUT_BUCKET, "v/" + videoId + "/")).isNotEmpty();
    assertThat(stored(LocalRuntime.SOURCE_BUCKET, "uploads/" + videoId + "/")).isNotEmpty();
    Run delete = run("delete", "unknownVideo", videoId, "--api", api);

    // Then the unknown one is reported, the video is still deleted, and the exit status tells of the failure
    assertThat(delete.exit()).isEqualTo(1);
    assertThat(delete.err()).isEqualTo(
        "vod delete: NOT_FOUND: video 'unknownVideo' does not exist" + System.lineSeparator());
    assertThat(delete.out()).isEqualTo("deleted " + videoId + System.lineSeparator());
    assertThatThrownBy(() -> client.video(videoId)).isInstanceOfSatisfying(VodApiException.class,
        e -> assertThat(e.status()).isEqualTo(404));
    assertThat(stored(LocalRuntime.OUTPUT_BUCKET, "v/" + videoId + "/")).isEmpty();
    assertThat(stored(LocalRuntime.SOURCE_BUCKET, "uploads/" + videoId + "/")).isEmpty();

    // And deleting the video alone once more fails, while deleting nothing at all is a usage error
    assertThat(run("delete", videoId, "--api", api).exit()).isEqualTo(1);
    Run noId = run("delete", "--api", api);
    assertThat(noId.exit()).isEqualTo(2);
    assertThat(noId.err()).contains("Missing required parameter");
  }

  /** The keys under {@code prefix}, listed through the runtime's S3 endpoint as the SDK sees them. */
  private static java.util.List<String> stored(String bucket, String prefix) {
    try (S3Client s3 = runtime.credentials().client(S3Client.builder().forcePathStyle(true),
        runtime.endpoints().s3())) {
      return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
          .map(o -> o.key()).toList();
    }
  }

  private static Map<String, Integer> attempts(JsonNode video) {
    Map<String, Integer> attempts = new TreeMap<>();
    video.path("renditions").forEach(r -> attempts.put(r.path("name").asText(), r.path("attempts").asInt()));
    assertThat(attempts).containsKeys("audio", "180p");
    return attempts;
  }

  @Test
  void awsSdkReachesEveryPrintedEndpoint() {
    Endpoints endpoints = runtime.endpoints();
    var credentials = runtime.credentials();
    try (S3Client s3 = credentials.client(S3Client.builder().forcePathStyle(true), endpoints.s3());
        DynamoDbClient dynamo = credentials.client(DynamoDbClient.builder(), endpoints.dynamoDb());
        SfnClient sfn = credentials.client(SfnClient.builder(), endpoints.stepFunctions())) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name())
          .contains(LocalRuntime.SOURCE_BUCKET, LocalRuntime.OUTPUT_BUCKET);
      assertThat(dynamo.scan(b -> b.tableName(LocalRuntime.TABLE)).sdkHttpResponse()
          .isSuccessful()).isTrue();
      assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.name())
          .contains(LocalRuntime.STATE_MACHINE);
    }
  }
}
