package dev.svod.functions.workflow;

import dev.svod.functions.TransientException;
import dev.svod.media.MediaErrorCode;
import dev.svod.media.MediaException;
import java.util.EnumSet;
import java.util.function.Supplier;

/** Maps the media core's typed errors to the workflow's error names. */
public final class MediaFailures {
  /** Codes that describe the source itself: retrying cannot help. */
  private static final EnumSet<MediaErrorCode> BAD_SOURCE = EnumSet.of(MediaErrorCode.NOT_A_VIDEO,
      MediaErrorCode.UNREADABLE_SOURCE, MediaErrorCode.UNSUPPORTED_INPUT, MediaErrorCode.LIMIT_EXCEEDED);

  private MediaFailures() {}

  /**
   * Runs a media operation; a source-describing {@link MediaException} becomes a
   * {@link BadSourceException} ("CODE: reason"), a source that could not be fetched a
   * {@link TransientException} (the state machine retries it), other media errors pass unchanged.
   */
  public static <T> T translate(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (MediaException e) {
      if (BAD_SOURCE.contains(e.code())) {
        throw new BadSourceException(e.code() + ": " + e.reason(), e);
      }
      if (e.code() == MediaErrorCode.SOURCE_UNREACHABLE) {
        throw new TransientException(e.code() + ": " + e.reason(), e);
      }
      throw e;
    }
  }
}
