package dev.svod.states;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders in a definition, as CDK's DefinitionSubstitutions and
 * SAM's DefinitionSubstitutions do, so the same {@code vod.asl.json} runs on AWS and locally.
 */
public final class DefinitionSubstitutions {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private DefinitionSubstitutions() {}

  /** Substitutes every placeholder; fails naming every placeholder without a value. */
  public static String apply(String definition, Map<String, String> values) {
    TreeSet<String> missing = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(definition);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        missing.add(m.group(1));
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("No value for the definition substitutions " + missing);
    }
    return out.toString();
  }

  /** The placeholder names a definition uses. */
  public static TreeSet<String> placeholders(String definition) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(definition);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
