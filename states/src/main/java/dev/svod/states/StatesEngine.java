package dev.svod.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.api.StepFunctionsHttpServer;
import dev.svod.states.asl.Diagnostic;
import dev.svod.states.asl.InvalidDefinitionException;
import dev.svod.states.asl.Json;
import dev.svod.states.asl.JsonEquality;
import dev.svod.states.asl.StateMachineDefinition;
import dev.svod.states.engine.EngineClock;
import dev.svod.states.engine.ExecutionInfo;
import dev.svod.states.engine.ExecutionJournal;
import dev.svod.states.engine.HistoryEvent;
import dev.svod.states.engine.Interpreter;
import dev.svod.states.engine.RunResult;
import dev.svod.states.engine.TaskTokens;
import dev.svod.states.task.TaskHandlers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embeddable Step Functions engine: state machines, durable executions, task tokens and the
 * AWS JSON API. Build one over a data directory (or none, for in-memory use), a clock and a
 * registry of task handlers; unfinished executions found in the directory resume at once.
 *
 * <pre>{@code
 * TaskHandlers handlers = new TaskHandlers().register("arn:aws:states:::lambda:invoke", myHandler);
 * try (StatesEngine engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(handlers).build()) {
 *   String sm = engine.createStateMachine("vod", definitionJson, null).arn();
 *   ExecutionRecord e = engine.startExecution(sm, "video-123", "{\"videoId\":\"123\"}");
 *   engine.startHttpApi(8083);
 * }
 * }</pre>
 */
public final class StatesEngine implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
  private static final String DEFAULT_ROLE = "arn:aws:iam::%s:role/StepFunctionsLocalRole";

  private final Path dataDirectory;
  private final EngineClock clock;
  private final TaskHandlers handlers;
  private final String region;
  private final String account;
  private final TaskTokens tokens = new TaskTokens();
  private final ConcurrentHashMap<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Execution> executions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StateMachineDefinition> parsed = new ConcurrentHashMap<>();
  private volatile StepFunctionsHttpServer server;

  /** One execution: its identity, its live history and, while it runs, its interpreter. */
  private final class Execution {
    final ExecutionInfo info;
    final String definition;
    final List<HistoryEvent> events = new ArrayList<>();
    final CompletableFuture<RunResult> done = new CompletableFuture<>();
    volatile Interpreter interpreter;
    volatile RunResult result;
    volatile Instant stopDate;

    Execution(ExecutionInfo info, String definition) {
      this.info = info;
      this.definition = definition;
    }

    ExecutionRecord record() {
      RunResult r = result;
      return new ExecutionRecord(
          info.executionArn(),
          info.name(),
          info.stateMachineArn(),
          r == null ? "RUNNING" : r.status(),
          info.startTime(),
          stopDate,
          Json.write(info.input()),
          r == null || r.output() == null ? null : Json.write(r.output()),
          r == null ? null : r.error(),
          r == null ? null : r.cause());
    }

    Path directory() {
      return dataDirectory.resolve("executions").resolve(info.stateMachineName()).resolve(info.name());
    }
  }

  private StatesEngine(Builder b) {
    this.dataDirectory = b.dataDirectory;
    this.clock = b.clock;
    this.handlers = b.handlers;
    this.region = b.region;
    this.account = b.account;
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /** Engine settings; {@link #build()} loads the data directory and resumes what was running. */
  public static final class Builder {
    private Path dataDirectory;
    private EngineClock clock = EngineClock.system();
    private TaskHandlers handlers = new TaskHandlers();
    private String region = "us-east-1";
    private String account = "000000000000";

    /** Where state machines and execution journals live; null (default) keeps all in memory. */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = dir;
      return this;
    }

    public Builder clock(EngineClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder taskHandlers(TaskHandlers handlers) {
      this.handlers = handlers;
      return this;
    }

    /** Region and account used in ARNs (defaults us-east-1 / 000000000000). */
    public Builder arnScope(String region, String account) {
      this.region = region;
      this.account = account;
      return this;
    }

    public StatesEngine build() {
      StatesEngine engine = new StatesEngine(this);
      engine.load();
      return engine;
    }
  }

  public TaskHandlers taskHandlers() {
    return handlers;
  }

  // ------------------------------------------------------------------ state machines

  /** Checks a definition; the list is empty when it is valid. */
  public List<Diagnostic> validate(String definition) {
    return StateMachineDefinition.validate(definition);
  }

  /**
   * Registers a state machine. Creating one again with the same definition and role returns the
   * existing one (as AWS does); a different definition is {@code StateMachineAlreadyExists}.
   */
  public StateMachineRecord createStateMachine(String name, String definition, String roleArn) {
    return createStateMachine(name, definition, roleArn, "STANDARD");
  }

  public StateMachineRecord createStateMachine(String name, String definition, String roleArn, String type) {
    checkName(name);
    parse(definition);
    String arn = stateMachineArn(name);
    String role = roleArn == null ? DEFAULT_ROLE.formatted(account) : roleArn;
    synchronized (machines) {
      StateMachineRecord existing = machines.get(arn);
      if (existing != null) {
        if (existing.definition().equals(definition) && existing.roleArn().equals(role)) {
          return existing;
        }
        throw new StatesApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
      }
      Instant now = clock.now();
      StateMachineRecord record =
          new StateMachineRecord(name, arn, definition, role, type == null ? "STANDARD" : type, now, now);
      machines.put(arn, record);
      persist(record);
      return record;
    }
  }

  /** Replaces the definition and/or role; running executions keep the definition they started with. */
  public StateMachineRecord updateStateMachine(String arn, String definition, String roleArn) {
    synchronized (machines) {
      StateMachineRecord old = describeStateMachine(arn);
      if (definition != null) {
        parse(definition);
      }
      StateMachineRecord record =
          new StateMachineRecord(
              old.name(),
              arn,
              definition == null ? old.definition() : definition,
              roleArn == null ? old.roleArn() : roleArn,
              old.type(),
              old.creationDate(),
              clock.now());
      machines.put(arn, record);
      persist(record);
      return record;
    }
  }

  public StateMachineRecord describeStateMachine(String arn) {
    StateMachineRecord r = machines.get(arn);
    if (r == null) {
      throw new StatesApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return r;
  }

  public Optional<StateMachineRecord> stateMachineByName(String name) {
    return Optional.ofNullable(machines.get(stateMachineArn(name)));
  }

  public List<StateMachineRecord> listStateMachines() {
    return machines.values().stream().sorted(Comparator.comparing(StateMachineRecord::name)).toList();
  }

  /** Deletes a state machine; its running executions finish with the definition they have. */
  public void deleteStateMachine(String arn) {
    synchronized (machines) {
      if (machines.remove(arn) != null && dataDirectory != null) {
        try {
          Files.deleteIfExists(machineFile(arn.substring(arn.lastIndexOf(':') + 1)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  // ------------------------------------------------------------------ executions

  /**
   * Starts an execution (name null = a generated UUID). Idempotent as on AWS: the same name and
   * input while the execution runs returns it again; a different input, or a name whose execution
   * has already closed, is {@code ExecutionAlreadyExists}.
   */
  public ExecutionRecord startExecution(String stateMachineArn, String name, String input) {
    StateMachineRecord machine = describeStateMachine(stateMachineArn);
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    checkName(executionName);
    JsonNode inputJson;
    try {
      inputJson = Json.parse(input == null || input.isBlank() ? "{}" : input);
    } catch (IllegalArgumentException e) {
      throw new StatesApiException("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
    }
    String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + machine.name() + ":" + executionName;
    Execution execution;
    synchronized (executions) {
      Execution existing = executions.get(arn);
      if (existing != null) {
        if (existing.result == null && JsonEquality.equal(existing.info.input(), inputJson)) {
          return existing.record();
        }
        throw new StatesApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
      ExecutionInfo info =
          new ExecutionInfo(
              arn, executionName, machine.arn(), machine.name(), machine.roleArn(), clock.now(), inputJson,
              "EXPRESS".equals(machine.type()));
      execution = new Execution(info, machine.definition());
      executions.put(arn, execution);
      if (dataDirectory != null) {
        writeMeta(execution);
      }
    }
    launch(execution, null);
    return execution.record();
  }

  public ExecutionRecord describeExecution(String executionArn) {
    return execution(executionArn).record();
  }

  /** Executions of a state machine, newest first; statusFilter null = all. */
  public List<ExecutionRecord> listExecutions(String stateMachineArn, String statusFilter) {
    describeStateMachine(stateMachineArn);
    return executions.values().stream()
        .filter(e -> e.info.stateMachineArn().equals(stateMachineArn))
        .map(Execution::record)
        .filter(r -> statusFilter == null || r.status().equals(statusFilter))
        .sorted(Comparator.comparing(ExecutionRecord::startDate).reversed())
        .toList();
  }

  /** Stops a running execution (ABORTED with the given error and cause); no-op when it has ended. */
  public ExecutionRecord stopExecution(String executionArn, String error, String cause) {
    Execution e = execution(executionArn);
    Interpreter interpreter = e.interpreter;
    if (e.result == null && interpreter != null) {
      interpreter.stop(error, cause);
      awaitQuietly(e);
    }
    return e.record();
  }

  /** The history events so far, oldest first. */
  public List<HistoryEvent> history(String executionArn) {
    Execution e = execution(executionArn);
    synchronized (e.events) {
      return List.copyOf(e.events);
    }
  }

  /** Waits until the execution ends (or the timeout passes) and returns its description. */
  public ExecutionRecord awaitExecution(String executionArn, Duration timeout) throws TimeoutException {
    Execution e = execution(executionArn);
    try {
      e.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ex) {
      throw new IllegalStateException(ex.getCause());
    }
    return e.record();
  }

  public void sendTaskSuccess(String token, String output) {
    JsonNode json;
    try {
      json = Json.parse(output);
    } catch (IllegalArgumentException e) {
      throw new StatesApiException("InvalidOutput", "Invalid output: " + e.getMessage());
    }
    if (!tokens.succeed(token, json)) {
      throw taskDoesNotExist();
    }
  }

  public void sendTaskFailure(String token, String error, String cause) {
    if (!tokens.fail(token, error, cause)) {
      throw taskDoesNotExist();
    }
  }

  public void sendTaskHeartbeat(String token) {
    if (!tokens.heartbeat(token, clock.now())) {
      throw taskDoesNotExist();
    }
  }

  private static StatesApiException taskDoesNotExist() {
    return new StatesApiException("TaskDoesNotExist", "Task Does Not Exist: the token is unknown or its task has ended");
  }

  // ------------------------------------------------------------------ HTTP API

  /** Serves the Step Functions JSON API on a port (0 = any free port); returns the bound port. */
  public synchronized int startHttpApi(int port) {
    if (server == null) {
      server = StepFunctionsHttpServer.start(this, new InetSocketAddress("127.0.0.1", port));
    }
    return server.port();
  }

  public synchronized void stopHttpApi() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** Stops the HTTP API. Running executions are abandoned as they are; a new engine resumes them. */
  @Override
  public void close() {
    stopHttpApi();
    for (Execution e : executions.values()) {
      Interpreter i = e.interpreter;
      if (e.result == null && i != null) {
        i.abandon();
      }
    }
  }

  // ------------------------------------------------------------------ internals

  private Execution execution(String arn) {
    Execution e = arn == null ? null : executions.get(arn);
    if (e == null) {
      throw new StatesApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    return e;
  }

  private StateMachineDefinition parse(String definition) {
    StateMachineDefinition def = parsed.get(definition);
    if (def == null) {
      try {
        def = StateMachineDefinition.parse(definition);
      } catch (InvalidDefinitionException e) {
        throw new StatesApiException("InvalidDefinition", e.getMessage());
      }
      parsed.put(definition, def);
    }
    return def;
  }

  private static void checkName(String name) {
    // "." and ".." would escape the data directory; AWS refuses neither, but nobody needs them.
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new StatesApiException("InvalidName", "Invalid Name: '" + name + "'");
    }
  }

  private void launch(Execution execution, Interpreter.Recovery recovery) {
    ExecutionJournal journal =
        dataDirectory == null ? null : new ExecutionJournal(execution.directory().resolve("journal.jsonl"));
    dev.svod.states.engine.RunListener listener =
        new dev.svod.states.engine.RunListener() {
          @Override
          public void onEvent(HistoryEvent event) {
            // Journal first: an event the API shows is one a restart finds (write-ahead). The
            // other order let GetExecutionHistory show a state entered that a crash then forgot.
            if (journal != null) {
              journal.onEvent(event);
            }
            synchronized (execution.events) {
              execution.events.add(event);
            }
          }

          @Override
          public void onCheckpoint(dev.svod.states.engine.Checkpoint checkpoint) {
            if (journal != null) {
              journal.onCheckpoint(checkpoint);
            }
          }

          @Override
          public void onUnitCompleted(String key, JsonNode output) {
            if (journal != null) {
              journal.onUnitCompleted(key, output);
            }
          }
        };
    Interpreter interpreter =
        new Interpreter(parse(execution.definition), execution.info, clock, handlers, tokens, listener, recovery);
    execution.interpreter = interpreter;
    Thread.ofVirtual()
        .name("execution-" + execution.info.name())
        .start(
            () -> {
              RunResult result;
              try {
                result = interpreter.run();
              } catch (RuntimeException unexpected) {
                result = RunResult.failed("States.Runtime", "Internal engine error: " + unexpected);
              }
              if (interpreter.abandoned()) {
                if (journal != null) {
                  journal.close();
                }
                return;
              }
              Instant stopDate = clock.now();
              if (journal != null) {
                ObjectNode end = Json.object();
                end.put("status", result.status());
                end.put("stopDate", stopDate.toString());
                if (result.output() != null) {
                  end.set("output", result.output());
                }
                end.put("error", result.error());
                end.put("cause", result.cause());
                journal.end(end);
                journal.close();
              }
              execution.stopDate = stopDate;
              execution.result = result;
              execution.done.complete(result);
            });
  }

  private static void awaitQuietly(Execution e) {
    try {
      e.done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException ex) {
      // the description returned says RUNNING
    }
  }

  private Path machineFile(String name) {
    return dataDirectory.resolve("state-machines").resolve(name + ".json");
  }

  private void persist(StateMachineRecord r) {
    if (dataDirectory == null) {
      return;
    }
    ObjectNode o = Json.object();
    o.put("name", r.name());
    o.put("arn", r.arn());
    o.put("definition", r.definition());
    o.put("roleArn", r.roleArn());
    o.put("type", r.type());
    o.put("creationDate", r.creationDate().toString());
    o.put("updateDate", r.updateDate().toString());
    writeAtomically(machineFile(r.name()), Json.write(o));
  }

  private void writeMeta(Execution e) {
    ObjectNode o = Json.object();
    o.put("executionArn", e.info.executionArn());
    o.put("name", e.info.name());
    o.put("stateMachineArn", e.info.stateMachineArn());
    o.put("stateMachineName", e.info.stateMachineName());
    o.put("roleArn", e.info.roleArn());
    o.put("startDate", e.info.startTime().toString());
    o.put("express", e.info.express());
    o.set("input", e.info.input());
    o.put("definition", e.definition);
    writeAtomically(e.directory().resolve("execution.json"), Json.write(o));
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (var ch = java.nio.channels.FileChannel.open(
          tmp,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.WRITE,
          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Loads state machines and executions from the data directory and resumes unfinished ones. */
  private void load() {
    if (dataDirectory == null) {
      return;
    }
    Path smDir = dataDirectory.resolve("state-machines");
    Path exDir = dataDirectory.resolve("executions");
    try {
      if (Files.isDirectory(smDir)) {
        try (Stream<Path> files = Files.list(smDir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
            JsonNode o = Json.parse(Files.readString(f));
            StateMachineRecord r =
                new StateMachineRecord(
                    o.get("name").asText(),
                    o.get("arn").asText(),
                    o.get("definition").asText(),
                    o.get("roleArn").asText(),
                    o.get("type").asText(),
                    Instant.parse(o.get("creationDate").asText()),
                    Instant.parse(o.get("updateDate").asText()));
            machines.put(r.arn(), r);
          }
        }
      }
      if (Files.isDirectory(exDir)) {
        List<Path> metas;
        try (Stream<Path> files = Files.walk(exDir, 3)) {
          metas = files.filter(p -> p.getFileName().toString().equals("execution.json")).toList();
        }
        for (Path meta : metas) {
          restore(meta);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data directory " + dataDirectory, e);
    }
  }

  private void restore(Path meta) throws IOException {
    JsonNode o = Json.parse(Files.readString(meta));
    ExecutionInfo info =
        new ExecutionInfo(
            o.get("executionArn").asText(),
            o.get("name").asText(),
            o.get("stateMachineArn").asText(),
            o.get("stateMachineName").asText(),
            o.get("roleArn").asText(),
            Instant.parse(o.get("startDate").asText()),
            o.get("input"),
            o.path("express").asBoolean(false));
    Execution e = new Execution(info, o.get("definition").asText());
    ExecutionJournal.Contents journal = ExecutionJournal.read(meta.resolveSibling("journal.jsonl"));
    e.events.addAll(journal.events());
    executions.put(info.executionArn(), e);
    if (journal.end() != null) {
      JsonNode end = journal.end();
      e.stopDate = Instant.parse(end.get("stopDate").asText());
      e.result =
          new RunResult(
              end.get("status").asText(),
              end.get("output"),
              end.path("error").isNull() ? null : end.path("error").asText(null),
              end.path("cause").isNull() ? null : end.path("cause").asText(null));
      e.done.complete(e.result);
    } else {
      try {
        launch(
            e,
            new Interpreter.Recovery(journal.checkpoint(), journal.completedUnits(), journal.lastEventId(), journal.events()));
      } catch (StatesApiException invalid) {
        // The stored definition no longer parses (edited by hand?): fail it visibly, keep the rest.
        e.stopDate = clock.now();
        e.result = RunResult.failed("States.Runtime", "Cannot resume the execution: " + invalid.getMessage());
        e.done.complete(e.result);
      }
    }
  }
}
