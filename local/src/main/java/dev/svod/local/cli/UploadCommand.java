package dev.svod.local.cli;

import dev.svod.local.client.ProgressBar;
import dev.svod.local.client.ResumableUploader;
import dev.svod.local.client.UploadStateStore;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vod upload FILE}: a resumable, parallel presigned multipart upload through the API. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads a video through the HTTP API: parts go straight to S3 through presigned URLs, "
          + "several at a time, with a progress bar.",
      "Interrupted? Run the same command again: it asks which parts arrived and sends the rest.",
      "Prints the video id; --wait follows processing to READY (exit 0) or FAILED (exit 1)."
    })
public final class UploadCommand implements Callable<Integer> {

  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "mp4", "video/mp4", "m4v", "video/mp4", "mov", "video/quicktime", "mkv", "video/x-matroska",
      "webm", "video/webm", "avi", "video/x-msvideo", "ts", "video/mp2t", "mxf", "application/mxf");

  @Spec CommandSpec spec;
  @Mixin ApiOptions apiOptions;
  @Mixin WaitOptions waitOptions;

  @Parameters(paramLabel = "FILE", description = "The video file to upload.")
  Path file;

  @Option(names = "--title", description = "Title of the video (default: the file name).")
  String title;

  @Option(names = "--parallel", defaultValue = "4",
      description = "Parts sent at the same time (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("vod upload: no such file: " + file);
      return 1;
    }
    HttpClient http = ApiOptions.httpClient();
    VodApiClient api = apiOptions.client(http);
    boolean terminal = System.console() != null;
    ResumableUploader uploader = new ResumableUploader(api, http, UploadStateStore.inUserCache(),
        parallel, total -> new ProgressBar(System.err, file.getFileName().toString(), total,
            terminal));
    ResumableUploader.Result result;
    try {
      result = uploader.upload(file, title, contentType(file));
    } catch (VodApiException e) {
      return CliErrors.report(spec, e);
    }
    if (result.partsAlreadyThere() > 0) {
      err.printf(Locale.ROOT, "resumed upload %s: %d part(s) were already there, %d sent%n",
          result.uploadId(), result.partsAlreadyThere(), result.partsSent());
    }
    out.println(result.videoId());
    out.flush();
    return waitOptions.enabled ? waitOptions.follow(spec, api, result.videoId()) : 0;
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
