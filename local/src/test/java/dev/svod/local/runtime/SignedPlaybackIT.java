package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vod local --signed-urls}: the API signs playback, the edge lets only signed requests in. */
class SignedPlaybackIT {

  @TempDir Path data;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void playbackUrlsAreSignedAndTheEdgeRefusesUnsignedRequests() throws Exception {
    // Given a clip processed to READY by a runtime with signed playback
    try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.of(data.resolve("vod"), 0)
        .withTranscodeWorkers(2).withSignedPlayback(PlaybackKeys.generate("LOCALTEST")))) {
      playsOnlySigned(ReadyVideos.uploadAndAwaitReady(runtime, HTTP,
          SampleClip.generate(data.resolve("clip.mp4"), 320, 180, 2), "signed",
          data.resolve("upload-state")));
    }
  }

  /** What a player of that video gets through the edge, with and without the signature. */
  private static void playsOnlySigned(JsonNode video) throws Exception {
    // When the player takes the playback URLs and the signing query the API returned
    JsonNode playback = video.path("playback");
    String query = playback.path("signing").path("query").asText();
    URI master = URI.create(playback.path("hls").asText());
    URI unsignedMaster = URI.create(master.toString().substring(0, master.toString().indexOf('?')));

    // Then the signed master playlist is served, and every file under the video with the query
    assertThat(query).contains("Policy=").contains("Signature=").contains("Key-Pair-Id=LOCALTEST");
    assertThat(master.getRawQuery()).isEqualTo(query);
    assertThat(get(master).statusCode()).isEqualTo(200);
    PlaybackCheck.Report report = PlaybackCheck.check(HTTP, master, query);
    assertThat(report.problems()).isEmpty();
    assertThat(report.segments()).isPositive();
    assertThat(get(URI.create(playback.path("poster").asText())).statusCode()).isEqualTo(200);

    // And without the signature (or with a tampered one) the edge answers 403
    assertThat(get(unsignedMaster).statusCode()).isEqualTo(403);
    assertThat(PlaybackCheck.check(HTTP, master).problems()).as("variants fetched unsigned")
        .anySatisfy(problem -> assertThat(problem).contains("HTTP 403"));
    assertThat(get(URI.create(unsignedMaster + "?" + query.replace("Signature=", "Signature=x")))
        .statusCode()).isEqualTo(403);
  }

  private static HttpResponse<byte[]> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
