package dev.svod.states.asl;

import java.util.List;
import java.util.stream.Collectors;

/** A definition that is not valid Amazon States Language; the message lists every problem. */
public final class InvalidDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public InvalidDefinitionException(List<Diagnostic> diagnostics) {
    super(
        "Invalid State Machine Definition: "
            + diagnostics.stream().map(d -> "'" + d + "'").collect(Collectors.joining(", ")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
