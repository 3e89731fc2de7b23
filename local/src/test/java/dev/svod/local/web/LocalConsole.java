package dev.svod.local.web;

import dev.svod.local.runtime.LocalRuntime;
import dev.svod.local.runtime.PlaybackKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vod local} started in this JVM for the browser tests, serving this checkout's {@code web/}
 * at {@code /} (so the tests see the console being edited, not a packaged copy), the API at
 * {@code /api} and the edge at {@code /v/}, on free ports with state under a temporary directory.
 * Playback is signed ({@code vod local --signed-urls}), so the player tests also show that the
 * console adds the signature to every playlist, segment, poster and storyboard request (the edge
 * answers 403 to any request without it).
 */
final class LocalConsole implements AutoCloseable {

  private final LocalRuntime runtime;

  private LocalConsole(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  static LocalConsole start(Path dataDir) {
    return new LocalConsole(LocalRuntime.start(LocalRuntime.Options.of(dataDir, 0).withWebDir(webDir())
        .withSignedPlayback(PlaybackKeys.generate("WEB-CONSOLE-IT"))));
  }

  /** The runtime behind the console. */
  LocalRuntime runtime() {
    return runtime;
  }

  /** {@code http://127.0.0.1:port}: the console's origin. */
  URI baseUri() {
    return runtime.endpoints().http();
  }

  @Override
  public void close() {
    runtime.close();
  }

  /** The checkout's {@code web/} folder, found from the module directory Failsafe runs in. */
  private static Path webDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("web");
      if (Files.isRegularFile(candidate.resolve("index.html"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("No web/index.html above " + Path.of("").toAbsolutePath());
  }
}
