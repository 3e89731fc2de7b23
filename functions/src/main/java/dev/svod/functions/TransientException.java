package dev.svod.functions;

/**
 * A failure worth retrying unchanged (throttling, a network blip, a service 5xx). The state machine
 * retries exactly this error name ({@code dev.svod.functions.TransientException}, the class name Lambda
 * reports as {@code errorType}) besides the Lambda service errors; everything else is final.
 */
public class TransientException extends RuntimeException {
  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }
}
