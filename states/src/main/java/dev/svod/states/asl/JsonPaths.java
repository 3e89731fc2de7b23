package dev.svod.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.svod.states.StatesFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath as Step Functions evaluates it: Jayway JsonPath over Jackson trees, plus the context
 * object ({@code $$}) and variable references ({@code $name.field}). Compiled paths are cached.
 */
public final class JsonPaths {
  private static final Configuration CONFIG =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();
  private static final ConcurrentHashMap<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
  private static final java.util.regex.Pattern QUOTED_MEMBER = java.util.regex.Pattern.compile("\\$\\['([^']*)'\\]");

  private JsonPaths() {}

  /** Evaluates a path ($..., $$..., $var...) in a scope; throws {@link PathNotFoundFailure}. */
  public static JsonNode read(PathScope scope, String path) {
    if (path.startsWith("$$")) {
      return read(scope.context(), path.substring(1));
    }
    if (path.startsWith("$") && path.length() > 1 && isVariableStart(path.charAt(1))) {
      int end = 1;
      while (end < path.length() && isVariablePart(path.charAt(end))) {
        end++;
      }
      String name = path.substring(1, end);
      JsonNode value = scope.variable(name);
      if (value == null) {
        throw new StatesFailure(
            ErrorNames.RUNTIME, "The variable '" + name + "' is not defined: " + path);
      }
      return read(value, "$" + path.substring(end));
    }
    return read(scope.input(), path);
  }

  /** Evaluates a plain JSONPath against one document. */
  public static JsonNode read(JsonNode document, String path) {
    if (path.equals("$")) {
      return document;
    }
    java.util.regex.Matcher quoted = QUOTED_MEMBER.matcher(path);
    if (quoted.matches()) {
      // Jayway would treat backslashes inside the quotes as escapes; AWS takes the name verbatim.
      JsonNode member = document.get(quoted.group(1));
      if (member == null) {
        throw new PathNotFoundFailure(path, "No results for path: " + path);
      }
      return member;
    }
    JsonPath compiled = COMPILED.computeIfAbsent(path, JsonPaths::compile);
    try {
      Object result = compiled.read(document, CONFIG);
      return result instanceof JsonNode n ? n : Json.fromJava(result);
    } catch (PathNotFoundException e) {
      if (!compiled.isDefinite()) {
        return Json.array();
      }
      throw new PathNotFoundFailure(path, e.getMessage());
    } catch (RuntimeException e) {
      throw new PathNotFoundFailure(path, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Why a path (plain, context {@code $$...} or variable {@code $name...}) is not valid JSONPath,
   * or null when it is. Used by the validator so bad paths fail at definition time.
   */
  public static String problem(String path) {
    String plain = path;
    if (path.startsWith("$$")) {
      plain = path.substring(1);
    } else if (path.startsWith("$") && path.length() > 1 && isVariableStart(path.charAt(1))) {
      int end = 1;
      while (end < path.length() && isVariablePart(path.charAt(end))) {
        end++;
      }
      plain = "$" + path.substring(end);
    }
    if (!plain.startsWith("$")) {
      return "a path must start with '$'";
    }
    if (plain.equals("$") || QUOTED_MEMBER.matcher(plain).matches()) {
      return null;
    }
    try {
      COMPILED.computeIfAbsent(plain, JsonPaths::compile);
      return null;
    } catch (StatesFailure e) {
      return e.cause();
    }
  }

  /** Why a ResultPath is not a reference path ({@code $.a.b[0]}), or null when it is one. */
  public static String referencePathProblem(String path) {
    if (!path.startsWith("$")) {
      return "a path must start with '$'";
    }
    try {
      steps(path);
      return null;
    } catch (StatesFailure e) {
      return e.cause();
    }
  }

  private static JsonPath compile(String path) {
    try {
      return JsonPath.compile(path);
    } catch (RuntimeException e) {
      throw new StatesFailure(ErrorNames.RUNTIME, "Invalid JSONPath '" + path + "': " + e.getMessage());
    }
  }

  private static boolean isVariableStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isVariablePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * Writes {@code value} into a copy of {@code document} at a reference path such as
   * {@code $.a.b} or {@code $.list[0]}, creating missing objects, as ResultPath does.
   */
  public static JsonNode set(JsonNode document, String path, JsonNode value) {
    if (path.equals("$")) {
      return value;
    }
    List<Object> steps = steps(path);
    if (!document.isObject()) {
      throw new StatesFailure(
          ErrorNames.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply step \"" + steps.get(0) + "\" to input " + Json.write(document));
    }
    JsonNode root = document.deepCopy();
    JsonNode current = root;
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String field) {
        if (!current.isObject()) {
          throw matchFailure(step, current);
        }
        ObjectNode obj = (ObjectNode) current;
        if (last) {
          obj.set(field, value);
        } else {
          JsonNode child = obj.get(field);
          if (child == null || child.isNull()) {
            child = obj.putObject(field);
          } else if (!child.isContainerNode()) {
            throw matchFailure(steps.get(i + 1), child);
          }
          current = child;
        }
      } else {
        int index = (Integer) step;
        if (!current.isArray() || index >= current.size()) {
          throw matchFailure(step, current);
        }
        if (last) {
          ((ArrayNode) current).set(index, value);
        } else {
          current = current.get(index);
        }
      }
    }
    return root;
  }

  private static StatesFailure matchFailure(Object step, JsonNode at) {
    return new StatesFailure(
        ErrorNames.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply step \"" + step + "\" to input " + Json.write(at));
  }

  /** Splits a reference path into field names and array indexes. */
  static List<Object> steps(String path) {
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw badReferencePath(path);
        }
        String inner = path.substring(i + 1, close).trim();
        if (inner.startsWith("'") || inner.startsWith("\"")) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          try {
            steps.add(Integer.parseInt(inner));
          } catch (NumberFormatException e) {
            throw badReferencePath(path);
          }
        }
        i = close + 1;
      } else {
        throw badReferencePath(path);
      }
    }
    return steps;
  }

  private static StatesFailure badReferencePath(String path) {
    return new StatesFailure(ErrorNames.RUNTIME, "Invalid reference path: " + path);
  }
}
