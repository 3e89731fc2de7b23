package dev.svod.infra;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Picking the values a consumer names (environment variables, ASL placeholders) from what infra offers. */
final class Values {

  private Values() {}

  /**
   * The value of every name, sorted by name; names without a value fail with the message built from
   * them, so a new variable or placeholder no one provides stops synthesis instead of deploying.
   */
  static Map<String, String> require(Collection<String> names, Map<String, String> available,
      Function<Set<String>, String> missingMessage) {
    Map<String, String> values = new TreeMap<>();
    Set<String> missing = new TreeSet<>();
    for (String name : names) {
      String value = available.get(name);
      if (value == null) {
        missing.add(name);
      } else {
        values.put(name, value);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missingMessage.apply(missing));
    }
    return values;
  }
}
