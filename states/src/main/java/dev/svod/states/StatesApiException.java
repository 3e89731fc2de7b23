package dev.svod.states;

/**
 * An API error with the Step Functions error code the AWS SDK maps to its exception classes
 * ({@code ExecutionAlreadyExists}, {@code StateMachineDoesNotExist}, {@code InvalidDefinition}...).
 */
public final class StatesApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public StatesApiException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
