package dev.svod.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.local.client.VodApiClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client side of a presigned multipart upload, step by step as DESIGN.md describes it:
 * {@code POST /uploads}, a PUT of each part straight to S3 through its presigned URL, then
 * {@code POST /uploads/{id}/complete} with the ETags S3 answered. Kept step by step (rather than
 * using {@code ResumableUploader}) so that a scenario can stop between parts.
 */
final class ApiUploads {

  /** An upload the API created. */
  record Created(String uploadId, String videoId, long partSize, Map<Integer, URI> partUrls) {}

  private final VodApiClient api;
  private final HttpClient http;

  ApiUploads(VodApiClient api, HttpClient http) {
    this.api = api;
    this.http = http;
  }

  /** Uploads the whole file and completes the upload; returns what the API created. */
  Created upload(Path file, String filename, String contentType) throws IOException,
      InterruptedException {
    Created created = create(file, filename, contentType);
    Map<Integer, String> eTags = new TreeMap<>();
    for (int part : created.partUrls().keySet()) {
      eTags.put(part, putPart(created, file, part));
    }
    api.complete(created.uploadId(), eTags);
    return created;
  }

  /** {@code POST /uploads} for this file. */
  Created create(Path file, String filename, String contentType) throws IOException {
    JsonNode answer = api.createUpload(filename, Files.size(file), contentType, "contract " + filename);
    Created created = new Created(answer.path("uploadId").asText(), answer.path("videoId").asText(),
        answer.path("partSize").asLong(), VodApiClient.partUrls(answer));
    assertThat(created.uploadId()).as("uploadId in %s", answer).isNotBlank();
    assertThat(created.videoId()).as("videoId in %s", answer).isNotBlank();
    assertThat(created.partUrls()).as("presigned part URLs in %s", answer).isNotEmpty();
    return created;
  }

  /** PUTs one part to its presigned URL; returns the ETag S3 answered. */
  String putPart(Created upload, Path file, int partNumber) throws IOException,
      InterruptedException {
    long offset = (partNumber - 1L) * upload.partSize();
    byte[] bytes;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      bytes = new byte[(int) Math.min(upload.partSize(), in.length() - offset)];
      in.seek(offset);
      in.readFully(bytes);
    }
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(upload.partUrls().get(partNumber))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("PUT part %d: %s", partNumber, response.body())
        .isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow(
        () -> new AssertionError("S3 answered part " + partNumber + " without an ETag"));
  }
}
