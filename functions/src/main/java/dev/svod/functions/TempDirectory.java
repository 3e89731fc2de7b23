package dev.svod.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch directory (under {@code java.io.tmpdir}, i.e. Lambda's /tmp) removed with its content on close. */
public final class TempDirectory implements AutoCloseable {
  private final Path path;

  public TempDirectory(String prefix) {
    try {
      this.path = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a warm Lambda container's /tmp must not fill up, but a leftover is not an error
    }
  }
}
