package dev.svod.states.asl;

/** A JSONPath that selected nothing; callers turn it into AWS's exact message for their field. */
public final class PathNotFoundFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String detail;

  public PathNotFoundFailure(String path, String detail) {
    super("Invalid path '" + path + "' : " + detail, null, false, false);
    this.path = path;
    this.detail = detail;
  }

  public String path() {
    return path;
  }

  /** Jayway's own description, e.g. "No results for path: $['a']". */
  public String detail() {
    return detail;
  }
}
