package dev.svod.functions;

/**
 * A status change the state machine of DESIGN.md does not allow from the current status; DynamoDB's
 * condition rejected it (HTTP 409). Never retried by the workflow.
 */
public class IllegalTransitionException extends VodException {
  private final String currentStatus;

  public IllegalTransitionException(String entity, String id, String currentStatus, String targetStatus) {
    super("ILLEGAL_TRANSITION", 409,
        entity + " '" + id + "' is " + currentStatus + " and cannot become " + targetStatus);
    this.currentStatus = currentStatus;
  }

  /** The status the item had when the transition was rejected. */
  public String currentStatus() {
    return currentStatus;
  }
}
