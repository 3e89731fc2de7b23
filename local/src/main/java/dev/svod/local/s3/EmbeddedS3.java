package dev.svod.local.s3;

import dev.svod.local.LocalCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3 on the local file system: S3Proxy in front of a directory per bucket, checking AWS SigV4 (and
 * V2) signatures, presigned URLs included, against {@link LocalCredentials}; CORS open to any
 * origin so that the browser console can PUT parts and read their ETag; and S3 event
 * notifications through a {@link NotificationOutbox}. Path-style addressing
 * ({@code http://host:port/bucket/key}).
 */
public final class EmbeddedS3 implements AutoCloseable {

  /** Headers a browser may read from S3 responses: the ETag is needed to complete an upload. */
  private static final List<String> EXPOSED_HEADERS =
      List.of("ETag", "Content-Length", "Content-Range", "x-amz-request-id", "x-amz-version-id");

  private final S3Proxy proxy;
  private final BlobStore store;
  private final NotificationOutbox outbox;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, BlobStore store, NotificationOutbox outbox, URI endpoint) {
    this.proxy = proxy;
    this.store = store;
    this.outbox = outbox;
    this.endpoint = endpoint;
  }

  /**
   * Starts S3 with its objects under {@code dataDir/s3} and its notification outbox under
   * {@code dataDir/s3-notifications}, creating the buckets that do not exist yet.
   *
   * @param port 0 for any free port
   * @param notifications which buckets/keys notify; events wait on disk until
   *     {@link #startNotifications} names the listener
   */
  public static EmbeddedS3 start(
      Path dataDir,
      String host,
      int port,
      LocalCredentials credentials,
      List<String> buckets,
      List<NotificationOutbox.Rule> notifications) {
    Path root = dataDir.resolve("s3");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + root, e);
    }
    BlobStore files = new FilesystemNio2BlobStore(root.toString());
    for (String bucket : buckets) {
      if (!files.containerExists(bucket)) {
        files.createContainer(bucket);
      }
    }
    NotificationOutbox outbox =
        new NotificationOutbox(
            dataDir.resolve("s3-notifications"),
            credentials.region().id(),
            notifications,
            3,
            Duration.ofSeconds(1));
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new NotifyingBlobStore(files, outbox))
            .endpoint(URI.create("http://" + host + ":" + port))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4,
                credentials.accessKeyId(),
                credentials.secretAccessKey())
            .corsRules(
                new CrossOriginResourceSharing(
                    List.of("*"),
                    List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
                    List.of("*"),
                    EXPOSED_HEADERS,
                    "false"))
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      outbox.close();
      throw new IllegalStateException(
          "Cannot start S3 on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
    return new EmbeddedS3(proxy, files, outbox, endpoint);
  }

  /** Starts delivering S3 events (those left pending by an earlier run first). */
  public void startNotifications(NotificationOutbox.Listener listener) {
    outbox.startDelivery(listener);
  }

  /** The S3 endpoint, e.g. {@code http://127.0.0.1:8643}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The objects themselves, without HTTP: what the edge serves from. */
  public BlobStore store() {
    return store;
  }

  /** The notification outbox (pending and failed events). */
  public NotificationOutbox notifications() {
    return outbox;
  }

  @Override
  public void close() {
    outbox.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop S3: " + e.getMessage(), e);
    }
  }
}
