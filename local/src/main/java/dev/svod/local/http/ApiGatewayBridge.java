package dev.svod.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.svod.local.lambda.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway HTTP API (payload format 2.0) in front of one Lambda function, mounted under a path
 * prefix: a request to {@code {prefix}/videos/v1} becomes the event of route
 * {@code GET /videos/{videoId}} with {@code rawPath=/videos/v1} on the {@code $default} stage,
 * exactly what the deployed API hands the same handler. Responses are mapped back as API Gateway
 * does (a {@code statusCode} object, or any other JSON as a 200 body), function errors become
 * {@code 500 {"message":"Internal Server Error"}}, an unknown route {@code 404
 * {"message":"Not Found"}}, and CORS is open as the CDK API configures it.
 */
public final class ApiGatewayBridge implements HttpHandler {

  /** API Gateway's request payload limit. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayBridge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final String ALLOWED_HEADERS = "content-type,authorization,x-amz-date";

  private final String prefix;
  private final List<RouteTemplate> routes;
  private final Function<String, Invocation> function;

  /**
   * @param prefix where the API is mounted locally, e.g. {@code /api} (stripped from rawPath)
   * @param routes the API's routes ({@code METHOD /path/{param}})
   * @param function invokes the API function with the event JSON
   */
  public ApiGatewayBridge(
      String prefix, List<RouteTemplate> routes, Function<String, Invocation> function) {
    this.prefix = prefix;
    this.routes = List.copyOf(routes);
    this.function = function;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawPath = exchange.getRequestURI().getRawPath();
      if (!rawPath.equals(prefix) && !rawPath.startsWith(prefix + "/")) {
        sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
        return;
      }
      String path = rawPath.substring(prefix.length());
      path = path.isEmpty() ? "/" : path;
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      if (method.equals("OPTIONS")
          && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
        preflight(exchange);
        return;
      }
      Optional<RouteTemplate.Match> match = match(method, path);
      if (match.isEmpty()) {
        sendJson(exchange, 404, "{\"message\":\"Not Found\"}");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        sendJson(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
        return;
      }
      String event = event(exchange, method, path, match.get(), body).toString();
      Invocation result = function.apply(event);
      if (result.functionError()) {
        LOG.warn("{} {} failed in the API function: {}: {}", method, path, result.errorType(),
            result.errorMessage());
        sendJson(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        return;
      }
      respond(exchange, result.json());
    } catch (RuntimeException e) {
      LOG.error("API request failed", e);
      sendJson(exchange, 500, "{\"message\":\"Internal Server Error\"}");
    }
  }

  private Optional<RouteTemplate.Match> match(String method, String path) {
    return routes.stream()
        .map(route -> route.match(method, path))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static void preflight(HttpExchange exchange) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,OPTIONS");
    headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.set("Access-Control-Max-Age", "3600");
    exchange.sendResponseHeaders(204, -1);
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private ObjectNode event(
      HttpExchange exchange, String method, String path, RouteTemplate.Match match, byte[] body) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.routeKey());
    event.put("rawPath", path);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);

    ObjectNode headers = event.putObject("headers");
    List<String> cookies = new java.util.ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> List.of(v.split(";")).forEach(c -> cookies.add(c.trim())));
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    if (!cookies.isEmpty()) {
      cookies.forEach(event.withArray("cookies")::add);
    }
    Map<String, String> query = QueryStrings.parse(rawQuery);
    if (!query.isEmpty()) {
      ObjectNode queryNode = event.putObject("queryStringParameters");
      query.forEach(queryNode::put);
    }
    if (!match.pathParameters().isEmpty()) {
      ObjectNode parameters = event.putObject("pathParameters");
      match.pathParameters().forEach(parameters::put);
    }

    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "local");
    String host = exchange.getRequestHeaders().getFirst("Host");
    context.put("domainName", host == null ? "localhost" : host);
    context.put("domainPrefix", host == null ? "localhost" : host.split("[.:]")[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", path);
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
    http.put("userAgent", userAgent == null ? "" : userAgent);
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", match.routeKey());
    context.put("stage", "$default");
    Instant now = Instant.now();
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());

    if (body.length > 0) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      boolean text = isText(contentType);
      event.put("body", text
          ? new String(body, StandardCharsets.UTF_8)
          : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** Content types API Gateway passes as text; everything else arrives base64-encoded. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
  }

  private static void respond(HttpExchange exchange, JsonNode response) throws IOException {
    if (!(response.isObject() && response.has("statusCode"))) {
      // Payload format 2.0: anything else is the body of a 200 JSON response.
      sendJson(exchange, 200, response.toString());
      return;
    }
    int status = response.path("statusCode").asInt(200);
    Map<String, String> headers = new LinkedHashMap<>();
    response.path("headers").properties()
        .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
    response.path("multiValueHeaders").properties().forEach(h -> {
      List<String> values = new java.util.ArrayList<>();
      h.getValue().forEach(v -> values.add(v.asText()));
      headers.put(h.getKey(), String.join(",", values));
    });
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    response.path("cookies")
        .forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.asText()));
    JsonNode bodyNode = response.get("body");
    byte[] body;
    if (bodyNode == null || bodyNode.isNull()) {
      body = new byte[0];
    } else if (response.path("isBase64Encoded").asBoolean(false)) {
      body = Base64.getDecoder().decode(bodyNode.asText());
    } else {
      body = (bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString())
          .getBytes(StandardCharsets.UTF_8);
    }
    String contentType = headers.keySet().stream()
        .filter(h -> h.equalsIgnoreCase("content-type")).findFirst()
        .map(headers::get).orElse(body.length > 0 ? "application/json" : null);
    HttpExchanges.send(exchange, status, contentType, body);
  }

  private static void sendJson(HttpExchange exchange, int status, String json)
      throws IOException {
    HttpExchanges.send(exchange, status, "application/json",
        json.getBytes(StandardCharsets.UTF_8));
  }
}
