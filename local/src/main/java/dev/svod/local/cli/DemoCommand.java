package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import dev.svod.local.runtime.LocalRuntime;
import dev.svod.local.runtime.PlaybackCheck;
import dev.svod.local.runtime.SampleClip;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vod demo}: the pipeline's main job, end to end, on this machine. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local runtime, generates a short sample clip with the bundled FFmpeg (or takes "
          + "--file), uploads it through the HTTP API, follows it to READY, checks its playlists "
          + "through the edge and prints the playback and console URLs.",
      "Keeps running afterwards (Ctrl-C stops) unless --exit; any failed step exits 1 with the "
          + "reason."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin LocalCommand.RuntimeOptions runtimeOptions;

  @Option(names = "--file", paramLabel = "FILE", description = "Upload this video instead of a generated clip.")
  Path file;

  @Option(names = "--exit", description = "Stop after printing the playback URL (exit 0 on success).")
  boolean exit;

  @Option(names = "--seconds", defaultValue = "6", description = "Length of the generated clip (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--timeout", defaultValue = "PT15M", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.start(runtimeOptions.options());
    } catch (RuntimeException e) {
      err.println("vod demo: cannot start the local runtime: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "vod-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int status;
    try {
      status = run(runtime, out, err);
    } catch (VodApiException e) {
      err.println("vod demo: the API answered " + e.code() + ": " + e.getMessage());
      status = 1;
    } catch (Exception e) {
      err.println("vod demo: " + e.getMessage());
      status = 1;
    }
    if (exit || status != 0) {
      Runtime.getRuntime().removeShutdownHook(hook);
      runtime.close();
      return status;
    }
    out.println("The runtime keeps running; press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  private int run(LocalRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
    LocalCommand.printBanner(out, runtime, runtimeOptions.options().dataDir());
    out.println();
    Path source = file;
    if (source == null) {
      Path dir = runtimeOptions.options().dataDir().resolve("demo");
      source = dir.resolve("sample.mp4");
      if (!Files.isRegularFile(source)) {
        out.printf("1/4 generating a %.0f s sample clip with the bundled FFmpeg...%n", seconds);
        out.flush();
        SampleClip.generate(source, 960, 540, seconds);
      }
    } else if (!Files.isRegularFile(source)) {
      err.println("vod demo: no such file: " + source);
      return 1;
    }
    HttpClient http = HttpClient.newHttpClient();
    VodApiClient api = new VodApiClient(runtime.endpoints().api(), http);
    out.println("2/4 uploading " + source.getFileName() + " through " + api.base());
    out.flush();
    boolean terminal = System.console() != null;
    Path upload = source;
    ResumableUploader.Result uploaded = new ResumableUploader(api, http,
        UploadStateStore.inUserCache(), 4,
        total -> new ProgressBar(System.err, upload.getFileName().toString(), total, terminal))
        .upload(upload, "Demo: " + upload.getFileName(), UploadCommand.contentType(upload));
    out.println("3/4 processing video " + uploaded.videoId());
    out.flush();
    JsonNode video = new VideoWatcher(api, out, Duration.ofMillis(500))
        .follow(uploaded.videoId(), timeout);
    if (!video.path("status").asText().equals("READY")) {
      err.println("vod demo: " + CliErrors.ended(uploaded.videoId(), video)
          + " (see vod status " + uploaded.videoId() + ")");
      return 1;
    }
    URI master = URI.create(video.path("playback").path("hls").asText());
    out.println("4/4 checking the playlists and segments through the edge");
    PlaybackCheck.Report report = PlaybackCheck.check(http, master,
        video.path("playback").path("signing").path("query").asText(null));
    if (!report.problems().isEmpty()) {
      report.problems().forEach(problem -> err.println("vod demo: " + problem));
      return 1;
    }
    out.println();
    out.printf("READY: %d variant(s), %d segment(s) checked.%n", report.variants(),
        report.segments());
    out.println("Play:     " + master);
    out.println("Console:  " + runtime.endpoints().http() + "/#/library");
    out.flush();
    return 0;
  }
}
