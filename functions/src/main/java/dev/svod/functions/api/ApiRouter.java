package dev.svod.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.svod.functions.Json;
import dev.svod.functions.VodException;
import dev.svod.functions.upload.UploadModels.CompleteUploadRequest;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadModels.PresignPartsRequest;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.video.RetryService;
import dev.svod.functions.video.VideoService;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;

/**
 * The HTTP API of DESIGN.md ({@link ApiRoute}) as plain method + path + query + body in, {@link
 * ApiResponse} out. Every failure becomes {@code {"error":{"code","message"}}}: domain errors with
 * their own status, unknown routes 404, wrong methods 405, malformed JSON 400, anything unexpected
 * 500 without internals.
 */
public final class ApiRouter {
  private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());

  /** What a route receives: the path parameter (if any), the query and the raw body. */
  private record Request(String id, Map<String, String> query, String body) {}

  private final UploadService uploads;
  private final VideoService videos;
  private final RetryService retries;

  public ApiRouter(UploadService uploads, VideoService videos, RetryService retries) {
    this.uploads = uploads;
    this.videos = videos;
    this.retries = retries;
  }

  /**
   * Routes one request.
   *
   * @param method HTTP method
   * @param path request path without stage prefix, e.g. {@code /uploads/abc/parts}
   * @param query decoded query parameters
   * @param body request body text, or null
   */
  public ApiResponse handle(String method, String path, Map<String, String> query, String body) {
    String normalized = path == null || path.isEmpty() ? "/" : path;
    if (normalized.length() > 1 && normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    boolean pathKnown = false;
    for (ApiRoute route : ApiRoute.values()) {
      Matcher matcher = route.pathPattern().matcher(normalized);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equalsIgnoreCase(method)) {
        return run(route, new Request(matcher.groupCount() > 0 ? matcher.group(1) : null,
            query == null ? Map.of() : query, body));
      }
    }
    return pathKnown
        ? ApiResponse.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + normalized)
        : ApiResponse.error(404, "ROUTE_NOT_FOUND", "no route " + method + " " + normalized);
  }

  private ApiResponse run(ApiRoute route, Request request) {
    try {
      return action(route, request);
    } catch (VodException e) {
      return ApiResponse.error(e.httpStatus(), e.code(), e.getMessage());
    } catch (MalformedBodyException e) {
      return ApiResponse.error(400, "INVALID_JSON", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "unexpected failure of " + route.key(), e);
      return ApiResponse.error(500, "INTERNAL_ERROR", "the request failed unexpectedly; try again later");
    }
  }

  /** What each route does (a switch over every route: a new route without an action does not compile). */
  private ApiResponse action(ApiRoute route, Request r) {
    return switch (route) {
      case CREATE_UPLOAD -> ApiResponse.json(201, uploads.create(body(r, CreateUploadRequest.class)));
      case GET_UPLOAD -> ApiResponse.json(200, uploads.status(r.id()));
      case PRESIGN_PARTS -> ApiResponse.json(200, uploads.presignParts(r.id(), body(r, PresignPartsRequest.class)));
      case COMPLETE_UPLOAD -> ApiResponse.json(200, uploads.complete(r.id(), body(r, CompleteUploadRequest.class)));
      case ABORT_UPLOAD -> ApiResponse.json(200, uploads.abort(r.id()));
      case LIST_VIDEOS -> ApiResponse.json(200, videos.list(r.query().get("status"), r.query().get("limit"),
          r.query().get("cursor")));
      case GET_VIDEO -> ApiResponse.json(200, videos.get(r.id()));
      case DELETE_VIDEO -> {
        videos.delete(r.id());
        yield ApiResponse.noContent();
      }
      case RETRY_VIDEO -> ApiResponse.json(202, retries.retry(r.id()));
    };
  }

  private static <T> T body(Request request, Class<T> type) {
    if (request.body() == null || request.body().isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(request.body(), type);
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException("request body is not valid JSON for this route: "
          + e.getOriginalMessage());
    }
  }

  /** A body that is not JSON of the expected shape. */
  private static final class MalformedBodyException extends RuntimeException {
    MalformedBodyException(String message) {
      super(message);
    }
  }
}
