package dev.svod.media;

import java.util.Objects;

/**
 * A media failure with a typed {@link MediaErrorCode} and a one-line, human-readable reason (no
 * FFmpeg log dump), suitable as the FAILED reason of a video or a CLI error line.
 */
public class MediaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final MediaErrorCode code;
  private final String reason;

  public MediaException(MediaErrorCode code, String reason) {
    this(code, reason, null);
  }

  public MediaException(MediaErrorCode code, String reason, Throwable cause) {
    super(code + ": " + reason, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable error code. */
  public MediaErrorCode code() {
    return code;
  }

  /** One line saying what is wrong, without the code. */
  public String reason() {
    return reason;
  }
}
