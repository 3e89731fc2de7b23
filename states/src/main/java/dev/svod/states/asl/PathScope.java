package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** What a JSONPath expression can see: the input ($), the context object ($$) and variables. */
public interface PathScope {
  JsonNode input();

  JsonNode context();

  /** A variable's value, or null when it is not defined. */
  JsonNode variable(String name);
}
