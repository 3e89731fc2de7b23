package dev.svod.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Small readers over a synthesized template's JSON. */
final class Templates {

  private Templates() {}

  /** Resources of one type, by logical id. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Template template, String type) {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type);
  }

  /** The one resource of a type whose logical id starts with {@code prefix}. */
  static Map<String, Object> properties(Template template, String type, String prefix) {
    List<Map<String, Object>> matches = resources(template, type).entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + matches.size());
    }
    return properties(matches.get(0));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  /** Follows a path of map keys / list indexes. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      if (current == null) {
        throw new AssertionError("nothing at " + step + " of " + java.util.Arrays.toString(path));
      }
      current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
    }
    return (T) current;
  }

  /** Every IAM policy statement of the template, with the policy's logical id. */
  @SuppressWarnings("unchecked")
  static List<Map.Entry<String, Map<String, Object>>> statements(Template template) {
    return resources(template, "AWS::IAM::Policy").entrySet().stream()
        .flatMap(e -> ((List<Map<String, Object>>) at(e.getValue(), "Properties", "PolicyDocument", "Statement"))
            .stream().map(s -> Map.entry(e.getKey(), s)))
        .toList();
  }

  /** A value that may be one item or a list, as a list. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }
}
