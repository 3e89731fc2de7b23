package dev.svod.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route, {@code METHOD /path/{param}/...}, matched the way API Gateway matches routes
 * of an HTTP API: literal segments exactly, {@code {name}} one segment, {@code {name+}} the rest,
 * {@code ANY} any method.
 */
public record RouteTemplate(String method, List<String> segments) {

  /** A successful match: the route key and its URL-decoded path parameters. */
  public record Match(String routeKey, Map<String, String> pathParameters) {}

  /** Parses a route key such as {@code POST /uploads/{uploadId}/complete}. */
  public static RouteTemplate parse(String routeKey) {
    String[] parts = routeKey.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[1].startsWith("/")) {
      throw new IllegalArgumentException("Not a route key: " + routeKey);
    }
    return new RouteTemplate(parts[0].toUpperCase(java.util.Locale.ROOT), split(parts[1]));
  }

  /** The route key ({@code METHOD /path}). */
  public String routeKey() {
    return method + " /" + String.join("/", segments);
  }

  /** Matches a request; the path is the raw (still encoded) path. */
  public Optional<Match> match(String requestMethod, String rawPath) {
    if (!method.equals("ANY") && !method.equals(requestMethod)) {
      return Optional.empty();
    }
    List<String> actual = split(rawPath);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String expected = segments.get(i);
      boolean greedy = expected.startsWith("{") && expected.endsWith("+}");
      if (greedy) {
        if (i >= actual.size()) {
          return Optional.empty();
        }
        String rest = String.join("/", actual.subList(i, actual.size()));
        parameters.put(expected.substring(1, expected.length() - 2), decode(rest));
        return Optional.of(new Match(routeKey(), parameters));
      }
      if (i >= actual.size()) {
        return Optional.empty();
      }
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual.get(i).isEmpty()) {
          return Optional.empty();
        }
        parameters.put(expected.substring(1, expected.length() - 1), decode(actual.get(i)));
      } else if (!expected.equals(actual.get(i))) {
        return Optional.empty();
      }
    }
    return actual.size() == segments.size()
        ? Optional.of(new Match(routeKey(), parameters))
        : Optional.empty();
  }

  private static List<String> split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }

  private static String decode(String segment) {
    // Path segments: '+' is a literal plus, not a space.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
