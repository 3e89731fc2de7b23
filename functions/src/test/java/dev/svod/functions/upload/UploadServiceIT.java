package dev.svod.functions.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.testing.LocalAws;
import dev.svod.functions.upload.UploadModels.CompleteUploadRequest;
import dev.svod.functions.upload.UploadModels.CompletedPart;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadModels.CreateUploadResponse;
import dev.svod.functions.upload.UploadModels.PartUrl;
import dev.svod.functions.upload.UploadModels.PresignPartsRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploadServiceIT {
  private static final long MIB = 1024 * 1024;
  private static final long SIZE = 20 * MIB; // three parts: 8 + 8 + 4 MiB
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LocalAws aws = LocalAws.get();
  private VodConfig config;
  private Catalog catalog;
  private UploadService uploads;

  @BeforeEach
  void setUp() {
    config = aws.newConfig();
    catalog = new Catalog(aws.dynamoDb(), config.tableName());
    uploads = new UploadService(catalog, aws.s3(), aws.presigner(), config, Clock.systemUTC());
  }

  @Test
  void uploadsPartsThroughPresignedUrlsAndCompletes() throws Exception {
    CreateUploadResponse created = uploads.create(new CreateUploadRequest("clip.mp4", SIZE, "video/mp4", "Clip"));
    assertThat(created.partSize()).isEqualTo(8 * MIB);
    assertThat(created.partCount()).isEqualTo(3);
    assertThat(created.parts()).extracting(PartUrl::partNumber).containsExactly(1, 2, 3);
    assertThat(catalog.video(created.videoId()).getStatus()).isEqualTo("CREATED");

    List<CompletedPart> parts = new ArrayList<>();
    for (PartUrl part : created.parts()) {
      parts.add(new CompletedPart(part.partNumber(), put(part, bytes(created, part.partNumber()))));
    }
    var result = uploads.complete(created.uploadId(), new CompleteUploadRequest(parts));

    assertThat(result.status()).isEqualTo("UPLOADING");
    var head = aws.s3().headObject(b -> b.bucket(config.sourceBucket()).key(UploadService.sourceKey(created.videoId())));
    assertThat(head.contentLength()).isEqualTo(SIZE);
    assertThat(head.contentType()).isEqualTo("video/mp4");
  }

  @Test
  void resumesAfterAMissingPart() throws Exception {
    CreateUploadResponse created = uploads.create(new CreateUploadRequest("clip.mov", SIZE, "video/quicktime", null));
    String etag1 = put(created.parts().get(0), bytes(created, 1));
    String etag3 = put(created.parts().get(2), bytes(created, 3));

    var status = uploads.status(created.uploadId());
    assertThat(status.status()).isEqualTo("UPLOADING");
    assertThat(status.parts()).extracting(UploadModels.UploadedPart::partNumber).containsExactly(1, 3);
    assertThat(status.missingParts()).containsExactly(2);

    PartUrl fresh = uploads.presignParts(created.uploadId(), new PresignPartsRequest(List.of(2))).parts().get(0);
    String etag2 = put(fresh, bytes(created, 2));
    uploads.complete(created.uploadId(), new CompleteUploadRequest(List.of(
        new CompletedPart(1, etag1), new CompletedPart(2, etag2), new CompletedPart(3, etag3))));

    assertThat(aws.s3().headObject(b -> b.bucket(config.sourceBucket())
        .key(UploadService.sourceKey(created.videoId()))).contentLength()).isEqualTo(SIZE);
  }

  @Test
  void rejectsCompletionWithWrongEtagOrMissingPartNamingThem() throws Exception {
    CreateUploadResponse created = uploads.create(new CreateUploadRequest("clip.mp4", SIZE, "video/mp4", null));
    String etag1 = put(created.parts().get(0), bytes(created, 1));
    put(created.parts().get(1), bytes(created, 2));

    assertThatThrownBy(() -> uploads.complete(created.uploadId(), new CompleteUploadRequest(List.of(
            new CompletedPart(1, etag1), new CompletedPart(2, "\"0123456789abcdef0123456789abcdef\""),
            new CompletedPart(3, "\"ffffffffffffffffffffffffffffffff\"")))))
        .isInstanceOfSatisfying(InvalidPartsException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.wrongEtagParts()).containsExactly(2);
          assertThat(e.missingParts()).containsExactly(3);
          assertThat(e.getMessage()).contains("[3]").contains("[2]");
        });
    assertThat(uploads.status(created.uploadId()).status()).isEqualTo("UPLOADING");
  }

  @Test
  void rejectsPartOfAnotherSizeThanSigned() throws Exception {
    CreateUploadResponse created = uploads.create(new CreateUploadRequest("clip.mp4", SIZE, "video/mp4", null));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(created.parts().get(2).url()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) MIB])).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
  }

  @Test
  void rejectsUploadLargerThanLimit() {
    assertThatThrownBy(() -> uploads.create(
            new CreateUploadRequest("huge.mp4", config.maxUploadBytes() + 1, "video/mp4", null)))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("UPLOAD_TOO_LARGE"));
  }

  @Test
  void rejectsNonMediaFiles() {
    assertThatThrownBy(() -> uploads.create(new CreateUploadRequest("notes.txt", 10L, "text/plain", null)))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void abortLeavesNothingBehindAndClosesTheUpload() throws Exception {
    CreateUploadResponse created = uploads.create(new CreateUploadRequest("clip.mp4", SIZE, "video/mp4", null));
    put(created.parts().get(0), bytes(created, 1));

    assertThat(uploads.abort(created.uploadId()).status()).isEqualTo("ABORTED");

    assertThat(aws.s3().listMultipartUploads(b -> b.bucket(config.sourceBucket())).uploads()).isEmpty();
    assertThat(aws.s3().listObjectsV2(b -> b.bucket(config.sourceBucket())).contents()).isEmpty();
    assertThat(catalog.findVideo(created.videoId())).isEmpty();
    assertThatThrownBy(() -> uploads.complete(created.uploadId(),
            new CompleteUploadRequest(List.of(new CompletedPart(1, "x")))))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void choosesPartSizeWithinS3Limits() {
    assertThat(UploadService.partSizeFor(1)).isEqualTo(8 * MIB);
    long fiftyGib = 50L * 1024 * MIB;
    long partSize = UploadService.partSizeFor(fiftyGib);
    assertThat((fiftyGib + partSize - 1) / partSize).isLessThanOrEqualTo(10_000);
    long fiveTib = 5L * 1024 * 1024 * MIB;
    assertThat((fiveTib + UploadService.partSizeFor(fiveTib) - 1) / UploadService.partSizeFor(fiveTib))
        .isLessThanOrEqualTo(10_000);
  }

  /** The bytes of one part: a recognisable pattern, sized as the upload expects. */
  private static byte[] bytes(CreateUploadResponse upload, int partNumber) {
    long offset = (partNumber - 1L) * upload.partSize();
    byte[] data = new byte[(int) Math.min(upload.partSize(), SIZE - offset)];
    Arrays.fill(data, (byte) partNumber);
    return data;
  }

  private static String put(PartUrl part, byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(part.url()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow();
  }
}
