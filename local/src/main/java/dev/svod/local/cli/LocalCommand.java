package dev.svod.local.cli;

import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.local.runtime.Endpoints;
import dev.svod.local.runtime.LocalRuntime;
import dev.svod.local.runtime.PlaybackKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vod local}: the whole pipeline on this machine until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in this process: S3, DynamoDB, Step Functions, the Lambda "
          + "functions, FFmpeg transcoding, the HTTP API, the playback edge and the web console.",
      "State lives under --data, so stopping (Ctrl-C, or even kill -9) and starting again loses "
          + "nothing: unfinished videos continue."
    })
public final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RuntimeOptions runtime;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LocalRuntime started;
    try {
      started = LocalRuntime.start(runtime.options());
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("vod local: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.close();
      stopped.countDown();
    }, "vod-local-shutdown"));
    printBanner(out, started, runtime.options().dataDir());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** Prints every endpoint and the AWS CLI environment. */
  static void printBanner(PrintWriter out, LocalRuntime runtime, Path dataDir) {
    Endpoints endpoints = runtime.endpoints();
    out.println("Serverless VOD is running locally (data: " + dataDir.toAbsolutePath() + ")");
    out.println();
    out.printf("  Console          %s/%n", endpoints.http());
    out.printf("  API              %s%n", endpoints.api());
    out.printf("  Playback (edge)  %s/v/{videoId}/master.m3u8%n", endpoints.edge());
    out.printf("  S3               %s  (buckets %s, %s; path-style)%n", endpoints.s3(),
        LocalRuntime.SOURCE_BUCKET, LocalRuntime.OUTPUT_BUCKET);
    out.printf("  DynamoDB         %s  (table %s)%n", endpoints.dynamoDb(), LocalRuntime.TABLE);
    out.printf("  Step Functions   %s  (%s)%n", endpoints.stepFunctions(),
        runtime.stateMachineArn());
    out.println();
    out.println("AWS CLI / SDK against it:");
    for (Map.Entry<String, String> variable
        : endpoints.awsEnvironment(runtime.credentials()).entrySet()) {
      out.printf("  export %s=%s%n", variable.getKey(), variable.getValue());
    }
    out.printf("  aws s3 ls s3://%s/ --recursive%n", LocalRuntime.OUTPUT_BUCKET);
    out.printf("  aws dynamodb scan --table-name %s%n", LocalRuntime.TABLE);
    out.printf("  aws stepfunctions list-executions --state-machine-arn %s%n",
        runtime.stateMachineArn());
    out.println();
    int running = runtime.states().listExecutions(runtime.stateMachineArn(), "RUNNING").size();
    if (running > 0) {
      out.printf("Resumed %d unfinished execution(s).%n", running);
    }
    out.printf("Upload a video:  ./vod upload FILE --wait   (--api %s)%n", endpoints.api());
  }

  /** Options shared by the commands that start the runtime ({@code local}, {@code demo}). */
  static final class RuntimeOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".vod",
        description = "Where all state lives (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8642",
        description = "HTTP port of the console, API and edge; S3, DynamoDB and Step Functions "
            + "use the next three (default: ${DEFAULT-VALUE}; 0: any free ports).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Interface to listen on (default: ${DEFAULT-VALUE}; nothing is "
            + "authenticated, so think twice before 0.0.0.0).")
    String host;

    @Option(names = "--web", paramLabel = "DIR",
        description = "The console's folder (default: web/ of the project).")
    Path web;

    @Option(names = "--workers", paramLabel = "N",
        description = "Transcode tasks at once (default: the number of cores).")
    Integer workers;

    @Option(names = "--grouping", paramLabel = "MODE", defaultValue = "first-and-rest",
        description = "Renditions per transcode task: per-rendition, first-and-rest or single "
            + "(default: ${DEFAULT-VALUE}, fewer decodes on few cores).")
    String grouping;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "container",
        description = "Where transcode tasks run: container (ecs:runTask.sync in this process) "
            + "or lambda (the Transcode function); default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--signed-urls",
        description = "Signed playback, as the stack's signedUrls: the API signs playback URLs "
            + "(playback.signing) with a key pair made for this run, the edge refuses (403) "
            + "unsigned requests.")
    boolean signedUrls;

    @Option(names = "--signed-urls-key", paramLabel = "PEM",
        description = "Signed playback with this RSA private key (PKCS#8 PEM, e.g. the stack's "
            + "signing.pem) instead of a fresh one; the edge checks its public half.")
    Path signingKey;

    @Option(names = "--signed-urls-key-id", paramLabel = "ID", defaultValue = "LOCAL",
        description = "The Key-Pair-Id signed URLs carry (default: ${DEFAULT-VALUE}).")
    String signingKeyId;

    private PlaybackKeys playbackKeys;

    LocalRuntime.Options options() {
      LocalRuntime.Options defaults = LocalRuntime.Options.of(data, port);
      return new LocalRuntime.Options(data, host, port, webDirectory(),
          workers == null ? defaults.transcodeWorkers() : workers,
          TranscodeGrouping.parse(grouping), TranscodeBackend.parse(backend),
          signedPlayback());
    }

    /** The signing keys, read or made once (options() is asked more than once). */
    private PlaybackKeys signedPlayback() {
      if (playbackKeys == null && signingKey != null) {
        playbackKeys = PlaybackKeys.fromPrivateKeyPem(signingKeyId, signingKey);
      } else if (playbackKeys == null && signedUrls) {
        playbackKeys = PlaybackKeys.generate(signingKeyId);
      }
      return playbackKeys;
    }

    private Path webDirectory() {
      if (web != null) {
        return web;
      }
      if (Files.isRegularFile(Path.of("web", "index.html"))) {
        return Path.of("web");
      }
      // Started from elsewhere: the project's web/ next to local/target/vod.jar.
      try {
        Path jar = Path.of(LocalCommand.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI());
        Path project = jar.getParent() == null ? null : jar.getParent().getParent();
        Path candidate = project == null || project.getParent() == null
            ? null : project.getParent().resolve("web");
        return candidate != null && Files.isRegularFile(candidate.resolve("index.html"))
            ? candidate : null;
      } catch (java.net.URISyntaxException | RuntimeException e) {
        return null;
      }
    }
  }
}
