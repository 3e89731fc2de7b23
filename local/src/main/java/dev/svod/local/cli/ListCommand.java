package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vod list}: the catalog, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists videos newest first (id, status, duration, title).")
public final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions apiOptions;

  @Option(names = "--status", description = "Only videos of this status (e.g. READY, FAILED).")
  String status;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    VodApiClient api = apiOptions.client(ApiOptions.httpClient());
    try {
      JsonNode page = api.videos(status, limit, null);
      if (page.path("videos").isEmpty()) {
        out.println("No videos yet. Upload one with: vod upload FILE");
        return 0;
      }
      out.printf(Locale.ROOT, "%-24s %-16s %9s  %s%n", "VIDEO", "STATUS", "DURATION", "TITLE");
      for (JsonNode video : page.path("videos")) {
        out.printf(Locale.ROOT, "%-24s %-16s %9s  %s%n", video.path("videoId").asText(),
            video.path("status").asText(),
            video.hasNonNull("durationSeconds")
                ? String.format(Locale.ROOT, "%.1f s", video.path("durationSeconds").asDouble())
                : "-",
            video.path("title").asText(""));
      }
      return 0;
    } catch (VodApiException e) {
      return CliErrors.report(spec, e);
    }
  }
}
