package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vod status ID}: one video, its renditions and playback URLs. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows a video: status, source, renditions with progress, playback URLs.")
public final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions apiOptions;

  @Parameters(paramLabel = "ID", description = "The video id (printed by vod upload).")
  String videoId;

  @Option(names = "--watch", description = "Keep following until READY or FAILED.")
  boolean watch;

  @Option(names = "--json", description = "Print the API's JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    VodApiClient api = apiOptions.client(ApiOptions.httpClient());
    JsonNode video;
    try {
      video = watch
          ? new VideoWatcher(api, spec.commandLine().getErr(), Duration.ofSeconds(1))
              .follow(videoId, Duration.ofHours(2))
          : api.video(videoId);
    } catch (VodApiException e) {
      return CliErrors.report(spec, e);
    }
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(video));
    } else {
      print(out, video);
    }
    return video.path("status").asText().equals("FAILED") ? 1 : 0;
  }

  static void print(PrintWriter out, JsonNode video) {
    out.printf(Locale.ROOT, "video      %s  %s%n", video.path("videoId").asText(),
        video.path("title").asText(""));
    out.printf(Locale.ROOT, "status     %s%s%n", video.path("status").asText(),
        video.hasNonNull("error") ? "  (" + video.path("error").asText() + ")" : "");
    JsonNode source = video.path("source");
    if (source.isObject() && source.size() > 0) {
      out.printf(Locale.ROOT, "source     %sx%s, %.1f s%n", source.path("width").asText("?"),
          source.path("height").asText("?"), source.path("durationSeconds").asDouble());
    }
    for (JsonNode r : video.path("renditions")) {
      out.printf(Locale.ROOT, "  %-10s %-11s %3d%%  %s%n", r.path("name").asText(),
          r.path("status").asText(), r.path("progress").asInt(),
          r.hasNonNull("bandwidth") ? r.path("bandwidth").asLong() / 1000 + " kb/s" : "");
    }
    JsonNode playback = video.path("playback");
    if (playback.hasNonNull("hls")) {
      out.println("play       " + playback.path("hls").asText());
    }
  }
}
