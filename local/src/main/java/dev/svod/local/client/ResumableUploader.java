package dev.svod.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Uploads a file through the HTTP API: a multipart upload whose parts go straight to S3 through
 * presigned URLs, several at a time. Resumable: the upload id is remembered
 * ({@link UploadStateStore}); a new run asks the API which parts S3 already holds and sends only
 * the others. Expired URLs are renewed, a failed part is retried a few times.
 */
public final class ResumableUploader {

  /** What an upload did. */
  public record Result(String uploadId, String videoId, int partsSent, int partsAlreadyThere) {}

  private static final int MAX_ATTEMPTS = 4;
  private static final int PRESIGN_BATCH = 100;
  private static final Set<String> RESUMABLE = Set.of("CREATED", "UPLOADING");

  private final VodApiClient api;
  private final HttpClient http;
  private final UploadStateStore states;
  private final int parallelism;
  private final ProgressBarFactory progress;
  private IntConsumer afterPart = part -> {};

  /** Builds the progress display once the total is known. */
  @FunctionalInterface
  public interface ProgressBarFactory {
    ProgressBar create(long totalBytes);
  }

  public ResumableUploader(VodApiClient api, HttpClient http, UploadStateStore states,
      int parallelism, ProgressBarFactory progress) {
    this.api = api;
    this.http = http;
    this.states = states;
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
  }

  /** Called with each part number once S3 holds it (tests interrupt an upload with it). */
  public ResumableUploader afterEachPart(IntConsumer listener) {
    this.afterPart = listener;
    return this;
  }

  /** Uploads (or resumes uploading) a file and completes the upload. */
  public Result upload(Path file, String title, String contentType) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    String apiKey = api.base().toString();

    Plan plan = resume(apiKey, file, size, modified);
    if (plan == null) {
      JsonNode created = api.createUpload(file.getFileName().toString(), size, contentType, title);
      plan = new Plan(created.path("uploadId").asText(), created.path("videoId").asText(),
          created.path("partSize").asLong(), partCount(created, size), new TreeMap<>(),
          new ConcurrentHashMap<>(VodApiClient.partUrls(created)), false);
      states.save(new UploadStateStore.Saved(apiKey, file.toAbsolutePath().toString(), size,
          modified, plan.uploadId(), plan.videoId()));
    }
    if (plan.alreadyComplete()) {
      states.forget(apiKey, file, size, modified);
      return new Result(plan.uploadId(), plan.videoId(), 0, plan.partCount());
    }

    List<Integer> missing = new ArrayList<>();
    for (int part = 1; part <= plan.partCount(); part++) {
      if (!plan.eTags().containsKey(part)) {
        missing.add(part);
      }
    }
    long resumedBytes = 0;
    for (int part : plan.eTags().keySet()) {
      resumedBytes += partLength(plan, size, part);
    }
    Map<Integer, String> eTags = new ConcurrentHashMap<>(plan.eTags());
    sendParts(file, size, plan, missing, eTags, resumedBytes);
    JsonNode completed = api.complete(plan.uploadId(), eTags);
    states.forget(apiKey, file, size, modified);
    return new Result(plan.uploadId(), completed.path("videoId").asText(plan.videoId()),
        missing.size(), plan.eTags().size());
  }

  /** An upload to continue: ids, part layout, the parts S3 has, URLs at hand. */
  private record Plan(String uploadId, String videoId, long partSize, int partCount,
      Map<Integer, String> eTags, Map<Integer, URI> urls, boolean alreadyComplete) {}

  private Plan resume(String apiKey, Path file, long size, long modified) {
    var saved = states.find(apiKey, file, size, modified);
    if (saved.isEmpty()) {
      return null;
    }
    JsonNode status;
    try {
      status = api.uploadStatus(saved.get().uploadId());
    } catch (VodApiException e) {
      if (e.status() == 404) {
        return null; // gone (expired or aborted elsewhere): start again
      }
      throw e;
    }
    String state = status.path("status").asText();
    if (state.equals("UPLOADED")) {
      return new Plan(saved.get().uploadId(), saved.get().videoId(), 0,
          status.path("partCount").asInt(), Map.of(), Map.of(), true);
    }
    if (!RESUMABLE.contains(state)) {
      return null;
    }
    Map<Integer, String> eTags = new TreeMap<>();
    for (JsonNode part : status.path("parts")) {
      eTags.put(part.path("partNumber").asInt(), part.path("etag").asText());
    }
    return new Plan(saved.get().uploadId(), status.path("videoId").asText(saved.get().videoId()),
        status.path("partSize").asLong(), partCount(status, size), eTags,
        new ConcurrentHashMap<>(), false);
  }

  private static int partCount(JsonNode response, long size) {
    int count = response.path("partCount").asInt(0);
    if (count > 0) {
      return count;
    }
    long partSize = response.path("partSize").asLong();
    return (int) Math.max(1, (size + partSize - 1) / partSize);
  }

  private void sendParts(Path file, long size, Plan plan, List<Integer> missing,
      Map<Integer, String> eTags, long resumedBytes) throws IOException {
    AtomicLong sent = new AtomicLong(resumedBytes);
    ProgressBar bar = progress.create(size);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    var ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> bar.update(sent.get(), resumedBytes), 0, 250,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    try (FileChannel channel = FileChannel.open(file)) {
      for (int from = 0; from < missing.size(); from += PRESIGN_BATCH) {
        List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + PRESIGN_BATCH));
        List<Integer> withoutUrl = batch.stream().filter(p -> !plan.urls().containsKey(p)).toList();
        if (!withoutUrl.isEmpty()) {
          plan.urls().putAll(api.presignParts(plan.uploadId(), withoutUrl));
        }
        List<Future<?>> running = new ArrayList<>();
        for (int part : batch) {
          running.add(pool.submit(() -> {
            eTags.put(part, sendPart(channel, plan, size, part, sent));
            afterPart.accept(part);
            return null;
          }));
        }
        for (Future<?> future : running) {
          future.get();
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    } finally {
      ticker.shutdownNow();
      pool.shutdownNow();
    }
    bar.finish(sent.get(), resumedBytes);
  }

  private static long partLength(Plan plan, long size, int part) {
    long offset = (part - 1) * plan.partSize();
    return Math.min(plan.partSize(), size - offset);
  }

  private String sendPart(FileChannel channel, Plan plan, long size, int part, AtomicLong sent)
      throws IOException, InterruptedException {
    long offset = (part - 1) * plan.partSize();
    byte[] body = new byte[(int) partLength(plan, size, part)];
    ByteBuffer buffer = ByteBuffer.wrap(body);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("File shrank while uploading (part " + part + ")");
      }
    }
    IOException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      AtomicLong counted = new AtomicLong();
      HttpRequest request = HttpRequest.newBuilder(plan.urls().get(part))
          .timeout(Duration.ofMinutes(10))
          .PUT(HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(() -> counting(body, sent, counted)),
              body.length))
          .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        sent.addAndGet(-counted.get()); // sent again by the next attempt
        last = e;
        Thread.sleep(250L << attempt);
        continue;
      }
      if (response.statusCode() == 200) {
        return response.headers().firstValue("ETag").orElseThrow(
            () -> new IOException("S3 answered part " + part + " without an ETag (CORS?)"));
      }
      sent.addAndGet(-counted.get());
      last = new IOException(
          "Part " + part + ": HTTP " + response.statusCode() + " " + response.body());
      if (response.statusCode() == 403) {
        plan.urls().putAll(api.presignParts(plan.uploadId(), List.of(part))); // expired URL
      } else if (response.statusCode() < 500) {
        throw last;
      }
      Thread.sleep(250L << attempt);
    }
    throw last;
  }

  private static InputStream counting(byte[] body, AtomicLong total, AtomicLong counted) {
    return new FilterInputStream(new ByteArrayInputStream(body)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          total.addAndGet(n);
          counted.addAndGet(n);
        }
        return n;
      }
    };
  }
}
