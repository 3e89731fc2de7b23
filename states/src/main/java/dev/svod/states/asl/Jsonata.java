package dev.svod.states.asl;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.StatesFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import com.dashjoin.jsonata.Jsonata.Fn0;
import com.dashjoin.jsonata.Jsonata.Fn1;
import com.dashjoin.jsonata.Jsonata.Fn2;
import com.dashjoin.jsonata.Jsonata.Fn3;
import com.dashjoin.jsonata.Jsonata.FnVarArgs;

/**
 * JSONata for states with {@code QueryLanguage: JSONata}, evaluated by com.dashjoin:jsonata with
 * the {@code $states} binding, the workflow variables and AWS's extra functions ($partition,
 * $range, $hash, $random, $uuid, $parse). Expressions are compiled once and cached.
 */
public final class Jsonata {
  private static final ConcurrentHashMap<String, com.dashjoin.jsonata.Jsonata> COMPILED =
      new ConcurrentHashMap<>();

  private Jsonata() {}

  /** What an expression sees: {@code $states} and the variables in scope. */
  public interface Bindings {
    JsonNode states();

    /** All variables visible to the state, innermost scope winning. */
    Map<String, JsonNode> variables();
  }

  /** Whether a string value is a JSONata expression ({@code {% ... %}}). */
  public static boolean isExpression(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return false;
    }
    String s = value.textValue();
    return s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4;
  }

  /**
   * Evaluates a field value: expressions inside strings, objects and arrays are replaced by their
   * results; {@code field} names it in AWS's error messages (e.g. {@code Output/result}).
   */
  public static JsonNode evaluateTemplate(JsonNode template, String field, Bindings bindings) {
    if (isExpression(template)) {
      return evaluate(expressionText(template.textValue()), field, bindings);
    }
    if (template.isObject()) {
      ObjectNode out = Json.object();
      Iterator<Map.Entry<String, JsonNode>> it = template.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), evaluateTemplate(e.getValue(), field + "/" + e.getKey(), bindings));
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Json.array();
      for (int i = 0; i < template.size(); i++) {
        out.add(evaluateTemplate(template.get(i), field + "[" + i + "]", bindings));
      }
      return out;
    }
    return template;
  }

  /** The expression between {@code {%} and {@code %}}. */
  public static String expressionText(String value) {
    String s = value.strip();
    return s.substring(2, s.length() - 2).strip();
  }

  /** Evaluates one expression; undefined results and errors become States.QueryEvaluationError. */
  public static JsonNode evaluate(String expression, String field, Bindings bindings) {
    com.dashjoin.jsonata.Jsonata compiled;
    try {
      // Wrapped in an object so an undefined result (key dropped) is told apart from null.
      compiled = COMPILED.computeIfAbsent(expression, e -> com.dashjoin.jsonata.Jsonata.jsonata("{\"v\": (" + e + "\n)}"));
    } catch (JException e) {
      throw queryError(expression, field, "threw an error during evaluation. " + describe(e));
    }
    com.dashjoin.jsonata.Jsonata.Frame frame = compiled.createFrame();
    bindAwsFunctions(frame);
    for (Map.Entry<String, JsonNode> v : bindings.variables().entrySet()) {
      Object value = Json.toJava(v.getValue());
      // A variable bound to Java null would read as undefined; NULL_VALUE is JSONata's null.
      frame.bind(v.getKey(), value == null ? com.dashjoin.jsonata.Jsonata.NULL_VALUE : value);
    }
    frame.bind("states", Json.toJava(bindings.states()));
    Object result;
    try {
      result = compiled.evaluate(null, frame);
    } catch (JException e) {
      throw queryError(expression, field, "threw an error during evaluation. " + describe(e));
    } catch (StatesFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw queryError(expression, field, "threw an error during evaluation. " + e.getMessage());
    }
    Map<?, ?> wrapper = (Map<?, ?>) result;
    if (!wrapper.containsKey("v")) {
      throw queryError(expression, field, "returned nothing (undefined).");
    }
    Object value = wrapper.get("v");
    if (!isJsonValue(value)) {
      throw queryError(expression, field, "returned an unsupported result type.");
    }
    return Json.fromJava(value);
  }

  private static boolean isJsonValue(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return true;
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().allMatch(Jsonata::isJsonValue);
    }
    if (value instanceof List<?> l) {
      return l.stream().allMatch(Jsonata::isJsonValue);
    }
    return false;
  }

  private static String describe(JException e) {
    String message = e.getMessage();
    return e.getError() == null ? message : e.getError() + ": " + message;
  }

  /** A States.QueryEvaluationError naming the expression and field as AWS does. */
  public static StatesFailure queryError(String expression, String field, String what) {
    return new StatesFailure(
        ErrorNames.QUERY_EVALUATION_ERROR,
        "The JSONata expression '" + expression + "' specified for the field '" + field + "' " + what);
  }

  /** AWS's JSONata functions, built once (they hold no state). */
  private static final Map<String, com.dashjoin.jsonata.Jsonata.JFunction> AWS_FUNCTIONS =
      Map.of(
          "partition", com.dashjoin.jsonata.Jsonata.function("partition", (Fn2<List<?>, Number, List<?>>) Jsonata::partition, null),
          "range", com.dashjoin.jsonata.Jsonata.function("range", (Fn3<Number, Number, Number, Object>) Jsonata::range, null),
          "hash", com.dashjoin.jsonata.Jsonata.function("hash", (Fn2<Object, String, String>) Jsonata::hash, null),
          "random",
          com.dashjoin.jsonata.Jsonata.function(
              "random",
              (FnVarArgs<Double>)
                  args ->
                      args.isEmpty() || args.get(0) == null
                          ? ThreadLocalRandom.current().nextDouble()
                          : new Random(((Number) args.get(0)).longValue()).nextDouble(),
              null),
          "uuid", com.dashjoin.jsonata.Jsonata.function("uuid", (Fn0<String>) () -> UUID.randomUUID().toString(), null),
          "parse", com.dashjoin.jsonata.Jsonata.function("parse", (Fn1<String, Object>) text -> Json.toJava(Json.parse(text)), null));

  private static void bindAwsFunctions(com.dashjoin.jsonata.Jsonata.Frame frame) {
    AWS_FUNCTIONS.forEach(frame::bind);
  }

  private static List<?> partition(List<?> list, Number size) {
    List<List<Object>> out = new ArrayList<>();
    int n = size.intValue();
    if (n <= 0) {
      throw new JException("The chunk size passed to $partition must be positive", 0);
    }
    for (int i = 0; i < list.size(); i += n) {
      out.add(new ArrayList<>(list.subList(i, Math.min(list.size(), i + n))));
    }
    return out;
  }

  /** AWS's $range: a one-element result is a singleton JSONata sequence, i.e. the bare value. */
  private static Object range(Number start, Number end, Number step) {
    List<Integer> out = new ArrayList<>();
    int s = step.intValue();
    if (s == 0) {
      throw new JException("The step passed to $range must not be 0", 0);
    }
    for (int i = start.intValue(); s > 0 ? i <= end.intValue() : i >= end.intValue(); i += s) {
      out.add(i);
    }
    return out.size() == 1 ? out.get(0) : out;
  }

  private static String hash(Object value, String algorithm) {
    try {
      String data = value instanceof String s ? s : Json.write(Json.fromJava(value));
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new JException("Unsupported hash algorithm " + algorithm, 0);
    }
  }
}
