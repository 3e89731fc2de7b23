package dev.svod.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Serves the files of one directory over HTTP or HTTPS as S3 does for a GET: {@code Range: bytes=a-b}
 * answered 206 with {@code Content-Range}, a range past the end 416, a missing file 404. Records
 * where each requested range starts, so tests can show a reader jumped within a file.
 */
final class RangeFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final HttpServer server;
  private final Path root;
  private final List<Long> rangeStarts = new CopyOnWriteArrayList<>();
  private volatile int requestsBeforeFailing = Integer.MAX_VALUE;
  private volatile int requestsBeforeStalling = Integer.MAX_VALUE;
  private final CountDownLatch closed = new CountDownLatch(1);

  private RangeFileServer(HttpServer server, Path root) {
    this.server = server;
    this.root = root;
    server.createContext("/", this::serve);
    server.setExecutor(Executors.newCachedThreadPool()); // concurrent requests, as S3 answers them
    server.start();
  }

  static RangeFileServer http(Path root) {
    try {
      return new RangeFileServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server presenting the key pair of a PKCS#12 {@code keyStore}. */
  static RangeFileServer https(Path root, Path keyStore, char[] password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new RangeFileServer(server, root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTPS test server", e);
    }
  }

  /**
   * Makes a self-signed certificate for {@code localhost}/127.0.0.1 with the JDK's keytool: the
   * PKCS#12 key store at {@code dir/server.p12} and the certificate as PEM at {@code dir/server.pem}.
   */
  static void selfSignedCertificate(Path dir, char[] password) throws IOException, InterruptedException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    String pass = new String(password);
    String store = dir.resolve("server.p12").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store, "-storepass", pass, "-keypass", pass));
    run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store, "-storepass", pass,
        "-file", dir.resolve("server.pem").toString()));
  }

  URI uri(String fileName) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + fileName);
  }

  /** Answers nothing to every request after the first {@code requests} until the server closes. */
  void stallRequestsAfter(int requests) {
    requestsBeforeStalling = requests;
  }

  /** Answers 503 Service Unavailable to every request after the first {@code requests}. */
  void failRequestsAfter(int requests) {
    requestsBeforeFailing = requests;
  }

  /** The first byte of every range requested so far, in request order. */
  List<Long> rangeStarts() {
    return List.copyOf(rangeStarts);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (requestsBeforeStalling-- <= 0) {
        awaitClose();
        return;
      }
      if (requestsBeforeFailing-- <= 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      long size = Files.size(file);
      long first = 0;
      long last = size - 1;
      int status = 200;
      Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
      if (range.matches()) {
        first = Long.parseLong(range.group(1));
        rangeStarts.add(first);
        last = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
        if (first >= size) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        status = 206;
        exchange.getResponseHeaders().add("Content-Range", "bytes " + first + "-" + last + "/" + size);
      }
      exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
      // One request per connection: the JDK's test server resets a kept-alive connection that ffprobe
      // reuses after a seek (S3 and S3Proxy do not; the workflow ITs probe through S3Proxy).
      exchange.getResponseHeaders().add("Connection", "close");
      long length = last - first + 1;
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
          OutputStream body = exchange.getResponseBody()) {
        channel.position(first);
        InputStream in = Channels.newInputStream(channel);
        byte[] buffer = new byte[16 * 1024];
        long remaining = length;
        while (remaining > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (n < 0) {
            break;
          }
          body.write(buffer, 0, n);
          remaining -= n;
        }
      } catch (IOException readerHungUp) {
        // a reader that has what it needs closes the connection mid-body, as ffprobe does
      }
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
