package dev.svod.states.asl;

/** The state types of the Amazon States Language. */
public enum StateType {
  Pass,
  Task,
  Choice,
  Wait,
  Succeed,
  Fail,
  Parallel,
  Map;

  /** Whether the state needs exactly one of Next or End. */
  public boolean needsTransition() {
    return this != Choice && this != Succeed && this != Fail;
  }
}
