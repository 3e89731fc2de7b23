package dev.svod.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Moves files between the task's disk and S3: downloads the source, uploads outputs with the
 * Content-Type and Cache-Control of DESIGN.md (playlists and cue files: short lifetime so a rewritten
 * master is seen quickly, the edge compresses them; segments and images: immutable).
 */
public final class OutputStore {
  /** Cache-Control of playlists and WebVTT. */
  public static final String SHORT_CACHE = "public, max-age=30";
  /** Cache-Control of segments, init segments and images: never rewritten once referenced. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final int UPLOAD_THREADS = 8;

  private final S3Client s3;

  public OutputStore(S3Client s3) {
    this.s3 = s3;
  }

  /** Downloads an object to {@code target} (which must not exist). */
  public void download(String bucket, String key, Path target) {
    s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
  }

  /** Reads a small text object (a playlist). */
  public String readText(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /** Sizes of every object under {@code prefix}, by key. */
  public Map<String, Long> sizes(String bucket, String prefix) {
    Map<String, Long> sizes = new HashMap<>();
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
      page.contents().forEach(object -> sizes.put(object.key(), object.size()));
    }
    return sizes;
  }

  /** Content-Type of an output file by extension. */
  public static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".m3u8")) {
      return "application/vnd.apple.mpegurl";
    } else if (lower.endsWith(".m4s")) {
      return "video/iso.segment";
    } else if (lower.endsWith(".mp4")) {
      return "video/mp4";
    } else if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (lower.endsWith(".vtt")) {
      return "text/vtt; charset=utf-8";
    }
    return "application/octet-stream";
  }

  /** Cache-Control of an output file by extension. */
  public static String cacheControl(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".m3u8") || lower.endsWith(".vtt") ? SHORT_CACHE : IMMUTABLE;
  }

  /** Uploads one file to {@code key}. */
  public void upload(Path file, String bucket, String key) {
    put(bucket, key, file.getFileName().toString(), RequestBody.fromFile(file));
  }

  /** Writes text (a playlist) to {@code key}. */
  public void putText(String bucket, String key, String text) {
    put(bucket, key, key, RequestBody.fromString(text));
  }

  /** The one PUT of an output, its headers chosen by {@code name}'s extension. */
  private void put(String bucket, String key, String name, RequestBody body) {
    s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType(name)).cacheControl(cacheControl(name)),
        body);
  }

  /**
   * Uploads every regular, non-hidden file of {@code dir} under {@code prefix}, in parallel, playlists
   * last so that no playlist is visible before the segments it lists.
   */
  public void uploadDirectory(Path dir, String bucket, String prefix) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    List<Path> media = files.stream().filter(f -> !f.toString().endsWith(".m3u8")).toList();
    List<Path> playlists = files.stream().filter(f -> f.toString().endsWith(".m3u8")).toList();
    uploadAll(media, bucket, prefix);
    uploadAll(playlists, bucket, prefix);
  }

  private void uploadAll(List<Path> files, String bucket, String prefix) {
    ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (Path file : files) {
        uploads.add(pool.submit(() -> upload(file, bucket, prefix + file.getFileName())));
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while uploading " + prefix, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("upload failed under " + prefix, e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
