package dev.svod.states.asl;

/** One problem found in a definition, shaped like ValidateStateMachineDefinition's diagnostics. */
public record Diagnostic(String code, String message, String location) {
  @Override
  public String toString() {
    return code + ": " + message + " at " + location;
  }
}
