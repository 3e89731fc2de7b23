package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and validated Amazon States Language definition (or one Parallel branch / Map
 * processor inside it). Parse once with {@link #parse(String)}; the interpreter never looks at the
 * definition text again.
 */
public final class StateMachineDefinition {
  private static final Set<String> PATH_FIELDS =
      Set.of("InputPath", "OutputPath", "ResultPath", "ItemsPath");
  private static final Set<String> JSONPATH_ONLY_FIELDS =
      Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath");
  private static final Set<String> JSONATA_ONLY_FIELDS = Set.of("Arguments", "Output", "Items");

  private final JsonNode json;
  private final String startAt;
  private final Map<String, State> states;
  private final boolean jsonata;

  private StateMachineDefinition(
      JsonNode json, String startAt, Map<String, State> states, boolean jsonata) {
    this.json = json;
    this.startAt = startAt;
    this.states = states;
    this.jsonata = jsonata;
  }

  /** Parses and validates definition text; throws {@link InvalidDefinitionException}. */
  public static StateMachineDefinition parse(String definition) {
    JsonNode json;
    try {
      json = Json.parse(definition);
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException(
          List.of(new Diagnostic("INVALID_JSON_DESCRIPTION", e.getMessage(), "/")));
    }
    return parse(json);
  }

  /** Parses and validates a definition tree; throws {@link InvalidDefinitionException}. */
  public static StateMachineDefinition parse(JsonNode json) {
    List<Diagnostic> problems = new ArrayList<>();
    StateMachineDefinition def = build(json, "", false, problems);
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    return def;
  }

  /** Validates without throwing: the list is empty for a valid definition. */
  public static List<Diagnostic> validate(String definition) {
    try {
      parse(definition);
      return List.of();
    } catch (InvalidDefinitionException e) {
      return e.diagnostics();
    }
  }

  public JsonNode json() {
    return json;
  }

  public String startAt() {
    return startAt;
  }

  public State state(String name) {
    return states.get(name);
  }

  public Map<String, State> states() {
    return states;
  }

  /** Whether the top-level QueryLanguage is JSONata. */
  public boolean jsonata() {
    return jsonata;
  }

  /** The definition's TimeoutSeconds, or null. */
  public Integer timeoutSeconds() {
    JsonNode t = json.get("TimeoutSeconds");
    return t != null && t.canConvertToInt() ? t.intValue() : null;
  }

  private static StateMachineDefinition build(
      JsonNode json, String at, boolean parentJsonata, List<Diagnostic> problems) {
    if (json == null || !json.isObject()) {
      problems.add(schema("The state machine definition must be a JSON object", at + "/"));
      return new StateMachineDefinition(json, null, Map.of(), parentJsonata);
    }
    boolean jsonata = parentJsonata;
    JsonNode ql = json.get("QueryLanguage");
    if (ql != null) {
      if (!ql.isTextual() || !(ql.textValue().equals("JSONata") || ql.textValue().equals("JSONPath"))) {
        problems.add(schema("QueryLanguage must be 'JSONPath' or 'JSONata'", at + "/QueryLanguage"));
      } else {
        jsonata = ql.textValue().equals("JSONata");
      }
    }
    JsonNode start = json.get("StartAt");
    String startAt = start != null && start.isTextual() ? start.textValue() : null;
    if (startAt == null) {
      problems.add(schema("The field 'StartAt' should be non-null", at + "/StartAt"));
    }
    JsonNode statesNode = json.get("States");
    Map<String, State> states = new LinkedHashMap<>();
    if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
      problems.add(schema("The field 'States' should be a non-empty object", at + "/States"));
      return new StateMachineDefinition(json, startAt, states, jsonata);
    }
    var fields = statesNode.properties().iterator();
    while (fields.hasNext()) {
      var e = fields.next();
      State s = buildState(e.getKey(), e.getValue(), at + "/States/" + e.getKey(), jsonata, problems);
      if (s != null) {
        states.put(e.getKey(), s);
      }
    }
    if (startAt != null && !statesNode.has(startAt)) {
      problems.add(
          new Diagnostic(
              "MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + startAt, at + "/StartAt"));
    }
    checkTransitionsAndReachability(states, startAt, at, problems);
    return new StateMachineDefinition(json, startAt, Collections.unmodifiableMap(states), jsonata);
  }

  private static State buildState(
      String name, JsonNode node, String at, boolean machineJsonata, List<Diagnostic> problems) {
    if (name.length() > 80) {
      problems.add(schema("State names must be at most 80 characters", at));
    }
    if (!node.isObject()) {
      problems.add(schema("A state must be a JSON object", at));
      return null;
    }
    ObjectNode json = (ObjectNode) node;
    JsonNode typeNode = json.get("Type");
    StateType type;
    try {
      type = StateType.valueOf(typeNode == null ? "" : typeNode.asText());
    } catch (IllegalArgumentException e) {
      problems.add(
          schema(
              typeNode == null
                  ? "The field 'Type' should be non-null"
                  : "Unknown state type '" + typeNode.asText() + "'",
              at + "/Type"));
      return null;
    }
    boolean jsonata = machineJsonata;
    JsonNode ql = json.get("QueryLanguage");
    if (ql != null && ql.isTextual()) {
      if (ql.textValue().equals("JSONata")) {
        jsonata = true;
      } else if (ql.textValue().equals("JSONPath")) {
        if (machineJsonata) {
          problems.add(
              schema(
                  "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                  at + "/QueryLanguage"));
        }
        jsonata = false;
      } else {
        problems.add(schema("QueryLanguage must be 'JSONPath' or 'JSONata'", at + "/QueryLanguage"));
      }
    }
    checkFieldsForLanguage(json, jsonata, at, problems);
    if (type.needsTransition()) {
      boolean hasNext = json.hasNonNull("Next");
      boolean end = json.path("End").asBoolean(false);
      if (hasNext == end) {
        problems.add(
            schema(
                hasNext
                    ? "A state cannot have both 'Next' and 'End'"
                    : "The state must have either 'Next' or 'End': true",
                at));
      }
    } else if (json.has("Next") || json.has("End")) {
      problems.add(schema("A " + type + " state cannot have 'Next' or 'End'", at));
    }
    if (!jsonata) {
      checkPaths(json, at, problems);
    }
    List<StateMachineDefinition> branches = List.of();
    StateMachineDefinition processor = null;
    switch (type) {
      case Task -> {
        JsonNode r = json.get("Resource");
        if (r == null || !r.isTextual() || r.textValue().isBlank()) {
          problems.add(schema("The field 'Resource' should be a non-empty string", at + "/Resource"));
        }
        if (!jsonata) {
          checkNumber(json, "TimeoutSeconds", 1, at, problems);
          checkNumber(json, "HeartbeatSeconds", 1, at, problems);
          JsonNode timeout = json.get("TimeoutSeconds");
          JsonNode heartbeat = json.get("HeartbeatSeconds");
          if (timeout != null && heartbeat != null && timeout.isNumber() && heartbeat.isNumber()
              && heartbeat.doubleValue() >= timeout.doubleValue()) {
            problems.add(schema("HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds"));
          }
        }
      }
      case Choice -> {
        JsonNode choices = json.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
          problems.add(schema("The field 'Choices' should be a non-empty array", at + "/Choices"));
        }
      }
      case Parallel -> {
        JsonNode b = json.get("Branches");
        if (b == null || !b.isArray() || b.isEmpty()) {
          problems.add(schema("The field 'Branches' should be a non-empty array", at + "/Branches"));
        } else {
          List<StateMachineDefinition> list = new ArrayList<>();
          for (int i = 0; i < b.size(); i++) {
            list.add(build(b.get(i), at + "/Branches[" + i + "]", jsonata, problems));
          }
          branches = List.copyOf(list);
        }
      }
      case Map -> {
        JsonNode p = json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
        if (p == null) {
          problems.add(schema("The field 'ItemProcessor' should be non-null", at + "/ItemProcessor"));
        } else {
          processor = build(p, at + "/ItemProcessor", jsonata, problems);
        }
      }
      case Wait -> {
        int forms = 0;
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
          forms += json.has(f) ? 1 : 0;
        }
        if (forms != 1) {
          problems.add(
              schema(
                  "A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath",
                  at));
        }
      }
      default -> {}
    }
    return new State(
        name,
        type,
        json,
        jsonata,
        parseRetriers(json.get("Retry"), at, problems),
        parseCatchers(json.get("Catch"), at, problems),
        branches,
        processor);
  }

  private static void checkPaths(ObjectNode json, String at, List<Diagnostic> problems) {
    for (String f : PATH_FIELDS) {
      JsonNode p = json.get(f);
      if (p == null || p.isNull()) {
        continue;
      }
      String problem =
          !p.isTextual()
              ? "not a string"
              : f.equals("ResultPath") ? JsonPaths.referencePathProblem(p.textValue()) : JsonPaths.problem(p.textValue());
      if (problem != null) {
        problems.add(
            new Diagnostic(
                "INVALID_JSON_PATH",
                "The value for the field '" + f + "' must be a valid JSONPath: " + p.asText() + " (" + problem + ")",
                at + "/" + f));
      }
    }
    for (String f : List.of("Parameters", "ResultSelector", "ItemSelector", "Assign")) {
      if (json.has(f)) {
        checkTemplate(json.get(f), at + "/" + f, problems);
      }
    }
  }

  /** Checks the {@code "x.$": "$.path"} members of a payload template. */
  private static void checkTemplate(JsonNode template, String at, List<Diagnostic> problems) {
    if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        checkTemplate(template.get(i), at + "[" + i + "]", problems);
      }
    }
    if (!template.isObject()) {
      return;
    }
    var fields = template.properties().iterator();
    while (fields.hasNext()) {
      var e = fields.next();
      String where = at + "/" + e.getKey();
      JsonNode v = e.getValue();
      if (e.getKey().endsWith(".$")) {
        if (!v.isTextual()) {
          problems.add(schema("The value of a '.$' field must be a string path or intrinsic function", where));
        } else if (!Intrinsics.isCall(v.textValue())) {
          String problem = JsonPaths.problem(v.textValue());
          if (problem != null) {
            problems.add(
                new Diagnostic(
                    "INVALID_JSON_PATH",
                    "The value for the field '" + e.getKey() + "' must be a valid JSONPath: " + v.textValue() + " (" + problem + ")",
                    where));
          }
        }
      } else {
        checkTemplate(v, where, problems);
      }
    }
  }

  private static void checkFieldsForLanguage(
      ObjectNode json, boolean jsonata, String at, List<Diagnostic> problems) {
    Set<String> forbidden = jsonata ? JSONPATH_ONLY_FIELDS : JSONATA_ONLY_FIELDS;
    for (String f : forbidden) {
      if (json.has(f)) {
        problems.add(
            schema(
                "The field '" + f + "' is not supported when QueryLanguage is "
                    + (jsonata ? "JSONata" : "JSONPath"),
                at + "/" + f));
      }
    }
  }

  private static List<Retrier> parseRetriers(JsonNode retry, String at, List<Diagnostic> problems) {
    if (retry == null) {
      return List.of();
    }
    if (!retry.isArray()) {
      problems.add(schema("The field 'Retry' should be an array", at + "/Retry"));
      return List.of();
    }
    List<Retrier> list = new ArrayList<>();
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      String where = at + "/Retry[" + i + "]";
      checkNumber(r, "IntervalSeconds", 1, where, problems);
      checkNumber(r, "MaxAttempts", 0, where, problems);
      checkNumber(r, "BackoffRate", 1, where, problems);
      checkNumber(r, "MaxDelaySeconds", 1, where, problems);
      String jitter = r.path("JitterStrategy").asText("NONE");
      if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
        problems.add(schema("JitterStrategy must be FULL or NONE", where + "/JitterStrategy"));
      }
      list.add(
          new Retrier(
              errorEquals(r, at + "/Retry", problems),
              r.path("IntervalSeconds").asDouble(1),
              r.path("MaxAttempts").asInt(3),
              r.path("BackoffRate").asDouble(2.0),
              r.hasNonNull("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null,
              "FULL".equals(r.path("JitterStrategy").asText("NONE"))));
    }
    return List.copyOf(list);
  }

  /** A numeric field, when present, must be a number of at least {@code min}. */
  private static void checkNumber(JsonNode node, String field, double min, String at, List<Diagnostic> problems) {
    JsonNode v = node.get(field);
    if (v != null && (!v.isNumber() || v.doubleValue() < min)) {
      problems.add(schema("The field '" + field + "' must be a number of at least " + (long) min, at + "/" + field));
    }
  }

  private static List<Catcher> parseCatchers(JsonNode c, String at, List<Diagnostic> problems) {
    if (c == null) {
      return List.of();
    }
    if (!c.isArray()) {
      problems.add(schema("The field 'Catch' should be an array", at + "/Catch"));
      return List.of();
    }
    List<Catcher> list = new ArrayList<>();
    for (JsonNode r : c) {
      String next = r.path("Next").isTextual() ? r.get("Next").textValue() : null;
      if (next == null) {
        problems.add(schema("The field 'Next' should be non-null in a Catcher", at + "/Catch"));
      }
      JsonNode rp = r.get("ResultPath");
      list.add(
          new Catcher(
              errorEquals(r, at + "/Catch", problems),
              next,
              rp != null && rp.isTextual() ? rp.textValue() : null,
              rp != null,
              r.get("Assign"),
              r.get("Output")));
    }
    return List.copyOf(list);
  }

  private static List<String> errorEquals(JsonNode r, String at, List<Diagnostic> problems) {
    JsonNode e = r.get("ErrorEquals");
    if (e == null || !e.isArray() || e.isEmpty()) {
      problems.add(schema("The field 'ErrorEquals' should be a non-empty array", at));
      return List.of();
    }
    List<String> names = new ArrayList<>();
    e.forEach(n -> names.add(n.asText()));
    return List.copyOf(names);
  }

  private static void checkTransitionsAndReachability(
      Map<String, State> states, String startAt, String at, List<Diagnostic> problems) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (State s : states.values()) {
      List<String> targets = new ArrayList<>();
      String where = at + "/States/" + s.name();
      if (s.next() != null) {
        targets.add(s.next());
        if (!states.containsKey(s.next())) {
          problems.add(missing(s.next(), where + "/Next"));
        }
      }
      if (s.type() == StateType.Choice) {
        JsonNode choices = s.field("Choices");
        if (choices != null && choices.isArray()) {
          for (int i = 0; i < choices.size(); i++) {
            String n = choices.get(i).path("Next").asText(null);
            if (n == null) {
              problems.add(schema("The field 'Next' should be non-null", where + "/Choices[" + i + "]"));
            } else {
              targets.add(n);
              if (!states.containsKey(n)) {
                problems.add(missing(n, where + "/Choices[" + i + "]/Next"));
              }
            }
          }
        }
        String def = s.text("Default");
        if (def != null) {
          targets.add(def);
          if (!states.containsKey(def)) {
            problems.add(missing(def, where + "/Default"));
          }
        }
      }
      for (int i = 0; i < s.catchers().size(); i++) {
        String n = s.catchers().get(i).next();
        if (n != null) {
          targets.add(n);
          if (!states.containsKey(n)) {
            problems.add(missing(n, where + "/Catch[" + i + "]/Next"));
          }
        }
      }
      edges.put(s.name(), targets);
    }
    if (startAt == null || !states.containsKey(startAt)) {
      return;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(startAt));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(edges.getOrDefault(n, List.of()));
      }
    }
    for (String name : states.keySet()) {
      if (!seen.contains(name)) {
        problems.add(
            new Diagnostic(
                "UNREACHABLE_STATE", "State '" + name + "' is not reachable", at + "/States/" + name));
      }
    }
  }

  private static Diagnostic missing(String target, String at) {
    return new Diagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + target, at);
  }

  private static Diagnostic schema(String message, String at) {
    return new Diagnostic("SCHEMA_VALIDATION_FAILED", message, at);
  }
}
