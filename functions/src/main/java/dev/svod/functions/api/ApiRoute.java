package dev.svod.functions.api;

import java.util.regex.Pattern;

/**
 * The routes of the HTTP API (DESIGN.md, "HTTP API"): the one list that the CDK API (one API
 * Gateway route each), the local runtime's API Gateway stand-in and {@link ApiRouter} read.
 */
public enum ApiRoute {
  CREATE_UPLOAD("POST", "/uploads"),
  GET_UPLOAD("GET", "/uploads/{uploadId}"),
  PRESIGN_PARTS("POST", "/uploads/{uploadId}/parts"),
  COMPLETE_UPLOAD("POST", "/uploads/{uploadId}/complete"),
  ABORT_UPLOAD("DELETE", "/uploads/{uploadId}"),
  LIST_VIDEOS("GET", "/videos"),
  GET_VIDEO("GET", "/videos/{videoId}"),
  DELETE_VIDEO("DELETE", "/videos/{videoId}"),
  /** Encodes the FAILED renditions of a PARTIALLY_READY video again ({@code RetryService}). */
  RETRY_VIDEO("POST", "/videos/{videoId}/retry");

  /** What a path parameter ({@code {uploadId}}, {@code {videoId}}) may be: an opaque URL-safe id. */
  private static final String ID = "([A-Za-z0-9_-]+)";

  private final String method;
  private final String path;
  private final Pattern pathPattern;

  ApiRoute(String method, String path) {
    this.method = method;
    this.path = path;
    this.pathPattern = compile(path);
  }

  private static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder();
    for (String segment : template.substring(1).split("/")) {
      regex.append('/').append(segment.startsWith("{") ? ID : Pattern.quote(segment));
    }
    return Pattern.compile(regex.toString());
  }

  /** The HTTP method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The path template, e.g. {@code /uploads/{uploadId}/complete}. */
  public String path() {
    return path;
  }

  /** The route key API Gateway uses, e.g. {@code POST /uploads/{uploadId}/complete}. */
  public String key() {
    return method + " " + path;
  }

  /** Matches a concrete path (without stage prefix); group 1 is the path parameter, if any. */
  Pattern pathPattern() {
    return pathPattern;
  }
}
