package dev.svod.functions;

/** Bad input from a client or an event (HTTP 400); never retried. */
public class InvalidRequestException extends VodException {
  public InvalidRequestException(String code, String message) {
    super(code, 400, message);
  }
}
