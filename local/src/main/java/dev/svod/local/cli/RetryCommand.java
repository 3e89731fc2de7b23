package dev.svod.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.VodApiClient;
import dev.svod.local.client.VodApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vod retry ID}: encodes the FAILED renditions of a PARTIALLY_READY video again. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Encodes the FAILED renditions of a PARTIALLY_READY video again (e.g. after a capacity "
          + "outage); the video stays playable meanwhile.",
      "Prints the renditions being retried; --wait follows processing to READY (exit 0) or until "
          + "renditions fail again (exit 1). A video that is not PARTIALLY_READY: the API's reason, exit 1."
    })
public final class RetryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions apiOptions;
  @Mixin WaitOptions waitOptions;

  @Parameters(paramLabel = "ID", description = "The video id.")
  String videoId;

  @Override
  public Integer call() throws InterruptedException {
    VodApiClient api = apiOptions.client(ApiOptions.httpClient());
    JsonNode answer;
    try {
      answer = api.retry(videoId);
    } catch (VodApiException e) {
      return CliErrors.report(spec, e);
    }
    List<String> retrying = new ArrayList<>();
    answer.path("retrying").forEach(name -> retrying.add(name.asText()));
    spec.commandLine().getOut().println("retrying " + videoId + ": " + String.join(", ", retrying));
    spec.commandLine().getOut().flush();
    return waitOptions.enabled ? waitOptions.follow(spec, api, videoId) : 0;
  }
}
