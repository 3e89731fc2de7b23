package dev.svod.local.cli;

import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vod delete ID...}: removes videos, their records, source and outputs. It asks nothing
 * (scripts run it); one failure does not stop the others.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes videos through the HTTP API: their records, source and every output. No question asked.",
      "Prints 'deleted ID' per video; exits 1 if any could not be deleted (the others still are)."
    })
public final class DeleteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions apiOptions;

  @Parameters(paramLabel = "ID", arity = "1..*", description = "The ids of the videos to delete.")
  List<String> videoIds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    VodApiClient api = apiOptions.client(ApiOptions.httpClient());
    int exit = 0;
    for (String videoId : videoIds) {
      try {
        api.deleteVideo(videoId);
        out.println("deleted " + videoId);
      } catch (VodApiException e) {
        exit = CliErrors.report(spec, e);
      }
    }
    return exit;
  }
}
