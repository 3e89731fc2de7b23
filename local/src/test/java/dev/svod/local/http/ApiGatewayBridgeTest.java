package dev.svod.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.local.lambda.Invocation;
import dev.svod.local.lambda.LambdaErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiGatewayBridgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<RouteTemplate> ROUTES = List.of(
      RouteTemplate.parse("POST /uploads"),
      RouteTemplate.parse("POST /uploads/{uploadId}/complete"),
      RouteTemplate.parse("GET /videos"),
      RouteTemplate.parse("GET /videos/{videoId}"));

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
  private LocalHttpServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private URI start(Function<String, Invocation> function) {
    Function<String, Invocation> recording = event -> {
      try {
        lastEvent.set(JSON.readTree(event));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return function.apply(event);
    };
    HttpHandlerStub notUsed = new HttpHandlerStub();
    server = LocalHttpServer.start("127.0.0.1", 0,
        new ApiGatewayBridge("/api", ROUTES, recording), notUsed, notUsed);
    return server.baseUri();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void turnsARequestIntoAPayloadV2EventAndTheResponseBack() throws Exception {
    // Given an API function answering with a structured response
    URI base = start(event -> new Invocation(
        "{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-id\":\"u1\"},"
            + "\"body\":\"{\\\"ok\\\":true}\",\"isBase64Encoded\":false}", false));

    // When a client posts to a route with a path parameter and a query string
    HttpResponse<String> response = send(HttpRequest.newBuilder(
            base.resolve("/api/uploads/u%201/complete?x=1&x=2&y=%C3%A9"))
        .header("Content-Type", "application/json")
        .header("Cookie", "a=1; b=2")
        .POST(HttpRequest.BodyPublishers.ofString("{\"parts\":[]}")).build());

    // Then the handler saw API Gateway's v2 event and the client gets its response
    JsonNode event = lastEvent.get();
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /uploads/{uploadId}/complete");
    assertThat(event.path("rawPath").asText()).isEqualTo("/uploads/u%201/complete");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=%C3%A9");
    assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("1,2");
    assertThat(event.at("/queryStringParameters/y").asText()).isEqualTo("é");
    assertThat(event.at("/pathParameters/uploadId").asText()).isEqualTo("u 1");
    assertThat(event.at("/headers/content-type").asText()).isEqualTo("application/json");
    assertThat(event.path("cookies")).hasSize(2);
    assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("POST");
    assertThat(event.at("/requestContext/stage").asText()).isEqualTo("$default");
    assertThat(event.path("body").asText()).isEqualTo("{\"parts\":[]}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("x-id")).hasValue("u1");
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(response.body()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void answersAPlainJsonResultAsA200Body() throws Exception {
    URI base = start(event -> new Invocation("{\"items\":[]}", false));
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/videos"))
        .GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"items\":[]}");
    assertThat(lastEvent.get().has("body")).isFalse();
  }

  @Test
  void mapsAFunctionErrorTo500AndAnUnknownRouteTo404() throws Exception {
    URI base = start(event -> new Invocation(
        LambdaErrors.unhandled(new IllegalStateException("boom")), true));
    assertThat(send(HttpRequest.newBuilder(base.resolve("/api/videos/v1")).GET().build()))
        .satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(500);
          assertThat(r.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        });
    assertThat(send(HttpRequest.newBuilder(base.resolve("/api/nothing")).GET().build())
        .statusCode()).isEqualTo(404);
  }

  @Test
  void base64EncodesBinaryBodiesAndAnswersPreflights() throws Exception {
    URI base = start(event -> new Invocation("{}", false));
    send(HttpRequest.newBuilder(base.resolve("/api/uploads"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2})).build());
    assertThat(lastEvent.get().path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(lastEvent.get().path("body").asText()).isEqualTo("AAEC");

    HttpResponse<String> preflight = send(HttpRequest.newBuilder(base.resolve("/api/uploads"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://elsewhere")
        .header("Access-Control-Request-Method", "POST").build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-methods").orElse(""))
        .contains("POST");
  }

  /** A handler for the parts of the server these tests do not use. */
  private static final class HttpHandlerStub implements com.sun.net.httpserver.HttpHandler {
    @Override
    public void handle(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
      HttpExchanges.sendText(exchange, 404, "unused");
    }
  }
}
