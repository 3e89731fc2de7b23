package dev.svod.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.media.MediaException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** How media commands report a {@link MediaException}: one line with the code, exit status 1. */
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
    spec.commandLine().getErr().println("vod " + spec.name() + ": " + e.code() + ": " + e.reason());
    return 1;
  }
}
