package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.TempDirectory;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.runtime.LocalRuntime;
import dev.svod.media.EncodeMode;
import dev.svod.media.EncodeOptions;
import dev.svod.media.HlsTranscoder;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MediaException;
import dev.svod.media.MediaProber;
import dev.svod.media.ProgressListener;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vod bench pipeline FILE}: what the orchestration costs. The time from a completed upload
 * to READY through the local runtime (S3 event, ingest, Step Functions, Lambda tasks, container
 * tasks, DynamoDB, publishing), against a plain single-decode transcode of the same file's ladder
 * in the same run; the ratio is the overhead (goal: at most 1.10 on a 60 s 1080p clip). By default
 * the runtime groups all renditions into one task, so it does exactly the transcode's encoding work
 * and the ratio is the orchestration alone; {@code --grouping first-and-rest} (the {@code vod local}
 * default) adds the second decode that buys an early first playable, and shows what that costs.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Upload-complete to READY through the local runtime vs. `vod transcode --mode "
        + "single-decode` of the same file; prints both wall times and their ratio.")
public final class BenchPipelineCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The source video.")
  Path file;

  @Option(names = "--workers", paramLabel = "N",
      description = "Transcode tasks at once in the runtime (default: number of cores).")
  Integer workers;

  @Option(names = "--grouping", paramLabel = "MODE", defaultValue = "single",
      description = "Renditions per transcode task in the runtime: single (one decode, the same "
          + "encoding work as the transcode: orchestration overhead alone), first-and-rest (the "
          + "`vod local` default: early first playable, the lowest rung decoded apart) or "
          + "per-rendition (default: ${DEFAULT-VALUE}).")
  String grouping;

  @Option(names = "--timeout", defaultValue = "PT1H",
      description = "Give up waiting for READY after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("vod bench pipeline: no such file: " + file);
      return 1;
    }
    TranscodeGrouping taskGrouping;
    try {
      taskGrouping = TranscodeGrouping.parse(grouping);
    } catch (IllegalArgumentException e) {
      err.println("vod bench pipeline: " + e.getMessage());
      return 2;
    }
    double transcodeSeconds;
    SourceInfo info;
    try {
      info = new MediaProber().probe(file);
      List<RenditionSpec> ladder = new LadderPlanner().plan(info);
      out.printf(Locale.ROOT, "source: %s, %.1f s, %s; ladder: %s; %d cores%n",
          file.getFileName(), info.durationSeconds(),
          info.hasVideo() ? info.video().displayWidth() + "x" + info.video().displayHeight() : "audio only",
          String.join(", ", ladder.stream().map(RenditionSpec::name).toList()),
          Runtime.getRuntime().availableProcessors());
      out.flush();
      transcodeSeconds = transcode(info, ladder);
    } catch (MediaException e) {
      return CliErrors.report(spec, e, false);
    }
    out.printf(Locale.ROOT, "%-38s %8.2f s%n", "transcode --mode single-decode", transcodeSeconds);
    out.printf(Locale.ROOT, "pipeline grouping: %s%n", taskGrouping.wireName());
    out.flush();

    try (TempDirectory scratch = new TempDirectory("vod-bench-pipeline-")) {
      Path data = scratch.path();
      LocalRuntime.Options options = LocalRuntime.Options.of(data.resolve("data"), 0)
          .withGrouping(taskGrouping);
      if (workers != null) {
        options = options.withTranscodeWorkers(workers);
      }
      try (LocalRuntime runtime = LocalRuntime.start(options)) {
        HttpClient http = HttpClient.newHttpClient();
        VodApiClient api = new VodApiClient(runtime.endpoints().api(), http);
        String videoId = new ResumableUploader(api, http, new UploadStateStore(data.resolve("u")),
            4, ProgressBar::silent)
            .upload(file, "bench", UploadCommand.contentType(file)).videoId();
        long start = System.nanoTime(); // the upload is complete: S3 emits its event now
        // polling the API costs CPU the transcoder needs: every 250 ms, nothing printed
        JsonNode video = new VideoWatcher(api, new PrintWriter(Writer.nullWriter()),
            Duration.ofMillis(250)).follow(videoId, timeout);
        double pipelineSeconds = (System.nanoTime() - start) / 1e9;
        if (!video.path("status").asText().equals("READY")) {
          err.println("vod bench pipeline: the video ended " + video.path("status").asText()
              + ": " + video.path("error").asText(""));
          return 1;
        }
        out.printf(Locale.ROOT, "%-38s %8.2f s%n", "pipeline (upload complete -> READY)",
            pipelineSeconds);
        out.printf(Locale.ROOT, "%-38s %8.2f   (goal <= 1.10)%n", "ratio pipeline/transcode",
            pipelineSeconds / transcodeSeconds);
        return 0;
      }
    }
  }

  private double transcode(SourceInfo info, List<RenditionSpec> ladder) throws IOException {
    try (TempDirectory scratch = new TempDirectory("vod-bench-transcode-")) {
      Path dir = scratch.path();
      long start = System.nanoTime();
      new HlsTranscoder().transcode(file, info, ladder, dir, EncodeMode.SINGLE_DECODE,
          EncodeOptions.defaults(), ProgressListener.NONE);
      return (System.nanoTime() - start) / 1e9;
    }
  }

}
