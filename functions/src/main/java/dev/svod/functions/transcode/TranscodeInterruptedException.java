package dev.svod.functions.transcode;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * The transcode was stopped from outside (a shutdown interrupted it: a stopped ECS task's SIGTERM,
 * the local runtime stopping), not by a fault of the source or the encoder. Its renditions are left
 * PROCESSING with their attempt counted and no encoded result, so the workflow's retry or the
 * resumed execution encodes them again; nothing is marked FAILED.
 */
public final class TranscodeInterruptedException extends RuntimeException {
  public TranscodeInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether {@code failure} is the result of an interruption: the thread's interrupt flag is set (the
   * media core and the SDK restore it when they give up), or an {@link InterruptedException} /
   * {@link InterruptedIOException} / {@link ClosedByInterruptException} / the SDK's
   * {@link AbortedException} is among its causes.
   */
  static boolean causedByInterruption(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException || t instanceof AbortedException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
