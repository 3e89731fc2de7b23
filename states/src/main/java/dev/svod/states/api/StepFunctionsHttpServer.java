package dev.svod.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.svod.states.ExecutionRecord;
import dev.svod.states.StateMachineRecord;
import dev.svod.states.StatesApiException;
import dev.svod.states.StatesEngine;
import dev.svod.states.asl.Diagnostic;
import dev.svod.states.asl.Json;
import dev.svod.states.engine.HistoryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The Step Functions API over HTTP in the AWS JSON 1.0 protocol ({@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}), so the AWS SDK's SfnClient and the AWS CLI work against the
 * engine. Errors carry AWS's {@code __type} codes, which the SDK maps to its exception classes.
 */
public final class StepFunctionsHttpServer {
  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  private final HttpServer server;
  private final StatesEngine engine;

  private StepFunctionsHttpServer(HttpServer server, StatesEngine engine) {
    this.server = server;
    this.engine = engine;
  }

  /** Binds and starts serving; port 0 picks a free port. */
  public static StepFunctionsHttpServer start(StatesEngine engine, InetSocketAddress address) {
    try {
      HttpServer http = HttpServer.create(address, 0);
      StepFunctionsHttpServer s = new StepFunctionsHttpServer(http, engine);
      http.createContext("/", s::handle);
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the Step Functions API to " + address, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
        respond(exchange, 400, error("UnknownOperationException", "Expected a POST with X-Amz-Target: AWSStepFunctions.<Operation>"));
        return;
      }
      JsonNode request;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          respond(exchange, 413, error("ValidationException", "Request body too large"));
          return;
        }
        request = body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, error("SerializationException", "Malformed JSON request: " + e.getMessage()));
        return;
      }
      try {
        respond(exchange, 200, dispatch(target.substring(TARGET_PREFIX.length()), request));
      } catch (StatesApiException e) {
        respond(exchange, 400, error(e.code(), e.getMessage()));
      } catch (RuntimeException e) {
        respond(exchange, 500, error("InternalFailure", String.valueOf(e.getMessage())));
      }
    }
  }

  private ObjectNode dispatch(String operation, JsonNode r) {
    ObjectNode out = Json.object();
    switch (operation) {
      case "CreateStateMachine" -> {
        StateMachineRecord m =
            engine.createStateMachine(
                required(r, "name"), required(r, "definition"), optional(r, "roleArn"), optional(r, "type"));
        out.put("stateMachineArn", m.arn());
        time(out, "creationDate", m.creationDate());
      }
      case "UpdateStateMachine" -> {
        StateMachineRecord m =
            engine.updateStateMachine(required(r, "stateMachineArn"), optional(r, "definition"), optional(r, "roleArn"));
        time(out, "updateDate", m.updateDate());
      }
      case "DescribeStateMachine" -> {
        StateMachineRecord m = engine.describeStateMachine(required(r, "stateMachineArn"));
        out.put("stateMachineArn", m.arn());
        out.put("name", m.name());
        out.put("status", "ACTIVE");
        out.put("definition", m.definition());
        out.put("roleArn", m.roleArn());
        out.put("type", m.type());
        time(out, "creationDate", m.creationDate());
      }
      case "ListStateMachines" -> {
        ArrayNode list = out.putArray("stateMachines");
        for (StateMachineRecord m : engine.listStateMachines()) {
          ObjectNode item = list.addObject();
          item.put("stateMachineArn", m.arn());
          item.put("name", m.name());
          item.put("type", m.type());
          time(item, "creationDate", m.creationDate());
        }
      }
      case "DeleteStateMachine" -> engine.deleteStateMachine(required(r, "stateMachineArn"));
      case "ValidateStateMachineDefinition" -> {
        List<Diagnostic> diagnostics = engine.validate(required(r, "definition"));
        out.put("result", diagnostics.isEmpty() ? "OK" : "FAIL");
        ArrayNode list = out.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
          list.addObject().put("severity", "ERROR").put("code", d.code()).put("message", d.message()).put("location", d.location());
        }
        out.put("truncated", false);
      }
      case "StartExecution" -> {
        ExecutionRecord e =
            engine.startExecution(required(r, "stateMachineArn"), optional(r, "name"), optional(r, "input"));
        out.put("executionArn", e.executionArn());
        time(out, "startDate", e.startDate());
      }
      case "DescribeExecution" -> {
        ExecutionRecord e = engine.describeExecution(required(r, "executionArn"));
        describe(out, e);
        out.put("input", e.input());
        out.set("inputDetails", Json.object().put("included", true));
        if (e.output() != null) {
          out.put("output", e.output());
          out.set("outputDetails", Json.object().put("included", true));
        }
        if (e.error() != null) {
          out.put("error", e.error());
        }
        if (e.cause() != null) {
          out.put("cause", e.cause());
        }
        out.put("redriveCount", 0);
        out.put("redriveStatus", "NOT_REDRIVABLE");
      }
      case "ListExecutions" -> {
        List<ExecutionRecord> all = engine.listExecutions(required(r, "stateMachineArn"), optional(r, "statusFilter"));
        Page page = page(all.size(), r);
        ArrayNode list = out.putArray("executions");
        for (ExecutionRecord e : all.subList(page.from, page.to)) {
          describe(list.addObject(), e);
        }
        page.writeNextToken(out);
      }
      case "StopExecution" -> {
        ExecutionRecord e = engine.stopExecution(required(r, "executionArn"), optional(r, "error"), optional(r, "cause"));
        time(out, "stopDate", e.stopDate() == null ? Instant.now() : e.stopDate());
      }
      case "GetExecutionHistory" -> {
        List<HistoryEvent> events = new ArrayList<>(engine.history(required(r, "executionArn")));
        if (r.path("reverseOrder").asBoolean(false)) {
          Collections.reverse(events);
        }
        boolean includeData = r.path("includeExecutionData").asBoolean(true);
        Page page = page(events.size(), r);
        ArrayNode list = out.putArray("events");
        for (HistoryEvent e : events.subList(page.from, page.to)) {
          ObjectNode json = e.toJson();
          if (!includeData && e.details() != null) {
            ObjectNode d = e.details().deepCopy();
            d.remove(List.of("input", "output", "parameters"));
            json.set(e.detailsKey(), d);
          }
          list.add(json);
        }
        page.writeNextToken(out);
      }
      case "SendTaskSuccess" -> engine.sendTaskSuccess(required(r, "taskToken"), required(r, "output"));
      case "SendTaskFailure" -> engine.sendTaskFailure(required(r, "taskToken"), optional(r, "error"), optional(r, "cause"));
      case "SendTaskHeartbeat" -> engine.sendTaskHeartbeat(required(r, "taskToken"));
      default -> throw new StatesApiException("UnknownOperationException", "Operation " + operation + " is not supported");
    }
    return out;
  }

  /** One page of a list; nextToken is the offset of the next page. */
  private record Page(int from, int to, int total) {
    void writeNextToken(ObjectNode out) {
      if (to < total) {
        out.put("nextToken", Integer.toString(to));
      }
    }
  }

  private static Page page(int total, JsonNode r) {
    int max = r.path("maxResults").asInt(0);
    int from = 0;
    if (r.hasNonNull("nextToken")) {
      try {
        from = Integer.parseInt(r.get("nextToken").asText());
      } catch (NumberFormatException e) {
        throw new StatesApiException("InvalidToken", "Invalid nextToken");
      }
    }
    from = Math.min(Math.max(0, from), total);
    int to = max <= 0 ? total : Math.min(total, from + max);
    return new Page(from, to, total);
  }

  private static void describe(ObjectNode out, ExecutionRecord e) {
    out.put("executionArn", e.executionArn());
    out.put("stateMachineArn", e.stateMachineArn());
    out.put("name", e.name());
    out.put("status", e.status());
    time(out, "startDate", e.startDate());
    if (e.stopDate() != null) {
      time(out, "stopDate", e.stopDate());
    }
  }

  private static void time(ObjectNode o, String field, Instant t) {
    o.put(field, t.toEpochMilli() / 1000.0);
  }

  private static String required(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || v.isNull() || !v.isTextual()) {
      throw new StatesApiException("ValidationException", "1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
    }
    return v.textValue();
  }

  private static String optional(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ObjectNode error(String type, String message) {
    return Json.object().put("__type", type).put("message", message);
  }

  private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
