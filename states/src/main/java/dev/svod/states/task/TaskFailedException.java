package dev.svod.states.task;

import dev.svod.states.StatesFailure;

/** A task failure with the error name and cause Retry/Catch match against. */
public class TaskFailedException extends StatesFailure {
  private static final long serialVersionUID = 1L;

  public TaskFailedException(String error, String cause) {
    super(error, cause);
  }
}
