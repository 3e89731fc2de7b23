package dev.svod.local.client;

/** The HTTP API answered with an error ({@code {"error":{"code","message"}}}) or not at all. */
public final class VodApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public VodApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, 0 when the API could not be reached. */
  public int status() {
    return status;
  }

  /** The API's error code, e.g. {@code UPLOAD_NOT_FOUND}. */
  public String code() {
    return code;
  }
}
