package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.VideoWatcher;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --wait} and {@code --timeout}, shared by the commands that start processing ({@code vod
 * upload}, {@code vod retry}), and the following they do.
 */
final class WaitOptions {

  @Option(names = "--wait",
      description = "Follow processing until the video is READY (exit 0) or ends otherwise (exit 1).")
  boolean enabled;

  @Option(names = "--timeout", defaultValue = "PT2H",
      description = "How long --wait waits (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /**
   * Follows the video with a {@link VideoWatcher} (progress on stderr) until it settles or the
   * timeout passes.
   *
   * @return 0 when it is READY (its playback URL printed on stdout); 1 otherwise, with the status
   *     and error it ended with (or the API's error) on stderr
   */
  int follow(CommandSpec spec, VodApiClient api, String videoId) throws InterruptedException {
    JsonNode video;
    try {
      video = new VideoWatcher(api, spec.commandLine().getErr(), Duration.ofSeconds(1))
          .follow(videoId, timeout);
    } catch (VodApiException e) {
      return CliErrors.report(spec, e);
    }
    if (video.path("status").asText().equals("READY")) {
      spec.commandLine().getOut().println(video.path("playback").path("hls").asText());
      return 0;
    }
    return CliErrors.report(spec, CliErrors.ended(videoId, video));
  }
}
