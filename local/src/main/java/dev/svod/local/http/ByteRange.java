package dev.svod.local.http;

import java.util.Optional;

/** One satisfiable byte range of an object of known size (RFC 9110 section 14.1.2). */
record ByteRange(long first, long last) {

  long length() {
    return last - first + 1;
  }

  boolean isWhole(long size) {
    return first == 0 && last == size - 1;
  }

  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Parses {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Empty when the range cannot
   * be satisfied (416). Several ranges are served as the whole object, which RFC 9110 allows.
   */
  static Optional<ByteRange> parse(String header, long size) {
    String value = header.trim();
    if (!value.startsWith("bytes=")) {
      return Optional.of(new ByteRange(0, size - 1));
    }
    String spec = value.substring("bytes=".length()).trim();
    if (spec.contains(",")) {
      return Optional.of(new ByteRange(0, size - 1));
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String start = spec.substring(0, dash).trim();
      String end = spec.substring(dash + 1).trim();
      if (start.isEmpty()) {
        long suffix = Long.parseLong(end);
        if (suffix <= 0 || size == 0) {
          return Optional.empty();
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(start);
      long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
      if (first >= size || last < first) {
        return Optional.empty();
      }
      return Optional.of(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
