package dev.svod.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.svod.local.s3.S3EventJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaHostTest {

  private final LambdaHost host = new LambdaHost("us-east-1");

  @AfterEach
  void close() {
    host.close();
  }

  /** Reads a real S3 event through the runtime's S3Event serialiser. */
  public static final class KeyEcho implements RequestHandler<S3Event, String> {
    @Override
    public String handleRequest(S3Event event, Context context) {
      var record = event.getRecords().get(0);
      return record.getEventName() + " " + record.getS3().getObject().getUrlDecodedKey()
          + " " + record.getS3().getObject().getSizeAsLong() + " " + context.getFunctionName();
    }
  }

  /** An API handler in payload format 2.0. */
  public static final class Api
      implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(201)
          .withHeaders(Map.of("content-type", "application/json"))
          .withBody("{\"route\":\"" + event.getRouteKey() + "\",\"id\":\""
              + event.getPathParameters().get("id") + "\"}")
          .build();
    }
  }

  /** A workflow task reading and writing plain JSON. */
  public static final class Stream implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws java.io.IOException {
      out.write(("{\"got\":" + new String(in.readAllBytes()) + "}").getBytes());
    }
  }

  /** A handler taking a map, as a POJO handler would. */
  public static final class Pojo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
      return Map.of("count", ((List<?>) input.get("items")).size());
    }
  }

  public static final class NotAVideoException extends RuntimeException {
    public NotAVideoException(String message) {
      super(message);
    }
  }

  public static final class Failing implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      throw new NotAVideoException("source is not a video");
    }
  }

  @Test
  void deserialisesARealS3EventAsTheLambdaJavaRuntimeDoes() {
    host.register(new LocalFunction("Ingest", Duration.ofSeconds(5), 512, KeyEcho::new));
    String event = S3EventJson.event("ObjectCreated:CompleteMultipartUpload", "us-east-1",
        "source", "uploads/v 1/source", 42, "\"abc-2\"", "0001", Instant.EPOCH).toString();

    Invocation result = host.invoke(host.arn("Ingest"), event);

    assertThat(result.functionError()).isFalse();
    assertThat(result.json().asText())
        .isEqualTo("ObjectCreated:CompleteMultipartUpload uploads/v 1/source 42 Ingest");
  }

  @Test
  void mapsApiGatewayV2EventsAndResponses() {
    host.register(new LocalFunction("Api", Duration.ofSeconds(5), 512, Api::new));
    String event = "{\"version\":\"2.0\",\"routeKey\":\"GET /videos/{id}\",\"rawPath\":\"/videos/v1\","
        + "\"pathParameters\":{\"id\":\"v1\"},\"isBase64Encoded\":false,"
        + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/videos/v1\"}}}";

    Invocation result = host.invoke("Api", event);

    assertThat(result.json().path("statusCode").asInt()).isEqualTo(201);
    assertThat(result.json().path("body").asText()).contains("\"id\":\"v1\"");
  }

  @Test
  void passesStreamsAndPojosThrough() {
    host.register(new LocalFunction("Stream", Duration.ofSeconds(5), 512, Stream::new));
    host.register(new LocalFunction("Pojo", Duration.ofSeconds(5), 512, Pojo::new));

    assertThat(host.invoke("Stream", "{\"a\":1}").payload()).isEqualTo("{\"got\":{\"a\":1}}");
    assertThat(host.invoke("arn:aws:lambda:us-east-1:000000000000:function:Pojo:$LATEST",
        "{\"items\":[1,2,3]}").json().path("count").asInt()).isEqualTo(3);
  }

  @Test
  void reportsAnExceptionInLambdasErrorShape() {
    host.register(new LocalFunction("Probe", Duration.ofSeconds(5), 512, Failing::new));

    Invocation result = host.invoke("Probe", "{}");

    assertThat(result.functionError()).isTrue();
    assertThat(result.errorType()).isEqualTo(NotAVideoException.class.getName());
    assertThat(result.errorMessage()).isEqualTo("source is not a video");
    assertThat(result.json().path("stackTrace").get(0).asText())
        .startsWith(Failing.class.getName() + ".handleRequest");
  }

  @Test
  void stopsAHandlerAtTheFunctionTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    host.register(new LocalFunction("Slow", Duration.ofMillis(200), 512,
        () -> (RequestHandler<Map<String, Object>, String>) (input, context) -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "late";
        }));

    Invocation result = host.invoke("Slow", "{}");

    assertThat(result.functionError()).isTrue();
    assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(result.errorMessage()).endsWith("Task timed out after 0.20 seconds");
  }

  @Test
  void reusesAnIdleExecutionEnvironment() {
    AtomicInteger coldStarts = new AtomicInteger();
    host.register(new LocalFunction("Pojo", Duration.ofSeconds(5), 512, () -> {
      coldStarts.incrementAndGet();
      return new Pojo();
    }));

    host.invoke("Pojo", "{\"items\":[]}");
    host.invoke("Pojo", "{\"items\":[]}");

    assertThat(coldStarts.get()).isEqualTo(1);
  }

  @Test
  void refusesAnUnknownFunction() {
    assertThatThrownBy(() -> host.invoke("Nope", "{}"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("function:Nope");
  }
}
