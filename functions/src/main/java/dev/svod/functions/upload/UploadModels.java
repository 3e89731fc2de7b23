package dev.svod.functions.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Request and response bodies of the upload routes (JSON through Jackson). */
public final class UploadModels {
  private UploadModels() {}

  /** {@code POST /uploads}. */
  public record CreateUploadRequest(String filename, Long size, String contentType, String title) {}

  /** A presigned PUT for one part. */
  public record PartUrl(int partNumber, String url) {}

  /**
   * {@code POST /uploads} answer. {@code parts} holds the first {@link UploadService#FIRST_BATCH}
   * parts at most; the client asks for the rest with {@code POST /uploads/{id}/parts}.
   */
  public record CreateUploadResponse(String uploadId, String videoId, long partSize, int partCount,
      List<PartUrl> parts, String expiresAt) {}

  /** A part S3 already holds. */
  public record UploadedPart(int partNumber, String etag, long size) {}

  /** {@code GET /uploads/{id}}: status and the parts already received (for resuming). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UploadStatusResponse(String uploadId, String videoId, String status, long size,
      long partSize, int partCount, List<UploadedPart> parts, List<Integer> missingParts, String error) {}

  /** {@code POST /uploads/{id}/parts}. */
  public record PresignPartsRequest(List<Integer> partNumbers) {}

  /** Fresh URLs for the requested parts. */
  public record PresignPartsResponse(String uploadId, List<PartUrl> parts, String expiresAt) {}

  /** One part of {@code POST /uploads/{id}/complete}. */
  public record CompletedPart(Integer partNumber, String etag) {}

  /** {@code POST /uploads/{id}/complete}. */
  public record CompleteUploadRequest(List<CompletedPart> parts) {}

  /** Answer of complete and abort. */
  public record UploadResultResponse(String uploadId, String videoId, String status) {}
}
