package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The durable position of a top-level run after a completed state: where to go next, with what
 * input and variables, after how many transitions (which keys nested work deterministically).
 */
public record Checkpoint(String nextState, JsonNode input, Map<String, JsonNode> variables, long transitions, long lastEventId) {}
