package dev.svod.local.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class ClientPiecesTest {

  @TempDir Path dir;

  @Test
  void remembersAnUploadPerFileVersionAndForgetsIt() {
    UploadStateStore store = new UploadStateStore(dir);
    Path file = Path.of("/videos/a.mp4");
    store.save(new UploadStateStore.Saved("http://api", file.toString(), 10, 1000, "u1", "v1"));

    assertThat(store.find("http://api", file, 10, 1000)).hasValueSatisfying(
        saved -> assertThat(saved.uploadId()).isEqualTo("u1"));
    assertThat(store.find("http://api", file, 10, 2000)).as("modified since").isEmpty();
    assertThat(store.find("http://other", file, 10, 1000)).as("another API").isEmpty();

    store.forget("http://api", file, 10, 1000);
    assertThat(store.find("http://api", file, 10, 1000)).isEmpty();
  }

  @Test
  void progressLineShowsBytesRateAndEta() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(buffer), "clip.mp4", 4L * 1024 * 1024,
        false);
    String line = bar.line(2L * 1024 * 1024, 0);
    assertThat(line).startsWith("clip.mp4 [##############              ]  50% 2.0 MB/4.0 MB ")
        .contains("/s ETA ");
    bar.update(1, 0);
    bar.update(2, 0);
    assertThat(buffer.toString().lines()).as("one line per 10 % off a terminal").hasSize(1);
    assertThat(ProgressBar.bytes(1536)).isEqualTo("1.5 KB");
    assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
  }

  @Test
  void describesAVideoOnOneLine() throws Exception {
    var video = new ObjectMapper().readTree("""
        {"status":"PROCESSING","renditions":[
          {"name":"360p","status":"DONE","progress":100},
          {"name":"720p","status":"PROCESSING","progress":42}]}""");
    assertThat(VideoWatcher.describe(video)).isEqualTo("PROCESSING | 360p DONE 720p PROCESSING 42%");
  }

  @Test
  void aPartiallyReadyVideoIsSettledOnlyOnceItsRunHasEnded() throws Exception {
    // Given videos as GET /videos/{id} shows them: a FAILED rendition whose task the workflow may
    // still retry, with and without the run's end marker
    ObjectMapper json = new ObjectMapper();
    String partial = """
        {"status":"PARTIALLY_READY",%s"renditions":[
          {"name":"360p","status":"DONE"},{"name":"audio","status":"%s"}]}""";
    String ended = "\"settledAt\":\"2026-11-21T12:00:00Z\",";

    // Then only the one whose run has ended is settled, whatever its renditions say
    assertThat(VideoWatcher.settled(json.readTree(partial.formatted(ended, "FAILED")))).isTrue();
    assertThat(VideoWatcher.settled(json.readTree(partial.formatted("", "FAILED")))).as("task retry pending").isFalse();
    assertThat(VideoWatcher.settled(json.readTree(partial.formatted("\"settledAt\":null,", "FAILED")))).isFalse();
    assertThat(VideoWatcher.settled(json.readTree(partial.formatted("", "PROCESSING")))).isFalse();
    assertThat(VideoWatcher.settled(json.readTree(partial.formatted("", "DONE")))).as("not finalized yet").isFalse();
    assertThat(VideoWatcher.settled(json.readTree("{\"status\":\"PROCESSING\",\"renditions\":[]}"))).isFalse();
    assertThat(VideoWatcher.settled(json.readTree("{\"status\":\"READY\"}"))).isTrue();
    assertThat(VideoWatcher.settled(json.readTree("{\"status\":\"FAILED\"}"))).isTrue();
  }

  @Test
  void signsRequestsToAnApiGatewayUrlOnly() {
    assertThat(ApiRequestSigner.forApi(URI.create("http://127.0.0.1:8642/api"))).isEmpty();
    assertThat(ApiRequestSigner.forApi(
        URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com"))).isPresent();

    ApiRequestSigner signer = new ApiRequestSigner(StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1");
    URI uri = URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/videos");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    signer.sign(request, "GET", uri, null);
    String authorization = request.build().headers().firstValue("Authorization").orElseThrow();
    assertThat(authorization).startsWith(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/execute-api/aws4_request");
  }

  @Test
  void sendsTheBearerTokenToAJwtAuthorizedApi() throws Exception {
    // Given an API that records the Authorization header it gets
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "{\"videos\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");

      // When the client lists videos with a token, and without one
      new VodApiClient(api, HttpClient.newHttpClient(), "eyJ.token").videos(null, null, null);
      new VodApiClient(api, HttpClient.newHttpClient(), " ").videos(null, null, null);

      // Then only the first request carries it, as a bearer token
      assertThat(authorizations).containsExactly("Bearer eyJ.token", "null");
    } finally {
      server.stop(0);
    }
  }
}
