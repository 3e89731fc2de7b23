package dev.svod.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.local.LocalCredentials;
import dev.svod.local.s3.EmbeddedS3;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class EdgeTest {

  private static final String PLAYLIST = "#EXTM3U\n#EXT-X-VERSION:7\n" + "#EXTINF:6.0,\nseg.m4s\n".repeat(50);

  @TempDir Path data;
  private EmbeddedS3 s3;
  private LocalHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private URI base;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(data, "127.0.0.1", 0, LocalCredentials.DEFAULT, List.of("output"),
        List.of());
    put("v/abc/master.m3u8", "application/vnd.apple.mpegurl", PLAYLIST.getBytes());
    byte[] segment = new byte[1000];
    for (int i = 0; i < segment.length; i++) {
      segment[i] = (byte) i;
    }
    put("v/abc/720p/seg_00001.m4s", "video/iso.segment", segment);
  }

  private void startEdge(CloudFrontSigner signer) {
    server = LocalHttpServer.start("127.0.0.1", 0, exchange -> exchange.close(),
        new Edge(s3.store(), "output", signer), exchange -> exchange.close());
    base = server.baseUri();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    s3.close();
  }

  private void put(String key, String type, byte[] body) {
    s3.store().putBlob(PutObjectRequest.builder().bucket("output").key(key).contentType(type)
        .contentLength((long) body.length).build(), new ByteArrayInputStream(body));
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesPlaylistsShortLivedAndGzippedWhenAccepted() throws Exception {
    startEdge(null);
    HttpResponse<byte[]> response = get("/v/abc/master.m3u8", "Accept-Encoding", "gzip, br");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/vnd.apple.mpegurl");
    assertThat(response.headers().firstValue("cache-control")).hasValue(Edge.PLAYLIST_CACHE_CONTROL);
    assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(response.headers().firstValue("vary")).hasValue("Accept-Encoding");
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(response.body().length).isLessThan(PLAYLIST.length());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(PLAYLIST);
    }
    assertThat(get("/v/abc/master.m3u8").headers().firstValue("content-encoding")).isEmpty();
  }

  @Test
  void servesSegmentsImmutableWithByteRangesAndConditionalRequests() throws Exception {
    startEdge(null);
    HttpResponse<byte[]> whole = get("/v/abc/720p/seg_00001.m4s");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("cache-control")).hasValue(Edge.IMMUTABLE_CACHE_CONTROL);
    assertThat(whole.headers().firstValue("accept-ranges")).hasValue("bytes");
    assertThat(whole.body()).hasSize(1000);

    HttpResponse<byte[]> range = get("/v/abc/720p/seg_00001.m4s", "Range", "bytes=10-19");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.headers().firstValue("content-range")).hasValue("bytes 10-19/1000");
    assertThat(range.body()).hasSize(10).startsWith((byte) 10);

    HttpResponse<byte[]> suffix = get("/v/abc/720p/seg_00001.m4s", "Range", "bytes=-5");
    assertThat(suffix.headers().firstValue("content-range")).hasValue("bytes 995-999/1000");

    assertThat(get("/v/abc/720p/seg_00001.m4s", "Range", "bytes=5000-").statusCode())
        .isEqualTo(416);

    String eTag = whole.headers().firstValue("etag").orElseThrow();
    assertThat(get("/v/abc/720p/seg_00001.m4s", "If-None-Match", eTag).statusCode())
        .isEqualTo(304);
  }

  @Test
  void answers404ForMissingObjects() throws Exception {
    startEdge(null);
    assertThat(get("/v/abc/none.m3u8").statusCode()).isEqualTo(404);
    assertThat(get("/v/").statusCode()).isEqualTo(404);
  }

  @Test
  void requiresAValidCloudFrontSignatureWhenSigningIsEnabled() throws Exception {
    // Given a distribution trusting one RSA key
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    startEdge(new CloudFrontSigner("K1", keys.getPublic(), Clock.fixed(now, java.time.ZoneOffset.UTC)));
    String url = base + "/v/abc/master.m3u8";
    long expires = now.getEpochSecond() + 60;

    // Canned policy in the query string
    String canned = "{\"Statement\":[{\"Resource\":\"" + url
        + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
    String signed = "/v/abc/master.m3u8?Expires=" + expires + "&Signature="
        + sign(keys, canned) + "&Key-Pair-Id=K1";
    assertThat(get(signed).statusCode()).isEqualTo(200);
    assertThat(get("/v/abc/master.m3u8").statusCode()).isEqualTo(403);
    assertThat(get(signed.replace("Expires=" + expires, "Expires=" + (expires + 1))).statusCode())
        .isEqualTo(403);

    // Custom policy with a wildcard, as signed cookies (what HLS players use for segments)
    String custom = "{\"Statement\":[{\"Resource\":\"" + base + "/v/abc/*\",\"Condition\":"
        + "{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
    String cookies = "CloudFront-Policy="
        + CloudFrontSigner.encode(custom.getBytes(StandardCharsets.UTF_8))
        + "; CloudFront-Signature=" + sign(keys, custom) + "; CloudFront-Key-Pair-Id=K1";
    assertThat(get("/v/abc/720p/seg_00001.m4s", "Cookie", cookies).statusCode()).isEqualTo(200);

    String expired = custom.replace(Long.toString(expires), Long.toString(now.getEpochSecond()));
    String expiredCookies = "CloudFront-Policy="
        + CloudFrontSigner.encode(expired.getBytes(StandardCharsets.UTF_8))
        + "; CloudFront-Signature=" + sign(keys, expired) + "; CloudFront-Key-Pair-Id=K1";
    assertThat(get("/v/abc/720p/seg_00001.m4s", "Cookie", expiredCookies).statusCode())
        .isEqualTo(403);
  }

  private static String sign(KeyPair keys, String policy) throws Exception {
    Signature signer = Signature.getInstance("SHA1withRSA");
    signer.initSign(keys.getPrivate());
    signer.update(policy.getBytes(StandardCharsets.UTF_8));
    return CloudFrontSigner.encode(signer.sign());
  }

  @Test
  void consoleServesTheWebFolderWithoutEscapingIt() throws Exception {
    Path web = Files.createDirectories(data.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<h1>console</h1>");
    Files.writeString(data.resolve("secret.txt"), "no");
    server = LocalHttpServer.start("127.0.0.1", 0, exchange -> exchange.close(),
        exchange -> exchange.close(), new Console(web, "fallback"));
    base = server.baseUri();

    HttpResponse<byte[]> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(new String(index.body())).isEqualTo("<h1>console</h1>");
    assertThat(get("/../secret.txt").statusCode()).isEqualTo(404);
    assertThat(get("/%2e%2e/secret.txt").statusCode()).isEqualTo(404);
  }
}
