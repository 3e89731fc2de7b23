package dev.svod.functions.workflow;

/**
 * The source cannot be processed (not media, corrupt, refused by policy, beyond limits). Final: the
 * workflow does not retry it and the video becomes FAILED with this message; the source is kept.
 * The message starts with the media core's error code, e.g. {@code NOT_A_VIDEO: ...}.
 */
public class BadSourceException extends RuntimeException {
  public BadSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
