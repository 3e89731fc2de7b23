package dev.svod.local.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A blob store that reports the objects it creates (put, multipart completion, copy) to the
 * notification outbox once the underlying store has them, as S3 does after a successful request.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

  /** S3Proxy's own bookkeeping objects (multipart upload stubs): no event on AWS either. */
  private static final String S3PROXY_INTERNAL_PREFIX = ".s3proxy-";

  private final NotificationOutbox outbox;

  NotifyingBlobStore(BlobStore delegate, NotificationOutbox outbox) {
    super(delegate);
    this.outbox = outbox;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    PutObjectResponse response = super.putBlob(request, input);
    notifyCreated("ObjectCreated:Put", request.bucket(), request.key());
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    notifyCreated(
        "ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    notifyCreated("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
    return response;
  }

  private void notifyCreated(String eventName, String bucket, String key) {
    if (!key.startsWith(S3PROXY_INTERNAL_PREFIX) && outbox.wants(bucket, key)) {
      // Size and ETag as stored, whatever path the object took (single PUT, parts, copy).
      HeadObjectResponse stored = delegate().blobMetadata(bucket, key);
      outbox.publish(eventName, bucket, key, stored.contentLength(), stored.eTag());
    }
  }
}
