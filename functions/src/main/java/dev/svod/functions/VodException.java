package dev.svod.functions;

/**
 * An error the caller can act on: it carries a stable machine-readable code and the HTTP status the
 * API answers with. When thrown from a workflow task, Lambda reports the fully qualified class name
 * as {@code errorType}, which the state machine's Retry/Catch match on; so each subclass is one
 * deliberate error name.
 */
public class VodException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  public VodException(String code, int httpStatus, String message) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public VodException(String code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** Stable, upper-snake-case error code, e.g. {@code UPLOAD_TOO_LARGE}. */
  public String code() {
    return code;
  }

  /** HTTP status the API maps this error to. */
  public int httpStatus() {
    return httpStatus;
  }
}
