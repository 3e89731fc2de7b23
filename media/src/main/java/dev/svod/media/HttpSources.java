package dev.svod.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * How {@link MediaProber} reads a source over HTTP(S): the first bytes (for the content checks made
 * before FFmpeg sees anything) with one range request from Java, and the FFmpeg input options that
 * confine ffprobe to that one URL's protocol, with TLS verified against the same {@link TlsTrust}.
 */
final class HttpSources {
  /** FFmpeg's read/write timeout (microseconds): a stalled server fails the probe instead of hanging it. */
  private static final String RW_TIMEOUT_MICROS = Long.toString(Duration.ofSeconds(30).toNanos() / 1000);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern TOTAL_SIZE = Pattern.compile("/(\\d+)\\s*$");

  private final Supplier<TlsTrust> trust;

  /** The first bytes of a remote source and its size in bytes (-1 when the server did not say). */
  record Head(byte[] bytes, long size) {}

  HttpSources(Supplier<TlsTrust> trust) {
    this.trust = trust;
  }

  /** The first bytes and the source's size (from the range answer), read with one request. */
  Head readHead(URI url, int headBytes) {
    boolean https = isHttps(url);
    HttpClient.Builder client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(REQUEST_TIMEOUT);
    if (https) {
      client.sslContext(trust.get().sslContext());
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
        .header("Range", "bytes=0-" + (headBytes - 1)).GET().build();
    try (HttpClient http = client.build()) {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        return switch (response.statusCode()) {
          case 206 -> new Head(body.readNBytes(headBytes), totalSize(response));
          case 200 -> new Head(body.readNBytes(headBytes),
              response.headers().firstValueAsLong("Content-Length").orElse(-1));
          case 416 -> new Head(new byte[0], 0); // no byte 0: the object is empty
          default -> throw new MediaException(
              response.statusCode() >= 500 ? MediaErrorCode.SOURCE_UNREACHABLE : MediaErrorCode.UNREADABLE_SOURCE,
              "the source cannot be read (HTTP " + response.statusCode() + ")");
        };
      }
    } catch (SSLHandshakeException e) {
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE,
          "the source's server is not trusted (TLS handshake failed: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.SOURCE_UNREACHABLE,
          "the source cannot be fetched (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException(MediaErrorCode.SOURCE_UNREACHABLE, "interrupted while reading the source", e);
    }
  }

  /**
   * {@code -protocol_whitelist} of exactly the URL's scheme and what it rides on (no {@code file}, so
   * nothing on this machine is reachable), the demuxer allowlist, a read timeout, and for HTTPS peer
   * verification with {@link TlsTrust#pemBundle()}.
   */
  List<String> inputOptions(URI url) {
    List<String> options = new ArrayList<>();
    if (isHttps(url)) {
      options.addAll(List.of("-protocol_whitelist", "https,tls,tcp",
          "-tls_verify", "1", "-ca_file", trust.get().pemBundle().toString()));
    } else {
      options.addAll(List.of("-protocol_whitelist", "http,tcp"));
    }
    options.addAll(List.of("-format_whitelist", String.join(",", MediaProber.DEMUXER_ALLOWLIST),
        "-rw_timeout", RW_TIMEOUT_MICROS));
    return options;
  }

  private static boolean isHttps(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("sources are read over http(s) only, not " + scheme);
    }
    if (url.getHost() == null) {
      // checked here: the HTTP client's own message would repeat the URL, query (signature) included
      throw new IllegalArgumentException("the source URL has no host");
    }
    return scheme.equals("https");
  }

  private static long totalSize(HttpResponse<?> response) {
    Matcher total = TOTAL_SIZE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    return total.find() ? Long.parseLong(total.group(1)) : -1;
  }
}
