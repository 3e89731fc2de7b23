package dev.svod.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The web console at {@code /}: the static files of a {@code web/} folder (index.html for
 * {@code /}), and {@code /vendor/hls.min.js} (and the other hls.js builds) from the hls.js WebJar
 * on the class path, so the player library comes from a package. Without a folder it answers
 * with a short page naming the endpoints.
 */
public final class Console implements HttpHandler {

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "mjs", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "map", "application/json",
          "txt", "text/plain; charset=utf-8");
  private static final String HLS_WEBJAR = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

  private final Path root;
  private final String fallbackPage;

  /**
   * @param root the console's folder, or null when there is none
   * @param fallbackPage HTML served at {@code /} when there is no folder
   */
  public Console(Path root, String fallbackPage) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
    this.fallbackPage = fallbackPage;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        HttpExchanges.sendText(exchange, 405, "Method not allowed");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      if (path.startsWith("/vendor/")) {
        serveVendor(exchange, path.substring("/vendor/".length()));
        return;
      }
      if (root == null) {
        if (path.equals("/") || path.equals("/index.html")) {
          HttpExchanges.send(exchange, 200, TYPES.get("html"),
              fallbackPage.getBytes(StandardCharsets.UTF_8));
        } else {
          HttpExchanges.sendText(exchange, 404, "Not found");
        }
        return;
      }
      String relative = path.equals("/") ? "index.html" : path.substring(1);
      Path file = root.resolve(relative).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        HttpExchanges.sendText(exchange, 404, "Not found");
        return;
      }
      HttpExchanges.send(exchange, 200, type(file.getFileName().toString()),
          Files.readAllBytes(file));
    }
  }

  private void serveVendor(HttpExchange exchange, String file) throws IOException {
    ClassLoader loader = Console.class.getClassLoader();
    if (file.contains("/") || file.contains("..")) {
      HttpExchanges.sendText(exchange, 404, "Not found");
      return;
    }
    try (InputStream properties = loader.getResourceAsStream(HLS_WEBJAR)) {
      if (properties != null) {
        Properties webjar = new Properties();
        webjar.load(properties);
        String resource = "META-INF/resources/webjars/hls.js/" + webjar.getProperty("version")
            + "/dist/" + file;
        try (InputStream in = loader.getResourceAsStream(resource)) {
          if (in != null) {
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=86400");
            HttpExchanges.send(exchange, 200, type(file), in.readAllBytes());
            return;
          }
        }
      }
    }
    HttpExchanges.sendText(exchange, 404, "Not found: /vendor/" + file
        + " (the hls.js WebJar is not on the class path)");
  }

  private static String type(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
