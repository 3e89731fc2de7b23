package dev.svod.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one HTTP port of {@code vod local}: {@code /api/...} (API Gateway), {@code /v/...} (the
 * CloudFront edge) and {@code /} (the console).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} rather than the Jetty on the class path:
 * that Jetty is DynamoDB Local's (12.0) and S3Proxy's shaded copy (12.1), versions we do not
 * choose; the JDK server has no dependency, and with one virtual thread per request it handles
 * the console, players and parallel part uploads comfortably. What CloudFront and API Gateway do
 * (routing, ranges, gzip, cache headers) is ours to write either way.
 */
public final class LocalHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile boolean serving;

  private LocalHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code host:port} (0 for any free port) and starts serving.
   *
   * @param api handler of {@code /api}
   * @param edge handler of {@code /v/}
   * @param console handler of everything else
   */
  public static LocalHttpServer start(
      String host, int port, HttpHandler api, HttpHandler edge, HttpHandler console) {
    return bind(host, port).serve(api, edge, console);
  }

  /**
   * Binds {@code host:port} (0 for any free port) without serving yet: the port is this server's
   * from now on, while what it will serve is still being built.
   */
  public static LocalHttpServer bind(String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + host + ":" + port + " (in use? choose another with --port)", e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    return new LocalHttpServer(server, executor);
  }

  /** Starts serving a {@link #bind bound} server. */
  public LocalHttpServer serve(HttpHandler api, HttpHandler edge, HttpHandler console) {
    server.createContext("/api", api);
    server.createContext("/v/", edge);
    server.createContext("/", console);
    server.start();
    serving = true;
    return this;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  @Override
  public void close() {
    if (!serving) {
      // The JDK server closes its listening socket from its dispatcher thread: without a start
      // the port would stay bound until the JVM exits (a runtime that failed to start).
      server.start();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
