package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.StatesFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code States.*} intrinsic functions of JSONPath states. Written here because no library
 * implements them; expressions are parsed once into a small tree and cached.
 */
public final class Intrinsics {
  private static final ConcurrentHashMap<String, Expr> PARSED = new ConcurrentHashMap<>();
  private static final Map<String, String> HASH_ALGORITHMS =
      Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

  private Intrinsics() {}

  /** Whether a {@code .$} value is an intrinsic call rather than a path. */
  public static boolean isCall(String text) {
    return text.startsWith("States.");
  }

  /** Evaluates an intrinsic call expression such as {@code States.Format('{}', $.a)}. */
  public static JsonNode evaluate(String expression, PathScope scope) {
    Expr expr = PARSED.computeIfAbsent(expression, e -> new Parser(e).parseTop());
    return expr.eval(scope);
  }

  private sealed interface Expr permits Literal, Path, Call {
    JsonNode eval(PathScope scope);
  }

  /** A literal; {@code raw} keeps the backslash escapes for States.Format's braces. */
  private record Literal(JsonNode value, String raw) implements Expr {
    @Override
    public JsonNode eval(PathScope scope) {
      return value;
    }
  }

  private record Path(String path) implements Expr {
    @Override
    public JsonNode eval(PathScope scope) {
      return JsonPaths.read(scope, path);
    }
  }

  private record Call(String name, List<Expr> args) implements Expr {
    @Override
    public JsonNode eval(PathScope scope) {
      List<JsonNode> values = new ArrayList<>(args.size());
      for (Expr a : args) {
        values.add(a.eval(scope));
      }
      return apply(this, values);
    }
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Expr parseTop() {
      Expr e = parseCall();
      skipSpaces();
      if (pos != text.length()) {
        throw failure("Unexpected text after the call at position " + pos + ": " + text);
      }
      return e;
    }

    Call parseCall() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String name = text.substring(start, pos);
      skipSpaces();
      expect('(');
      List<Expr> args = new ArrayList<>();
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return new Call(name, args);
      }
      while (true) {
        args.add(parseArg());
        skipSpaces();
        char c = next();
        if (c == ')') {
          return new Call(name, args);
        }
        if (c != ',') {
          throw failure("Expected ',' or ')' in " + text);
        }
      }
    }

    Expr parseArg() {
      skipSpaces();
      char c = peek();
      if (c == '\'') {
        return parseString();
      }
      if (c == '$') {
        return parsePath();
      }
      if (text.startsWith("States.", pos)) {
        return parseCall();
      }
      int start = pos;
      while (pos < text.length() && ",)".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String token = text.substring(start, pos).trim();
      return switch (token) {
        case "null" -> new Literal(NullNode.getInstance(), token);
        case "true" -> new Literal(Json.NODES.booleanNode(true), token);
        case "false" -> new Literal(Json.NODES.booleanNode(false), token);
        default -> {
          try {
            BigDecimal n = new BigDecimal(token);
            JsonNode v =
                n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0 && !token.contains(".")
                    ? Json.NODES.numberNode(n.toBigIntegerExact())
                    : com.fasterxml.jackson.databind.node.DecimalNode.valueOf(n);
            yield new Literal(v, token);
          } catch (ArithmeticException | NumberFormatException e) {
            throw failure("Invalid argument '" + token + "' in " + text);
          }
        }
      };
    }

    Literal parseString() {
      pos++;
      StringBuilder raw = new StringBuilder();
      StringBuilder plain = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw failure("Unterminated string literal in " + text);
        }
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          char escaped = text.charAt(pos++);
          plain.append(escaped);
          if (escaped == '\'') {
            raw.append(escaped);
          } else {
            raw.append('\\').append(escaped);
          }
        } else if (c == '\'') {
          return new Literal(Json.NODES.textNode(plain.toString()), raw.toString());
        } else {
          plain.append(c);
          raw.append(c);
        }
      }
    }

    Path parsePath() {
      int start = pos;
      int depth = 0;
      char quote = 0;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[' || c == '(') {
          depth++;
        } else if (c == ']' || c == ')') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (c == ',' && depth == 0) {
          break;
        }
        pos++;
      }
      return new Path(text.substring(start, pos).trim());
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    char next() {
      if (pos >= text.length()) {
        throw failure("Unexpected end of " + text);
      }
      return text.charAt(pos++);
    }

    void expect(char c) {
      if (next() != c) {
        throw failure("Expected '" + c + "' at position " + (pos - 1) + " in " + text);
      }
    }
  }

  private static StatesFailure failure(String cause) {
    return new StatesFailure(ErrorNames.INTRINSIC_FAILURE, cause);
  }

  private static JsonNode apply(Call call, List<JsonNode> a) {
    String name = call.name();
    return switch (name) {
      case "States.Format" -> format(call, a);
      case "States.StringToJson" -> {
        arity(name, a, 1, 1);
        String source = text(name, a.get(0));
        if (source.isBlank()) {
          yield NullNode.getInstance();
        }
        try {
          yield Json.parse(source);
        } catch (IllegalArgumentException e) {
          throw failure("Invalid JSON string passed to States.StringToJson: " + e.getMessage());
        }
      }
      case "States.JsonToString" -> {
        arity(name, a, 1, 1);
        yield Json.NODES.textNode(Json.write(a.get(0)));
      }
      case "States.Array" -> {
        ArrayNode out = Json.array();
        a.forEach(out::add);
        yield out;
      }
      case "States.ArrayPartition" -> {
        arity(name, a, 2, 2);
        ArrayNode in = array(name, a.get(0));
        int size = integer(name, a.get(1));
        if (size <= 0) {
          throw failure("The chunk size passed to States.ArrayPartition must be positive");
        }
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (int i = 0; i < in.size(); i++) {
          if (i % size == 0) {
            chunk = out.addArray();
          }
          chunk.add(in.get(i));
        }
        yield out;
      }
      case "States.ArrayContains" -> {
        arity(name, a, 2, 2);
        ArrayNode in = array(name, a.get(0));
        boolean found = false;
        for (JsonNode item : in) {
          found |= JsonEquality.equal(item, a.get(1));
        }
        yield Json.NODES.booleanNode(found);
      }
      case "States.ArrayRange" -> {
        arity(name, a, 3, 3);
        int start = integer(name, a.get(0));
        int end = integer(name, a.get(1));
        int step = integer(name, a.get(2));
        if (step == 0) {
          throw failure("The step passed to States.ArrayRange must not be 0");
        }
        ArrayNode out = Json.array();
        for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
          out.add(i);
          if (out.size() > 1000) {
            throw failure("States.ArrayRange may produce at most 1000 items");
          }
        }
        yield out;
      }
      case "States.ArrayGetItem" -> {
        arity(name, a, 2, 2);
        ArrayNode in = array(name, a.get(0));
        int index = integer(name, a.get(1));
        if (index < 0 || index >= in.size()) {
          throw failure("Index " + index + " is out of bounds for an array of length " + in.size());
        }
        yield in.get(index);
      }
      case "States.ArrayLength" -> {
        arity(name, a, 1, 1);
        yield Json.NODES.numberNode(array(name, a.get(0)).size());
      }
      case "States.ArrayUnique" -> {
        arity(name, a, 1, 1);
        ArrayNode out = Json.array();
        for (JsonNode item : array(name, a.get(0))) {
          boolean seen = false;
          for (JsonNode kept : out) {
            seen |= JsonEquality.equal(kept, item);
          }
          if (!seen) {
            out.add(item);
          }
        }
        yield out;
      }
      case "States.Base64Encode" -> {
        arity(name, a, 1, 1);
        yield Json.NODES.textNode(
            Base64.getEncoder().encodeToString(text(name, a.get(0)).getBytes(StandardCharsets.UTF_8)));
      }
      case "States.Base64Decode" -> {
        arity(name, a, 1, 1);
        try {
          yield Json.NODES.textNode(
              new String(Base64.getDecoder().decode(text(name, a.get(0))), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw failure("Invalid base64 string passed to States.Base64Decode");
        }
      }
      case "States.Hash" -> {
        arity(name, a, 2, 2);
        String algorithm = HASH_ALGORITHMS.get(text(name, a.get(1)));
        if (algorithm == null) {
          throw failure("Unsupported hash algorithm " + a.get(1).asText());
        }
        JsonNode data = a.get(0);
        String input = data.isTextual() ? data.textValue() : Json.write(data);
        try {
          byte[] digest = MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
          yield Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
          throw failure("Unsupported hash algorithm " + algorithm);
        }
      }
      case "States.JsonMerge" -> {
        arity(name, a, 3, 3);
        if (!a.get(0).isObject() || !a.get(1).isObject()) {
          throw failure("States.JsonMerge expects two JSON objects");
        }
        if (a.get(2).asBoolean(false)) {
          throw failure("States.JsonMerge supports only a shallow merge (false)");
        }
        ObjectNode out = ((ObjectNode) a.get(0)).deepCopy();
        out.setAll((ObjectNode) a.get(1));
        yield out;
      }
      case "States.MathRandom" -> {
        arity(name, a, 2, 3);
        int start = integer(name, a.get(0));
        int end = integer(name, a.get(1));
        Random random =
            a.size() == 3 ? new Random(integer(name, a.get(2))) : ThreadLocalRandom.current();
        yield Json.NODES.numberNode(start + random.nextInt(Math.max(1, end - start)));
      }
      case "States.MathAdd" -> {
        arity(name, a, 2, 2);
        yield Json.NODES.numberNode(rounded(name, a.get(0)) + rounded(name, a.get(1)));
      }
      case "States.StringSplit" -> {
        arity(name, a, 2, 2);
        String s = text(name, a.get(0));
        String delimiters = text(name, a.get(1));
        ArrayNode out = Json.array();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (delimiters.indexOf(c) >= 0) {
            if (!part.isEmpty()) {
              out.add(part.toString());
            }
            part.setLength(0);
          } else {
            part.append(c);
          }
        }
        if (!part.isEmpty()) {
          out.add(part.toString());
        }
        yield out;
      }
      case "States.UUID" -> {
        arity(name, a, 0, 0);
        yield Json.NODES.textNode(UUID.randomUUID().toString());
      }
      default -> throw failure("Unknown intrinsic function " + name);
    };
  }

  private static JsonNode format(Call call, List<JsonNode> a) {
    if (a.isEmpty() || !a.get(0).isTextual()) {
      throw failure("The first argument of States.Format must be a string");
    }
    String raw = call.args().get(0) instanceof Literal template ? template.raw() : a.get(0).textValue();
    StringBuilder out = new StringBuilder();
    int arg = 1;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
        if (arg >= a.size()) {
          throw failure("Not enough arguments for the placeholders of States.Format");
        }
        JsonNode v = a.get(arg++);
        out.append(formatArgument(v));
        i++;
      } else {
        out.append(c);
      }
    }
    if (arg != a.size()) {
      throw failure("Too many arguments for the placeholders of States.Format");
    }
    return Json.NODES.textNode(out.toString());
  }

  /** Renders a States.Format argument as AWS does: objects and arrays in Java's Map/List style. */
  private static String formatArgument(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isObject()) {
      StringBuilder out = new StringBuilder("{");
      v.properties().forEach(e -> {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(e.getKey()).append('=').append(formatArgument(e.getValue()));
      });
      return out.append('}').toString();
    }
    if (v.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (JsonNode item : v) {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(formatArgument(item));
      }
      return out.append(']').toString();
    }
    return Json.write(v);
  }

  private static void arity(String name, List<JsonNode> a, int min, int max) {
    if (a.size() < min || a.size() > max) {
      throw failure(name + " expects " + (min == max ? min : min + " to " + max) + " arguments, got " + a.size());
    }
  }

  private static String text(String name, JsonNode n) {
    if (!n.isTextual()) {
      throw failure(name + " expects a string argument, got " + Json.write(n));
    }
    return n.textValue();
  }

  private static ArrayNode array(String name, JsonNode n) {
    if (!n.isArray()) {
      throw failure(name + " expects an array argument, got " + Json.write(n));
    }
    return (ArrayNode) n;
  }

  /** MathAdd rounds each operand half up, as AWS does (1.5 -> 2, -1.5 -> -1). */
  private static long rounded(String name, JsonNode n) {
    if (!n.isNumber()) {
      throw failure(name + " expects a number argument, got " + Json.write(n));
    }
    return Math.round(n.doubleValue());
  }

  private static int integer(String name, JsonNode n) {
    if (!n.isNumber()) {
      throw failure(name + " expects a number argument, got " + Json.write(n));
    }
    return n.intValue();
  }

}
