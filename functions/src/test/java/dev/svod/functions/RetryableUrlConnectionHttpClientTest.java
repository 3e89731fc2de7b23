package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class RetryableUrlConnectionHttpClientTest {
  private final ConnectionDroppingServer server = new ConnectionDroppingServer();

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  @Test
  void retriesAPutWhoseKeptAliveConnectionTheServerHasClosed() {
    // Given a server that silently closes every connection after one answer
    try (S3Client s3 = s3Through(RetryableUrlConnectionHttpClient.create())) {
      s3.putObject(b -> b.bucket("media").key("first"), RequestBody.fromString("one"));

      // When the next PUT picks the dead kept-alive connection
      s3.putObject(b -> b.bucket("media").key("second"), RequestBody.fromString("two"));
    }

    // Then the SDK retried it on a fresh connection
    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.answeredRequests()).isEqualTo(2);
  }

  @Test
  void theSdksOwnClientGivesUpOnTheSameConnectionSoTheWrapperIsStillNeeded() {
    // Given the same server and the SDK's client as it ships
    try (S3Client s3 = s3Through(UrlConnectionHttpClient.create())) {
      s3.putObject(b -> b.bucket("media").key("first"), RequestBody.fromString("one"));

      // When / Then the second PUT fails without a retry; once this stops failing, the SDK has
      // the upstream fix and RetryableUrlConnectionHttpClient can go
      assertThatThrownBy(() -> s3.putObject(b -> b.bucket("media").key("second"), RequestBody.fromString("two")))
          .isInstanceOf(UncheckedIOException.class);
    }
    assertThat(server.answeredRequests()).isEqualTo(1);
  }

  private S3Client s3Through(SdkHttpClient httpClient) {
    return S3Client.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .forcePathStyle(true)
        // a plain Content-Length body keeps the fake server small; the PUT still sends Expect: 100-continue
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .httpClient(httpClient)
        .build();
  }

  /**
   * Answers each request 200, then closes the connection without a {@code Connection: close}
   * header, as a server dropping idle kept-alive connections does.
   */
  private static final class ConnectionDroppingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answeredRequests = new AtomicInteger();

    ConnectionDroppingServer() {
      try {
        socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread acceptor = new Thread(this::serve, "connection-dropping-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int connections() {
      return connections.get();
    }

    int answeredRequests() {
      return answeredRequests.get();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          connections.incrementAndGet();
          answerOneRequest(connection.getInputStream(), connection.getOutputStream());
        } catch (IOException e) {
          // the client hung up, or the server was closed
        }
      }
    }

    private void answerOneRequest(InputStream in, OutputStream out) throws IOException {
      String head = readHead(in).toLowerCase(Locale.ROOT);
      if (head.contains("expect: 100-continue")) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      in.readNBytes(contentLength(head));
      // Counted before it is sent: the client may assert on the count as soon as it has the answer
      answeredRequests.incrementAndGet();
      out.write("HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before the request head ended");
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
      return head.lines()
          .filter(line -> line.startsWith("content-length:"))
          .map(line -> Integer.parseInt(line.substring("content-length:".length()).trim()))
          .findFirst().orElse(0);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
