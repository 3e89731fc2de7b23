package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.local.client.VodApiException;
import dev.svod.media.MediaException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How commands report a failure: one line {@code vod COMMAND: CODE: message} on stderr, exit
 * status 1.
 */
final class CliErrors {
  private CliErrors() {}

  static int report(CommandSpec spec, MediaException e, boolean json) {
    if (json) {
      try {
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(
            Map.of("error", Map.of("code", e.code().name(), "message", e.reason()))));
      } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return report(spec, e.code() + ": " + e.reason());
  }

  /** An error the HTTP API answered (or {@code UNREACHABLE} when it did not answer). */
  static int report(CommandSpec spec, VodApiException e) {
    return report(spec, e.code() + ": " + e.getMessage());
  }

  /** What a followed video ended as when it is not READY: its status and, if any, its error. */
  static String ended(String videoId, JsonNode video) {
    return "video " + videoId + " ended " + video.path("status").asText()
        + (video.hasNonNull("error") ? ": " + video.path("error").asText() : "");
  }

  /** Prints {@code vod COMMAND: line} on stderr; returns the exit status 1. */
  static int report(CommandSpec spec, String line) {
    spec.commandLine().getErr().println("vod " + spec.name() + ": " + line);
    return 1;
  }
}
