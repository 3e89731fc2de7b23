package dev.svod.functions.upload;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 side of source uploads: one multipart upload per video, parts signed by the SDK presigner. */
final class SourceUploads {
  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final Duration ttl;

  SourceUploads(S3Client s3, S3Presigner presigner, String bucket, Duration ttl) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.ttl = ttl;
  }

  /** Starts a multipart upload and returns S3's upload id. */
  String start(String key, String contentType, Map<String, String> metadata) {
    return s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata))
        .uploadId();
  }

  /** A presigned PUT of one part; the content length is signed, so only a part of that size is accepted. */
  URL presignPart(String key, String s3UploadId, int partNumber, long contentLength) {
    return presigner.presignUploadPart(p -> p.signatureDuration(ttl)
            .uploadPartRequest(r -> r.bucket(bucket).key(key).uploadId(s3UploadId)
                .partNumber(partNumber).contentLength(contentLength)))
        .url();
  }

  /** Every part S3 holds, in part-number order (all pages of ListParts). */
  List<Part> parts(String key, String s3UploadId) {
    return s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(s3UploadId)).parts().stream().toList();
  }

  void complete(String key, String s3UploadId, CompletedMultipartUpload parts) {
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(s3UploadId).multipartUpload(parts));
  }

  /** Aborts the upload; an upload S3 no longer knows is already gone, which is the goal. */
  void abort(String key, String s3UploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(s3UploadId));
    } catch (NoSuchUploadException alreadyGone) {
      // nothing left behind either way
    }
  }
}
