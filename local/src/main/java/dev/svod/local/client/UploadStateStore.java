package dev.svod.local.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers unfinished uploads so that running {@code vod upload} again continues one: a small
 * JSON file per (API, file path, size, modification time) — a file changed since is a new upload.
 */
public final class UploadStateStore {

  /** What is remembered of an upload in progress. */
  public record Saved(String api, String file, long size, long modifiedMillis, String uploadId,
      String videoId) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public UploadStateStore(Path dir) {
    this.dir = dir;
  }

  /** {@code $XDG_CACHE_HOME/vod/uploads}, else {@code ~/.cache/vod/uploads}. */
  public static UploadStateStore inUserCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return new UploadStateStore(cache.resolve("vod").resolve("uploads"));
  }

  public Optional<Saved> find(String api, Path file, long size, long modifiedMillis) {
    Path state = file(api, file, size, modifiedMillis);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(state.toFile(), Saved.class));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: start over rather than fail
    }
  }

  public void save(Saved saved) {
    Path state = file(saved.api(), Path.of(saved.file()), saved.size(), saved.modifiedMillis());
    try {
      Files.createDirectories(dir);
      Path temporary = state.resolveSibling(state.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), saved);
      Files.move(temporary, state, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the upload state under " + dir, e);
    }
  }

  public void forget(String api, Path file, long size, long modifiedMillis) {
    try {
      Files.deleteIfExists(file(api, file, size, modifiedMillis));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String api, Path file, long size, long modifiedMillis) {
    String key = api + "\n" + file.toAbsolutePath().normalize() + "\n" + size + "\n"
        + modifiedMillis;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
