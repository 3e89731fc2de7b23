package dev.svod.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client of the Serverless VOD HTTP API (DESIGN.md), local or deployed: JSON in and out, API
 * errors as {@link VodApiException}. Responses stay {@link JsonNode}s so that the command line
 * keeps working when the server adds fields.
 */
public final class VodApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final ApiRequestSigner signer;
  private final String bearerToken;

  /**
   * @param base the API base URL, e.g. {@code http://127.0.0.1:8642/api}; requests to an API
   *     Gateway URL are SigV4-signed ({@link ApiRequestSigner#forApi})
   */
  public VodApiClient(URI base, HttpClient http) {
    this(base, http, null);
  }

  /**
   * @param bearerToken a JWT for a stack whose API has a JWT authorizer: sent as {@code
   *     Authorization: Bearer ...} instead of a SigV4 signature; null or blank for none
   */
  public VodApiClient(URI base, HttpClient http, String bearerToken) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
    this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
    this.signer = this.bearerToken != null ? null : ApiRequestSigner.forApi(this.base).orElse(null);
  }

  public URI base() {
    return base;
  }

  /** {@code POST /uploads}. */
  public JsonNode createUpload(String filename, long size, String contentType, String title) {
    ObjectNode body = JSON.createObjectNode();
    body.put("filename", filename);
    body.put("size", size);
    body.put("contentType", contentType);
    if (title != null) {
      body.put("title", title);
    }
    return send("POST", "/uploads", body);
  }

  /** {@code GET /uploads/{id}}. */
  public JsonNode uploadStatus(String uploadId) {
    return send("GET", "/uploads/" + encode(uploadId), null);
  }

  /** {@code POST /uploads/{id}/parts}: fresh URLs, part number to URL. */
  public Map<Integer, URI> presignParts(String uploadId, Collection<Integer> partNumbers) {
    ObjectNode body = JSON.createObjectNode();
    partNumbers.forEach(body.putArray("partNumbers")::add);
    return partUrls(send("POST", "/uploads/" + encode(uploadId) + "/parts", body));
  }

  /** {@code POST /uploads/{id}/complete} with every part's ETag. */
  public JsonNode complete(String uploadId, Map<Integer, String> eTags) {
    ObjectNode body = JSON.createObjectNode();
    var parts = body.putArray("parts");
    eTags.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        parts.addObject().put("partNumber", e.getKey()).put("etag", e.getValue()));
    return send("POST", "/uploads/" + encode(uploadId) + "/complete", body);
  }

  /** {@code DELETE /uploads/{id}}. */
  public JsonNode abort(String uploadId) {
    return send("DELETE", "/uploads/" + encode(uploadId), null);
  }

  /** {@code GET /videos/{id}}. */
  public JsonNode video(String videoId) {
    return send("GET", "/videos/" + encode(videoId), null);
  }

  /** {@code DELETE /videos/{id}}: the video's records, its source and every output. */
  public void deleteVideo(String videoId) {
    send("DELETE", "/videos/" + encode(videoId), null);
  }

  /**
   * {@code POST /videos/{id}/retry}: encodes a PARTIALLY_READY video's FAILED renditions again.
   *
   * @return the API's answer: {@code videoId}, {@code status} and the names it is {@code retrying}
   */
  public JsonNode retry(String videoId) {
    return send("POST", "/videos/" + encode(videoId) + "/retry", null);
  }

  /** {@code GET /videos?status=&limit=&cursor=}; null arguments are left out. */
  public JsonNode videos(String status, Integer limit, String cursor) {
    Map<String, String> query = new LinkedHashMap<>();
    if (status != null) {
      query.put("status", status);
    }
    if (limit != null) {
      query.put("limit", limit.toString());
    }
    if (cursor != null) {
      query.put("cursor", cursor);
    }
    String suffix = query.isEmpty() ? "" : "?" + query.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    return send("GET", "/videos" + suffix, null);
  }

  /** Part number to URL of a response's {@code parts:[{partNumber,url}]}. */
  public static Map<Integer, URI> partUrls(JsonNode response) {
    Map<Integer, URI> urls = new LinkedHashMap<>();
    for (JsonNode part : response.path("parts")) {
      urls.put(part.path("partNumber").asInt(), URI.create(part.path("url").asText()));
    }
    return urls;
  }

  private JsonNode send(String method, String path, JsonNode body) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
    byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    } else if (signer != null) {
      signer.sign(request, method, uri, bytes);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new VodApiException(0, "UNREACHABLE",
          "Cannot reach the API at " + base + " (is `vod local` running? or pass --api URL)");
    } catch (IOException e) {
      throw new VodApiException(0, "IO_ERROR", method + " " + base + path + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VodApiException(0, "INTERRUPTED", "Interrupted");
    }
    JsonNode json = parse(response.body());
    if (response.statusCode() >= 400) {
      JsonNode error = json.path("error");
      String message = error.path("message").asText(json.path("message").asText(response.body()));
      throw new VodApiException(response.statusCode(), error.path("code").asText("HTTP_"
          + response.statusCode()), message);
    }
    return json;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
