package dev.svod.states.task;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The registry the embedding runtime fills: resource patterns (a {@code *} matches any text) to
 * handlers. The first registered pattern that matches wins. Patterns are matched against the full
 * resource and, when that fails, against the resource without its integration suffix, so
 * {@code arn:aws:states:::ecs:runTask} also serves {@code arn:aws:states:::ecs:runTask.sync}.
 */
public final class TaskHandlers {
  private record Entry(String pattern, Pattern regex, TaskHandler handler) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  /** Registers a handler for a resource pattern such as {@code arn:aws:lambda:*:function:*}. */
  public TaskHandlers register(String pattern, TaskHandler handler) {
    entries.add(new Entry(pattern, glob(pattern), handler));
    return this;
  }

  /** The handler for a resource, if one is registered. */
  public Optional<TaskHandler> find(String resource) {
    for (String candidate : List.of(resource, baseResource(resource))) {
      for (Entry e : entries) {
        if (e.regex().matcher(candidate).matches()) {
          return Optional.of(e.handler());
        }
      }
    }
    return Optional.empty();
  }

  /** Strips {@code .sync}, {@code .sync:2} and {@code .waitForTaskToken}. */
  public static String baseResource(String resource) {
    return resource.replaceFirst("\\.(sync(:\\d+)?|waitForTaskToken)$", "");
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
