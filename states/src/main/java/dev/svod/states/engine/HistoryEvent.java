package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.asl.Json;
import java.time.Instant;

/**
 * One execution history event, named and shaped as in GetExecutionHistory
 * ({@code PassStateEntered} with {@code stateEnteredEventDetails}, {@code TaskScheduled} with
 * {@code taskScheduledEventDetails}, ...).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

  /** The member name AWS uses for this event type's details, or null when it has none. */
  public String detailsKey() {
    if (details == null) {
      return null;
    }
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
  }

  /** The event as the JSON API returns it. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("timestamp", timestamp.toEpochMilli() / 1000.0);
    o.put("type", type);
    o.put("id", id);
    o.put("previousEventId", previousEventId);
    if (details != null) {
      o.set(detailsKey(), details);
    }
    return o;
  }

  /** Reads an event written by {@link #toJson()}. */
  public static HistoryEvent fromJson(JsonNode o) {
    String type = o.get("type").asText();
    HistoryEvent shape = new HistoryEvent(0, 0, Instant.EPOCH, type, Json.object());
    JsonNode details = o.get(shape.detailsKey());
    return new HistoryEvent(
        o.get("id").asLong(),
        o.path("previousEventId").asLong(),
        Instant.ofEpochMilli(Math.round(o.get("timestamp").asDouble() * 1000)),
        type,
        details instanceof ObjectNode d ? d : null);
  }
}
