package dev.svod.local.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The CloudFront distribution of the output bucket, locally: {@code GET/HEAD /v/...} serves the
 * object of the same key, with
 *
 * <ul>
 *   <li>Cache-Control as the distribution sets it: playlists and WebVTT short-lived (they are
 *       rewritten while renditions finish), segments, init segments and images immutable;
 *   <li>gzip for text (playlists, WebVTT) when the viewer accepts it, {@code Vary:
 *       Accept-Encoding};
 *   <li>single byte ranges ({@code 206}, {@code 416}), {@code ETag}/{@code If-None-Match} →
 *       {@code 304}, {@code Last-Modified};
 *   <li>CORS for players on other origins (hls.js fetches with XHR);
 *   <li>signed URLs/cookies when a {@link CloudFrontSigner} is configured ({@code 403} otherwise);
 *   <li>{@code 404} for a missing object (the distribution's custom error response).
 * </ul>
 */
public final class Edge implements HttpHandler {

  /** Short lifetime of playlists: they change while a video goes PARTIALLY_READY → READY. */
  public static final String PLAYLIST_CACHE_CONTROL = "public, max-age=2";
  /** Segments and images never change under the same name. */
  public static final String IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

  private static final Logger LOG = LoggerFactory.getLogger(Edge.class);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "m3u8", "application/vnd.apple.mpegurl",
          "m4s", "video/iso.segment",
          "mp4", "video/mp4",
          "m4a", "audio/mp4",
          "ts", "video/mp2t",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "png", "image/png",
          "webp", "image/webp",
          "vtt", "text/vtt");

  private final BlobStore store;
  private final String bucket;
  private final CloudFrontSigner signer;

  /**
   * @param store the blob store holding the output bucket
   * @param bucket the output bucket
   * @param signer checks signed URLs/cookies; null when the distribution does not require them
   */
  public Edge(BlobStore store, String bucket, CloudFrontSigner signer) {
    this.store = store;
    this.bucket = bucket;
    this.signer = signer;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Headers response = exchange.getResponseHeaders();
      response.set("Access-Control-Allow-Origin", "*");
      response.set("Access-Control-Expose-Headers", "Content-Length, Content-Range, ETag");
      String method = exchange.getRequestMethod();
      if (method.equals("OPTIONS")) {
        response.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        response.set("Access-Control-Allow-Headers", "Range, If-None-Match");
        response.set("Access-Control-Max-Age", "86400");
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        response.set("Allow", "GET, HEAD, OPTIONS");
        HttpExchanges.sendText(exchange, 405, "Method not allowed");
        return;
      }
      String path = exchange.getRequestURI().getPath(); // decoded: keys are stored decoded
      String key = path.startsWith("/") ? path.substring(1) : path;
      if (key.isEmpty() || key.endsWith("/") || key.contains("..")) {
        HttpExchanges.sendText(exchange, 404, "Not found");
        return;
      }
      if (signer != null) {
        Optional<String> refusal = signer.refusal(exchange);
        if (refusal.isPresent()) {
          HttpExchanges.sendText(exchange, 403, refusal.get());
          return;
        }
      }
      HeadObjectResponse head = store.blobMetadataIfPresent(bucket, key);
      if (head == null) {
        HttpExchanges.sendText(exchange, 404, "Not found: " + path);
        return;
      }
      serve(exchange, key, head);
    } catch (RuntimeException e) {
      LOG.error("Edge request {} failed", exchange.getRequestURI(), e);
      HttpExchanges.sendText(exchange, 500, "Internal error");
    }
  }

  private void serve(HttpExchange exchange, String key, HeadObjectResponse head)
      throws IOException {
    Headers request = exchange.getRequestHeaders();
    Headers response = exchange.getResponseHeaders();
    String extension = extension(key);
    String contentType = contentType(extension, head.contentType());
    boolean text = extension.equals("m3u8") || extension.equals("vtt");
    long size = head.contentLength();
    String eTag = head.eTag() == null ? null : quoted(head.eTag());

    response.set("Content-Type", contentType);
    response.set("Cache-Control", text ? PLAYLIST_CACHE_CONTROL : IMMUTABLE_CACHE_CONTROL);
    if (eTag != null) {
      response.set("ETag", eTag);
    }
    if (head.lastModified() != null) {
      response.set("Last-Modified", HTTP_DATE.format(head.lastModified()));
    }
    if (text) {
      response.set("Vary", "Accept-Encoding");
    }
    if (eTag != null && eTag.equals(request.getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    boolean headOnly = exchange.getRequestMethod().equals("HEAD");
    String range = request.getFirst("Range");

    if (text && range == null && acceptsGzip(request.getFirst("Accept-Encoding"))) {
      byte[] compressed = gzip(key);
      response.set("Content-Encoding", "gzip");
      HttpExchanges.send(exchange, 200, contentType, compressed);
      return;
    }
    response.set("Accept-Ranges", "bytes");
    ByteRange byteRange = null;
    if (range != null) {
      Optional<ByteRange> parsed = ByteRange.parse(range, size);
      if (parsed.isEmpty()) {
        response.set("Content-Range", "bytes */" + size);
        HttpExchanges.sendText(exchange, 416, "Range not satisfiable");
        return;
      }
      byteRange = parsed.get().isWhole(size) ? null : parsed.get();
    }
    long length = byteRange == null ? size : byteRange.length();
    int status = byteRange == null ? 200 : 206;
    if (byteRange != null) {
      response.set("Content-Range", byteRange.contentRange(size));
    }
    if (headOnly) {
      response.set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      try (InputStream in = open(key, byteRange); OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  private InputStream open(String key, ByteRange range) {
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
    if (range != null) {
      request.range("bytes=" + range.first() + "-" + range.last());
    }
    ResponseInputStream<GetObjectResponse> in = store.getBlob(request.build());
    return in;
  }

  private byte[] gzip(String key) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (InputStream in = open(key, null); OutputStream out = new GZIPOutputStream(buffer)) {
      in.transferTo(out);
    }
    return buffer.toByteArray();
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = coding.trim().split(";");
      if (parts[0].trim().equals("gzip") || parts[0].trim().equals("*")) {
        return !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"));
      }
    }
    return false;
  }

  private static String extension(String key) {
    int slash = key.lastIndexOf('/');
    int dot = key.lastIndexOf('.');
    return dot > slash ? key.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  /**
   * The stored Content-Type, as CloudFront passes the origin's; only an object stored without a
   * meaningful one gets the type of its extension.
   */
  private static String contentType(String extension, String stored) {
    if (stored != null && !stored.isBlank() && !stored.equals("application/octet-stream")
        && !stored.equals("binary/octet-stream")) {
      return stored;
    }
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }

  private static String quoted(String eTag) {
    return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
  }
}
