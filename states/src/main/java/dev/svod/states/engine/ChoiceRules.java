package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.states.StatesFailure;
import dev.svod.states.asl.ErrorNames;
import dev.svod.states.asl.JsonPaths;
import dev.svod.states.asl.PathNotFoundFailure;
import dev.svod.states.asl.PathScope;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** Evaluates JSONPath Choice rules: And/Or/Not and every comparison operator and its Path form. */
final class ChoiceRules {
  private ChoiceRules() {}

  static boolean evaluate(JsonNode rule, PathScope scope) {
    if (rule.has("And")) {
      for (JsonNode r : rule.get("And")) {
        if (!evaluate(r, scope)) {
          return false;
        }
      }
      return true;
    }
    if (rule.has("Or")) {
      for (JsonNode r : rule.get("Or")) {
        if (evaluate(r, scope)) {
          return true;
        }
      }
      return false;
    }
    if (rule.has("Not")) {
      return !evaluate(rule.get("Not"), scope);
    }
    String variablePath = rule.path("Variable").asText(null);
    if (variablePath == null) {
      throw new StatesFailure(ErrorNames.RUNTIME, "A choice rule has no Variable");
    }
    Map.Entry<String, JsonNode> op = operator(rule);
    String name = op.getKey();
    JsonNode operand = op.getValue();
    JsonNode variable;
    try {
      variable = JsonPaths.read(scope, variablePath);
    } catch (PathNotFoundFailure e) {
      if (name.equals("IsPresent")) {
        return !operand.asBoolean();
      }
      throw new StatesFailure(
          ErrorNames.RUNTIME,
          "Invalid path '" + variablePath + "': The choice state's condition path references an invalid value.");
    }
    if (name.equals("IsPresent")) {
      return operand.asBoolean();
    }
    if (name.endsWith("Path") && !name.equals("IsPresent")) {
      name = name.substring(0, name.length() - 4);
      try {
        operand = JsonPaths.read(scope, operand.asText());
      } catch (PathNotFoundFailure e) {
        throw new StatesFailure(
            ErrorNames.RUNTIME,
            "Invalid path '" + op.getValue().asText() + "': The choice state's condition path references an invalid value.");
      }
    }
    return compare(name, variable, operand);
  }

  private static Map.Entry<String, JsonNode> operator(JsonNode rule) {
    Iterator<Map.Entry<String, JsonNode>> it = rule.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!k.equals("Variable") && !k.equals("Next") && !k.equals("Comment") && !k.equals("Assign")) {
        return e;
      }
    }
    throw new StatesFailure(ErrorNames.RUNTIME, "A choice rule has no comparison operator");
  }

  private static boolean compare(String op, JsonNode v, JsonNode operand) {
    switch (op) {
      case "IsNull":
        return v.isNull() == operand.asBoolean();
      case "IsNumeric":
        return v.isNumber() == operand.asBoolean();
      case "IsString":
        return v.isTextual() == operand.asBoolean();
      case "IsBoolean":
        return v.isBoolean() == operand.asBoolean();
      case "IsTimestamp":
        return (v.isTextual() && Interpreter.parseTimestamp(v.textValue()) != null) == operand.asBoolean();
      case "BooleanEquals":
        return v.isBoolean() && operand.isBoolean() && v.booleanValue() == operand.booleanValue();
      case "StringMatches":
        return v.isTextual() && operand.isTextual() && matches(v.textValue(), operand.textValue());
      default:
        break;
    }
    if (op.startsWith("String")) {
      if (!v.isTextual() || !operand.isTextual()) {
        return false;
      }
      return ordered(op.substring("String".length()), v.textValue().compareTo(operand.textValue()));
    }
    if (op.startsWith("Numeric")) {
      if (!v.isNumber() || !operand.isNumber()) {
        return false;
      }
      return ordered(op.substring("Numeric".length()), v.decimalValue().compareTo(operand.decimalValue()));
    }
    if (op.startsWith("Timestamp")) {
      Instant a = v.isTextual() ? Interpreter.parseTimestamp(v.textValue()) : null;
      Instant b = operand.isTextual() ? Interpreter.parseTimestamp(operand.textValue()) : null;
      if (a == null || b == null) {
        return false;
      }
      return ordered(op.substring("Timestamp".length()), a.compareTo(b));
    }
    throw new StatesFailure(ErrorNames.RUNTIME, "Unknown choice operator " + op);
  }

  private static boolean ordered(String relation, int c) {
    return switch (relation) {
      case "Equals" -> c == 0;
      case "LessThan" -> c < 0;
      case "GreaterThan" -> c > 0;
      case "LessThanEquals" -> c <= 0;
      case "GreaterThanEquals" -> c >= 0;
      default -> throw new StatesFailure(ErrorNames.RUNTIME, "Unknown comparison " + relation);
    };
  }

  /** StringMatches: '*' matches any run of characters; '\*' and '\\' are literal. */
  static boolean matches(String value, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches("(?s)" + regex);
  }
}
