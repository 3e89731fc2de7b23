package dev.svod.states;

/**
 * A failure with a Step Functions error name and cause, as Retry/Catch match and as an execution
 * reports it ({@code States.Runtime}, {@code States.TaskFailed}, a Lambda's errorType, ...).
 */
public class StatesFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String error;
  private final String causeText;

  public StatesFailure(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.causeText = cause;
  }

  /** The error name (may be null for a Fail state without Error). */
  public String error() {
    return error;
  }

  /** The human-readable cause (may be null). */
  public String cause() {
    return causeText;
  }
}
