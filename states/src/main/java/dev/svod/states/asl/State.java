package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One parsed state: its raw fields plus what the interpreter needs pre-computed (transitions,
 * retriers, catchers, nested machines, effective query language). Built once per definition.
 */
public final class State {
  private final String name;
  private final StateType type;
  private final ObjectNode json;
  private final boolean jsonata;
  private final List<Retrier> retriers;
  private final List<Catcher> catchers;
  private final List<StateMachineDefinition> branches;
  private final StateMachineDefinition processor;

  State(
      String name,
      StateType type,
      ObjectNode json,
      boolean jsonata,
      List<Retrier> retriers,
      List<Catcher> catchers,
      List<StateMachineDefinition> branches,
      StateMachineDefinition processor) {
    this.name = name;
    this.type = type;
    this.json = json;
    this.jsonata = jsonata;
    this.retriers = retriers;
    this.catchers = catchers;
    this.branches = branches;
    this.processor = processor;
  }

  public String name() {
    return name;
  }

  public StateType type() {
    return type;
  }

  /** True when the state's effective QueryLanguage is JSONata. */
  public boolean jsonata() {
    return jsonata;
  }

  public ObjectNode json() {
    return json;
  }

  /** A field of the state, or null when absent. */
  public JsonNode field(String name) {
    return json.get(name);
  }

  public boolean has(String field) {
    return json.has(field);
  }

  /** A text field, or null when absent or not text. */
  public String text(String field) {
    JsonNode n = json.get(field);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  public String next() {
    return text("Next");
  }

  public boolean end() {
    JsonNode n = json.get("End");
    return n != null && n.asBoolean(false);
  }

  public List<Retrier> retriers() {
    return retriers;
  }

  public List<Catcher> catchers() {
    return catchers;
  }

  /** Parallel branches (empty for other types). */
  public List<StateMachineDefinition> branches() {
    return branches;
  }

  /** The Map state's ItemProcessor (or legacy Iterator); null for other types. */
  public StateMachineDefinition processor() {
    return processor;
  }
}
