package dev.svod.local.lambda;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds handler instances the way the local runtime needs them: through the constructor that
 * takes clients and configuration (the one tests use), fed with clients pointed at the local
 * endpoints, instead of the no-arg constructor that reads the process environment.
 *
 * <p>The public constructor with the most parameters that can all be supplied wins; a parameter
 * is supplied by the first resource assignable to its type. A class whose constructors need
 * anything else is an error naming what is missing.
 */
public final class HandlerFactory {

  private final List<Object> resources;

  /** @param resources clients, configuration and other values handlers may take */
  public HandlerFactory(List<?> resources) {
    this.resources = List.copyOf(resources);
  }

  /** A new instance of the named class. */
  public Object create(String className) {
    try {
      return create(Class.forName(className));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Handler class not found: " + className, e);
    }
  }

  /** A new instance of the class. */
  public <T> T create(Class<T> type) {
    Constructor<?> constructor =
        Arrays.stream(type.getConstructors())
            .filter(c -> Arrays.stream(c.getParameterTypes()).allMatch(p -> find(p).isPresent()))
            .max(Comparator.comparingInt(Constructor::getParameterCount))
            .orElseThrow(() -> new IllegalArgumentException(describeMissing(type)));
    Object[] arguments =
        Arrays.stream(constructor.getParameterTypes()).map(p -> find(p).orElseThrow()).toArray();
    try {
      return type.cast(constructor.newInstance(arguments));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Cannot construct " + type.getName() + ": " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + type.getName() + ": " + e, e);
    }
  }

  private Optional<Object> find(Class<?> parameter) {
    return resources.stream().filter(parameter::isInstance).findFirst();
  }

  private String describeMissing(Class<?> type) {
    if (Modifier.isAbstract(type.getModifiers())) {
      return type.getName() + " is abstract";
    }
    StringBuilder message =
        new StringBuilder("No public constructor of ")
            .append(type.getName())
            .append(" can be built from the local runtime's resources; missing:");
    for (Constructor<?> c : type.getConstructors()) {
      message.append(" (");
      message.append(
          String.join(
              ", ",
              Arrays.stream(c.getParameterTypes())
                  .filter(p -> find(p).isEmpty())
                  .map(Class::getSimpleName)
                  .toList()));
      message.append(")");
    }
    return message.toString();
  }
}
