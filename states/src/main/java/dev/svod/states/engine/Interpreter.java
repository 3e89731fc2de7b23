package dev.svod.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svod.states.StatesFailure;
import dev.svod.states.asl.Catcher;
import dev.svod.states.asl.ErrorNames;
import dev.svod.states.asl.Intrinsics;
import dev.svod.states.asl.Json;
import dev.svod.states.asl.JsonPaths;
import dev.svod.states.asl.Jsonata;
import dev.svod.states.asl.PathNotFoundFailure;
import dev.svod.states.asl.PathScope;
import dev.svod.states.asl.Retrier;
import dev.svod.states.asl.State;
import dev.svod.states.asl.StateMachineDefinition;
import dev.svod.states.asl.StateType;
import dev.svod.states.task.TaskFailedException;
import dev.svod.states.task.TaskHandler;
import dev.svod.states.task.TaskHandlers;
import dev.svod.states.task.TaskInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one execution of a parsed definition: the data flow of both query languages, every state
 * type, Retry/Catch, and the history events AWS records. Durable positions go to a
 * {@link RunListener}; a run can start from a {@link Recovery} instead of the beginning.
 */
public final class Interpreter {
  /** Where to resume: the last checkpoint and the outputs of finished branches/iterations. */
  public record Recovery(
      Checkpoint checkpoint, Map<String, JsonNode> completedUnits, long lastEventId, List<HistoryEvent> events) {

    /**
     * When the state to resume was entered before the crash: a Wait state then waits only for
     * what is left, and $$.State.EnteredTime keeps its value.
     */
    Instant resumedStateEnteredAt(String stateName) {
      long after = checkpoint == null ? 1 : checkpoint.lastEventId();
      for (HistoryEvent e : events) {
        if (e.previousEventId() == after
            && e.type().endsWith("StateEntered")
            && e.details() != null
            && stateName.equals(e.details().path("name").asText())) {
          return e.timestamp();
        }
      }
      return null;
    }
  }

  private static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  private static final DateTimeFormatter CONTEXT_TIME = DateTimeFormatter.ISO_INSTANT;

  private final StateMachineDefinition definition;
  private final ExecutionInfo info;
  private final EngineClock clock;
  private final TaskHandlers handlers;
  private final TaskTokens tokens;
  private final RunListener listener;
  private final Recovery recovery;
  private final ExecutorService workers;
  private final AtomicLong eventIds = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean abandoned = new AtomicBoolean();
  private volatile StatesFailure stopReason;
  private volatile boolean timedOut;
  private volatile Instant executionDeadline;
  private Instant resumedEnteredTime;

  public Interpreter(
      StateMachineDefinition definition,
      ExecutionInfo info,
      EngineClock clock,
      TaskHandlers handlers,
      TaskTokens tokens,
      RunListener listener,
      Recovery recovery) {
    this.definition = definition;
    this.info = info;
    this.clock = clock;
    this.handlers = handlers;
    this.tokens = tokens;
    this.listener = listener;
    this.recovery = recovery;
    this.workers = Executors.newVirtualThreadPerTaskExecutor();
    if (recovery != null) {
      eventIds.set(recovery.lastEventId());
    }
  }

  /**
   * Stops the run at the next state boundary or wait; it ends with the given status, error and
   * cause (ABORTED by StopExecution, TIMED_OUT by the execution's TimeoutSeconds).
   */
  public void stop(String error, String cause) {
    stopReason = new StatesFailure(error, cause);
    stopped.set(true);
  }

  /**
   * Abandons the run as a crash would: from now on nothing is recorded (no events, checkpoints
   * or end), so a new engine over the same journal resumes the execution.
   */
  public void abandon() {
    abandoned.set(true);
    stopped.set(true);
  }

  public boolean abandoned() {
    return abandoned.get();
  }

  /** The state machine's TimeoutSeconds has passed: the run ends TIMED_OUT. */
  private void timeOut() {
    timedOut = true;
    stop(ErrorNames.TIMEOUT, null);
  }

  /** Runs to the end and returns how the execution ended (never throws for workflow errors). */
  public RunResult run() {
    Frame top = new Frame(new Variables(null), null, "", null, stopped::get);
    JsonNode input = info.input();
    String start = definition.startAt();
    if (recovery != null && recovery.checkpoint() != null) {
      Checkpoint c = recovery.checkpoint();
      input = c.input();
      start = c.nextState();
      top.transitions = c.transitions();
      c.variables().forEach(top.vars::set);
      top.lastEventId = c.lastEventId();
    } else if (recovery == null || recovery.lastEventId() == 0) {
      ObjectNode d = Json.object();
      d.put("input", Json.write(info.input()));
      d.set("inputDetails", Json.object().put("truncated", false));
      d.put("roleArn", info.roleArn());
      top.lastEventId = 0;
      event(top, "ExecutionStarted", d);
    } else {
      top.lastEventId = recovery.lastEventId();
    }
    if (recovery != null) {
      resumedEnteredTime = recovery.resumedStateEnteredAt(start);
    }
    Integer timeout = definition.timeoutSeconds();
    executionDeadline = timeout == null ? null : info.startTime().plusSeconds(timeout);
    if (timeout != null && !clock.skipsWaits()) {
      Instant deadline = executionDeadline;
      workers.submit(
          () -> {
            clock.sleepUntil(deadline, stopped::get);
            if (!stopped.get()) {
              timeOut();
            }
            return null;
          });
    }
    try {
      JsonNode output = runMachine(definition, input, top, start);
      ObjectNode d = Json.object();
      d.put("output", Json.write(output));
      d.set("outputDetails", Json.object().put("truncated", false));
      event(top, "ExecutionSucceeded", d);
      return RunResult.succeeded(output);
    } catch (Cancelled c) {
      StatesFailure reason = stopReason;
      ObjectNode d = Json.object();
      if (reason != null && reason.error() != null) {
        d.put("error", reason.error());
      }
      if (reason != null && reason.cause() != null) {
        d.put("cause", reason.cause());
      }
      event(top, timedOut ? "ExecutionTimedOut" : "ExecutionAborted", d);
      return new RunResult(
          timedOut ? "TIMED_OUT" : "ABORTED",
          null,
          reason == null ? null : reason.error(),
          reason == null ? null : reason.cause());
    } catch (StatesFailure f) {
      ObjectNode d = Json.object();
      if (f.error() != null) {
        d.put("error", f.error());
      }
      if (f.cause() != null) {
        d.put("cause", f.cause());
      }
      event(top, "ExecutionFailed", d);
      return RunResult.failed(f.error(), f.cause());
    } finally {
      stopped.set(true);
      workers.shutdown();
    }
  }

  // ---------------------------------------------------------------- frames and scopes

  /** The run of one machine: the top level, a Parallel branch or a Map iteration. */
  private static final class Frame {
    final Variables vars;
    final ObjectNode mapItem;
    final String key;
    final Frame parent;
    final BooleanSupplier cancelled;
    long transitions;
    long lastEventId;

    Frame(Variables vars, ObjectNode mapItem, String key, Frame parent, BooleanSupplier cancelled) {
      this.vars = vars;
      this.mapItem = mapItem;
      this.key = key;
      this.parent = parent;
      this.cancelled = cancelled;
    }

    boolean top() {
      return parent == null;
    }
  }

  /** Workflow variables; a branch or iteration sees its parent's and assigns its own. */
  private static final class Variables {
    private final Variables parent;
    private final Map<String, JsonNode> values = new java.util.concurrent.ConcurrentHashMap<>();

    Variables(Variables parent) {
      this.parent = parent;
    }

    JsonNode get(String name) {
      JsonNode v = values.get(name);
      return v != null || parent == null ? v : parent.get(name);
    }

    void set(String name, JsonNode value) {
      values.put(name, value);
    }

    Map<String, JsonNode> all() {
      Map<String, JsonNode> out = parent == null ? new LinkedHashMap<>() : parent.all();
      out.putAll(values);
      return out;
    }

    Map<String, JsonNode> own() {
      return new LinkedHashMap<>(values);
    }
  }

  /** The state being run: what its context object and error messages need. */
  private final class StateRun {
    final State state;
    final Frame frame;
    final long enteredEventId;
    Instant enteredTime;
    int retryCount;
    String taskToken;

    StateRun(State state, Frame frame, long enteredEventId) {
      this.state = state;
      this.frame = frame;
      this.enteredEventId = enteredEventId;
      this.enteredTime = clock.now();
    }

    ObjectNode context(ObjectNode mapItem) {
      ObjectNode c = Json.object();
      ObjectNode e = c.putObject("Execution");
      e.put("Id", info.executionArn());
      e.set("Input", info.input());
      e.put("StartTime", CONTEXT_TIME.format(info.startTime()));
      e.put("Name", info.name());
      e.put("RoleArn", info.roleArn());
      if (!info.express()) {
        e.put("RedriveCount", 0);
      }
      ObjectNode sm = c.putObject("StateMachine");
      sm.put("Id", info.stateMachineArn());
      sm.put("Name", info.stateMachineName());
      ObjectNode s = c.putObject("State");
      s.put("Name", state.name());
      s.put("EnteredTime", CONTEXT_TIME.format(enteredTime));
      if (state.type() == StateType.Task) {
        s.put("RetryCount", retryCount);
      }
      if (taskToken != null) {
        c.putObject("Task").put("Token", taskToken);
      }
      if (mapItem != null) {
        c.putObject("Map").set("Item", mapItem);
      }
      return c;
    }

    PathScope scope(JsonNode input) {
      return scope(input, null);
    }

    PathScope scope(JsonNode input, ObjectNode mapItem) {
      return new PathScope() {
        @Override
        public JsonNode input() {
          return input;
        }

        @Override
        public JsonNode context() {
          return StateRun.this.context(mapItem);
        }

        @Override
        public JsonNode variable(String name) {
          return frame.vars.get(name);
        }
      };
    }

    Jsonata.Bindings bindings(JsonNode input, JsonNode result, JsonNode errorOutput, ObjectNode mapItem) {
      return new Jsonata.Bindings() {
        private JsonNode states;

        @Override
        public JsonNode states() {
          if (states == null) {
            states = build();
          }
          return states;
        }

        private JsonNode build() {
          ObjectNode s = Json.object();
          s.set("input", input);
          if (result != null) {
            s.set("result", result);
          }
          if (errorOutput != null) {
            s.set("errorOutput", errorOutput);
          }
          s.set("context", context(mapItem));
          return s;
        }

        @Override
        public Map<String, JsonNode> variables() {
          return frame.vars.all();
        }
      };
    }

    StatesFailure located(StatesFailure f) {
      return new Raised(
          f.error(),
          "An error occurred while executing the state '"
              + state.name()
              + "' (entered at the event id #"
              + enteredEventId
              + "). "
              + f.cause());
    }
  }

  /** A failure whose cause is final (not prefixed with the state's location again). */
  private static final class Raised extends StatesFailure {
    private static final long serialVersionUID = 1L;

    Raised(String error, String cause) {
      super(error, cause);
    }
  }

  /** Thrown at a state boundary or wait when the run (or a sibling branch) was stopped. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super(null, null, false, false);
    }
  }

  private record Step(JsonNode output, String next) {}

  private long event(Frame frame, String type, ObjectNode details) {
    long id = eventIds.incrementAndGet();
    HistoryEvent e = new HistoryEvent(id, frame.lastEventId, clock.now(), type, details);
    frame.lastEventId = id;
    if (!abandoned.get()) {
      listener.onEvent(e);
    }
    return id;
  }

  // ---------------------------------------------------------------- machine loop

  private JsonNode runMachine(StateMachineDefinition machine, JsonNode input, Frame frame, String start) {
    String current = start;
    while (true) {
      if (executionDeadline != null && !clock.now().isBefore(executionDeadline)) {
        timeOut();
      }
      if (frame.cancelled.getAsBoolean()) {
        throw new Cancelled();
      }
      State state = machine.state(current);
      Step step = runState(state, input, frame);
      frame.transitions++;
      if (step.next() == null) {
        return step.output();
      }
      if (frame.top() && !abandoned.get()) {
        listener.onCheckpoint(
            new Checkpoint(step.next(), step.output(), frame.vars.own(), frame.transitions, frame.lastEventId));
      }
      input = step.output();
      current = step.next();
    }
  }

  private Step runState(State state, JsonNode input, Frame frame) {
    ObjectNode entered = Json.object();
    entered.put("name", state.name());
    entered.put("input", Json.write(input));
    entered.set("inputDetails", Json.object().put("truncated", false));
    long enteredId = event(frame, state.type() + "StateEntered", entered);
    StateRun run = new StateRun(state, frame, enteredId);
    if (frame.top() && resumedEnteredTime != null) {
      run.enteredTime = resumedEnteredTime;
      resumedEnteredTime = null;
    }
    Step step;
    switch (state.type()) {
      case Task, Parallel, Map -> step = withRetryAndCatch(run, input);
      default -> {
        try {
          step = runBody(run, input);
        } catch (Raised | Cancelled e) {
          throw e;
        } catch (StatesFailure f) {
          throw run.located(f);
        }
      }
    }
    String outputText = Json.write(step.output());
    if (outputText.length() > MAX_PAYLOAD_BYTES / 4 && outputText.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw new Raised(
          ErrorNames.DATA_LIMIT_EXCEEDED,
          "The state/task '" + state.name() + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }
    if (state.type() != StateType.Fail) {
      ObjectNode exited = Json.object();
      exited.put("name", state.name());
      exited.put("output", outputText);
      exited.set("outputDetails", Json.object().put("truncated", false));
      event(frame, state.type() + "StateExited", exited);
    }
    return step;
  }

  private Step withRetryAndCatch(StateRun run, JsonNode input) {
    State state = run.state;
    int[] attempts = new int[state.retriers().size()];
    while (true) {
      StatesFailure failure;
      try {
        return runBody(run, input);
      } catch (Cancelled c) {
        throw c;
      } catch (Raised r) {
        failure = r;
      } catch (StatesFailure f) {
        failure = f instanceof TaskFailedException ? f : run.located(f);
      }
      int r = matchingRetrier(state.retriers(), failure.error());
      if (r >= 0 && attempts[r] < state.retriers().get(r).maxAttempts()) {
        Retrier retrier = state.retriers().get(r);
        attempts[r]++;
        double delay = retrier.delaySeconds(attempts[r]);
        if (retrier.fullJitter()) {
          delay = ThreadLocalRandom.current().nextDouble() * delay;
        }
        sleep(run.frame, clock.now().plusMillis(Math.round(delay * 1000)));
        run.retryCount++;
        continue;
      }
      for (Catcher catcher : state.catchers()) {
        if (matches(catcher.errorEquals(), failure.error())) {
          return caught(run, input, catcher, failure);
        }
      }
      throw failure instanceof Raised ? failure : new Raised(failure.error(), failure.cause());
    }
  }

  private static int matchingRetrier(List<Retrier> retriers, String error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (matches(retriers.get(i).errorEquals(), error)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(List<String> errorEquals, String error) {
    for (String name : errorEquals) {
      if (name.equals(error)) {
        return true;
      }
      if (name.equals(ErrorNames.ALL)
          && !ErrorNames.RUNTIME.equals(error)
          && !ErrorNames.DATA_LIMIT_EXCEEDED.equals(error)) {
        return true;
      }
    }
    return false;
  }

  private Step caught(StateRun run, JsonNode rawInput, Catcher catcher, StatesFailure failure) {
    ObjectNode errorOutput = Json.object();
    errorOutput.put("Error", failure.error());
    if (failure.cause() != null) {
      errorOutput.put("Cause", failure.cause());
    }
    try {
      JsonNode output;
      if (run.state.jsonata()) {
        Jsonata.Bindings b = run.bindings(rawInput, null, errorOutput, null);
        output = catcher.output() == null ? errorOutput : Jsonata.evaluateTemplate(catcher.output(), "Output", b);
        assignJsonata(run, catcher.assign(), b);
      } else {
        assignJsonPath(run, catcher.assign(), errorOutput);
        if (catcher.resultPathPresent() && catcher.resultPath() == null) {
          output = rawInput;
        } else {
          output = JsonPaths.set(rawInput, catcher.resultPath() == null ? "$" : catcher.resultPath(), errorOutput);
        }
      }
      return new Step(output, catcher.next());
    } catch (Raised | Cancelled e) {
      throw e;
    } catch (StatesFailure f) {
      throw run.located(f);
    }
  }

  // ---------------------------------------------------------------- data flow

  private Step runBody(StateRun run, JsonNode raw) {
    if (run.state.type() == StateType.Task && run.state.text("Resource").endsWith(".waitForTaskToken")) {
      // Parameters/Arguments may pass $$.Task.Token on, so it exists before they are evaluated.
      run.taskToken = TaskTokens.newToken();
    }
    return run.state.jsonata() ? runJsonata(run, raw) : runJsonPath(run, raw);
  }

  private Step runJsonPath(StateRun run, JsonNode raw) {
    State s = run.state;
    JsonNode effective = inputPath(run, raw);
    switch (s.type()) {
      case Fail -> throw fail(run, effective);
      case Choice -> {
        JsonNode matched = null;
        String next = s.text("Default");
        JsonNode choices = s.field("Choices");
        for (JsonNode rule : choices) {
          if (ChoiceRules.evaluate(rule, run.scope(effective))) {
            matched = rule;
            next = rule.get("Next").asText();
            break;
          }
        }
        if (next == null) {
          throw new Raised(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        if (matched != null && matched.has("Assign")) {
          assigned.putAll(assignValues(run, matched.get("Assign"), effective));
        }
        if (s.has("Assign")) {
          assigned.putAll(assignValues(run, s.field("Assign"), effective));
        }
        JsonNode output = outputPath(run, effective);
        assigned.forEach(run.frame.vars::set);
        return new Step(output, next);
      }
      case Wait -> {
        waitJsonPath(run, effective);
        Map<String, JsonNode> assigned = s.has("Assign") ? assignValues(run, s.field("Assign"), effective) : Map.of();
        JsonNode output = outputPath(run, effective);
        assigned.forEach(run.frame.vars::set);
        return new Step(output, s.next());
      }
      case Succeed -> {
        return new Step(outputPath(run, effective), null);
      }
      default -> {}
    }
    JsonNode result =
        switch (s.type()) {
          case Pass ->
              s.has("Result")
                  ? s.field("Result")
                  : s.has("Parameters") ? payload(run, s.field("Parameters"), effective, "Parameters") : effective;
          case Task -> {
            JsonNode params =
                s.has("Parameters") ? payload(run, s.field("Parameters"), effective, "Parameters") : effective;
            yield task(run, params, s.text("Resource"));
          }
          case Parallel -> {
            JsonNode params =
                s.has("Parameters") ? payload(run, s.field("Parameters"), effective, "Parameters") : effective;
            yield parallel(run, params);
          }
          case Map -> mapJsonPath(run, effective);
          default -> throw new IllegalStateException(s.type().name());
        };
    if (s.has("ResultSelector")) {
      result = payload(run, s.field("ResultSelector"), result, "ResultSelector");
    }
    // Assign sees the result; the new values are visible only after this state's OutputPath.
    Map<String, JsonNode> assigned = s.has("Assign") ? assignValues(run, s.field("Assign"), result) : Map.of();
    JsonNode output;
    JsonNode rp = s.field("ResultPath");
    if (rp != null && rp.isNull()) {
      output = raw;
    } else {
      output = JsonPaths.set(raw, rp == null ? "$" : rp.textValue(), result);
    }
    output = outputPath(run, output);
    assigned.forEach(run.frame.vars::set);
    return new Step(output, s.next());
  }

  private Step runJsonata(StateRun run, JsonNode raw) {
    State s = run.state;
    Jsonata.Bindings before = run.bindings(raw, null, null, null);
    switch (s.type()) {
      case Fail -> {
        String error = s.has("Error") ? textOf(Jsonata.evaluateTemplate(s.field("Error"), "Error", before)) : null;
        String cause = s.has("Cause") ? textOf(Jsonata.evaluateTemplate(s.field("Cause"), "Cause", before)) : null;
        throw new Raised(error, cause);
      }
      case Choice -> {
        JsonNode matched = null;
        String next = s.text("Default");
        for (JsonNode rule : s.field("Choices")) {
          JsonNode cond = rule.get("Condition");
          JsonNode value = cond == null ? null : Jsonata.evaluateTemplate(cond, "Condition", before);
          if (value == null || !value.isBoolean()) {
            throw new StatesFailure(
                ErrorNames.QUERY_EVALUATION_ERROR,
                "The JSONata expression '"
                    + (cond == null ? "" : Jsonata.expressionText(cond.asText()))
                    + "' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '"
                    + Json.typeName(value)
                    + "' for value: "
                    + (value == null ? "null" : Json.write(value)));
          }
          if (value.booleanValue()) {
            matched = rule;
            next = rule.get("Next").asText();
            break;
          }
        }
        if (next == null) {
          throw new Raised(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
        JsonNode outputTemplate = matched != null && matched.has("Output") ? matched.get("Output") : s.field("Output");
        JsonNode output = outputTemplate == null ? raw : Jsonata.evaluateTemplate(outputTemplate, "Output", before);
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        if (s.has("Assign")) {
          assigned.putAll(jsonataAssignValues(s.field("Assign"), before));
        }
        if (matched != null && matched.has("Assign")) {
          assigned.putAll(jsonataAssignValues(matched.get("Assign"), before));
        }
        assigned.forEach(run.frame.vars::set);
        return new Step(output, next);
      }
      default -> {}
    }
    JsonNode result =
        switch (s.type()) {
          case Pass, Succeed -> null;
          case Wait -> {
            waitJsonata(run, before);
            yield null;
          }
          case Task -> {
            JsonNode args = s.has("Arguments") ? Jsonata.evaluateTemplate(s.field("Arguments"), "Arguments", before) : raw;
            yield task(run, args, s.text("Resource"));
          }
          case Parallel -> {
            JsonNode args = s.has("Arguments") ? Jsonata.evaluateTemplate(s.field("Arguments"), "Arguments", before) : raw;
            yield parallel(run, args);
          }
          case Map -> mapJsonata(run, raw, before);
          default -> throw new IllegalStateException(s.type().name());
        };
    Jsonata.Bindings after = result == null ? before : run.bindings(raw, result, null, null);
    JsonNode output;
    if (s.has("Output")) {
      output = Jsonata.evaluateTemplate(s.field("Output"), "Output", after);
    } else {
      output = result == null ? raw : result;
    }
    assignJsonata(run, s.field("Assign"), after);
    return new Step(output, s.type() == StateType.Succeed ? null : s.next());
  }

  private static String textOf(JsonNode n) {
    return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : Json.write(n);
  }

  private void assignJsonata(StateRun run, JsonNode assign, Jsonata.Bindings bindings) {
    if (assign != null) {
      jsonataAssignValues(assign, bindings).forEach(run.frame.vars::set);
    }
  }

  private static Map<String, JsonNode> jsonataAssignValues(JsonNode assign, Jsonata.Bindings bindings) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (Jsonata.isExpression(assign)) {
      JsonNode all = Jsonata.evaluateTemplate(assign, "Assign", bindings);
      all.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
      return values;
    }
    Iterator<Map.Entry<String, JsonNode>> it = assign.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      values.put(e.getKey(), Jsonata.evaluateTemplate(e.getValue(), "Assign/" + e.getKey(), bindings));
    }
    return values;
  }

  private void assignJsonPath(StateRun run, JsonNode assign, JsonNode input) {
    if (assign != null) {
      assignValues(run, assign, input).forEach(run.frame.vars::set);
    }
  }

  private Map<String, JsonNode> assignValues(StateRun run, JsonNode assign, JsonNode input) {
    JsonNode values = payload(run, assign, input, "Assign");
    Map<String, JsonNode> out = new LinkedHashMap<>();
    values.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private JsonNode inputPath(StateRun run, JsonNode raw) {
    return selectPath(run, "InputPath", raw);
  }

  private JsonNode outputPath(StateRun run, JsonNode output) {
    return selectPath(run, "OutputPath", output);
  }

  /** InputPath / OutputPath: absent selects everything, null selects {}. */
  private static JsonNode selectPath(StateRun run, String field, JsonNode document) {
    JsonNode path = run.state.field(field);
    if (path == null) {
      return document;
    }
    if (path.isNull()) {
      return Json.object();
    }
    return readPath(run.scope(document), path.textValue());
  }

  private static JsonNode readPath(PathScope scope, String path) {
    try {
      return JsonPaths.read(scope, path);
    } catch (PathNotFoundFailure e) {
      throw new StatesFailure(ErrorNames.RUNTIME, e.getMessage());
    }
  }

  /** Evaluates a payload template (Parameters, ResultSelector, ItemSelector, Assign). */
  private JsonNode payload(StateRun run, JsonNode template, JsonNode input, String field) {
    return payload(template, run.scope(input), field);
  }

  private static JsonNode payload(JsonNode template, PathScope scope, String field) {
    if (template.isObject()) {
      ObjectNode out = Json.object();
      Iterator<Map.Entry<String, JsonNode>> it = template.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        JsonNode value = e.getValue();
        if (key.endsWith(".$") && value.isTextual()) {
          out.set(key.substring(0, key.length() - 2), dynamicValue(value.textValue(), scope, key));
        } else {
          out.set(key, payload(value, scope, field));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Json.array();
      template.forEach(v -> out.add(payload(v, scope, field)));
      return out;
    }
    return template;
  }

  private static JsonNode dynamicValue(String expression, PathScope scope, String field) {
    if (Intrinsics.isCall(expression)) {
      return Intrinsics.evaluate(expression, scope);
    }
    try {
      return JsonPaths.read(scope, expression);
    } catch (PathNotFoundFailure e) {
      JsonNode shown = expression.startsWith("$$") ? scope.context() : scope.input();
      throw new StatesFailure(
          ErrorNames.RUNTIME,
          "The JSONPath '"
              + expression
              + "' specified for the field '"
              + field
              + "' could not be found in the input '"
              + Json.write(shown)
              + "'");
    }
  }

  // ---------------------------------------------------------------- Fail and Wait

  private StatesFailure fail(StateRun run, JsonNode input) {
    State s = run.state;
    String error = s.text("Error");
    String cause = s.text("Cause");
    if (s.has("ErrorPath")) {
      error = textOf(failPath(run, input, s.text("ErrorPath"), "ErrorPath"));
    }
    if (s.has("CausePath")) {
      cause = textOf(failPath(run, input, s.text("CausePath"), "CausePath"));
    }
    return new Raised(error, cause);
  }

  private static JsonNode failPath(StateRun run, JsonNode input, String path, String field) {
    return dynamicValue(path, run.scope(input), field);
  }

  private void waitJsonPath(StateRun run, JsonNode input) {
    State s = run.state;
    Instant until;
    if (s.has("Seconds")) {
      until = run.enteredTime.plusSeconds(s.field("Seconds").asLong());
    } else if (s.has("Timestamp")) {
      until = parseTimestamp(s.text("Timestamp"));
      if (until == null) {
        throw new StatesFailure(ErrorNames.RUNTIME, "The Timestamp field is not a valid timestamp: " + s.text("Timestamp"));
      }
    } else if (s.has("SecondsPath")) {
      String path = s.text("SecondsPath");
      JsonNode v;
      try {
        v = JsonPaths.read(run.scope(input), path);
      } catch (PathNotFoundFailure e) {
        throw new StatesFailure(ErrorNames.RUNTIME, "The SecondsPath parameter does not reference an input value: " + path);
      }
      if (!v.isIntegralNumber()) {
        throw new StatesFailure(
            ErrorNames.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: " + path + " == " + render(v));
      }
      if (v.longValue() < 0) {
        throw new StatesFailure(
            ErrorNames.RUNTIME, "The SecondsPath parameter references a negative value: " + path + " == " + render(v));
      }
      until = run.enteredTime.plusSeconds(v.longValue());
    } else {
      String path = s.text("TimestampPath");
      JsonNode v;
      try {
        v = JsonPaths.read(run.scope(input), path);
      } catch (PathNotFoundFailure e) {
        throw new StatesFailure(ErrorNames.RUNTIME, "The TimestampPath parameter does not reference an input value: " + path);
      }
      until = v.isTextual() ? parseTimestamp(v.textValue()) : null;
      if (until == null) {
        throw new StatesFailure(
            ErrorNames.RUNTIME,
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                + path + " == " + render(v));
      }
    }
    sleep(run.frame, until);
  }

  private void waitJsonata(StateRun run, Jsonata.Bindings bindings) {
    State s = run.state;
    Instant until;
    if (s.has("Seconds")) {
      JsonNode v = Jsonata.evaluateTemplate(s.field("Seconds"), "Seconds", bindings);
      if (!v.isIntegralNumber() || v.longValue() < 0) {
        throw new StatesFailure(
            ErrorNames.QUERY_EVALUATION_ERROR,
            "The Seconds field must be a non-negative integer, but was: " + render(v));
      }
      until = run.enteredTime.plusSeconds(v.longValue());
    } else {
      JsonNode v = Jsonata.evaluateTemplate(s.field("Timestamp"), "Timestamp", bindings);
      until = v.isTextual() ? parseTimestamp(v.textValue()) : null;
      if (until == null) {
        throw new StatesFailure(
            ErrorNames.QUERY_EVALUATION_ERROR,
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + render(v));
      }
    }
    sleep(run.frame, until);
  }

  private static String render(JsonNode v) {
    return v.isTextual() ? v.textValue() : Json.write(v);
  }

  /** Parses an RFC 3339 timestamp (date, 'T', time, zone required); null when it is not one. */
  static Instant parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void sleep(Frame frame, Instant until) {
    try {
      clock.sleepUntil(until, frame.cancelled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
    if (frame.cancelled.getAsBoolean()) {
      throw new Cancelled();
    }
  }

  // ---------------------------------------------------------------- Task

  private JsonNode task(StateRun run, JsonNode parameters, String resource) {
    Frame frame = run.frame;
    TaskHandler handler =
        handlers
            .find(resource)
            .orElseThrow(
                () -> new Raised(ErrorNames.RUNTIME, "No task handler is registered for the resource " + resource));
    boolean waitForToken = resource.endsWith(".waitForTaskToken") && !handler.completesTaskTokens();
    TaskTokens.Waiter waiter = waitForToken ? tokens.open(run.taskToken, clock.now()) : null;
    String resourceType = resourceType(resource);
    String resourceName = resourceName(resource);
    ObjectNode scheduled = Json.object();
    scheduled.put("resourceType", resourceType);
    scheduled.put("resource", resourceName);
    scheduled.put("region", "us-east-1");
    scheduled.put("parameters", Json.write(parameters));
    Integer timeout = intField(run.state, "TimeoutSeconds");
    Integer heartbeat = intField(run.state, "HeartbeatSeconds");
    if (timeout != null) {
      scheduled.put("timeoutInSeconds", timeout);
    }
    if (heartbeat != null) {
      scheduled.put("heartbeatInSeconds", heartbeat);
    }
    event(frame, "TaskScheduled", scheduled);
    event(frame, "TaskStarted", Json.object().put("resourceType", resourceType).put("resource", resourceName));
    Instant started = clock.now();
    TaskInvocation invocation =
        new TaskInvocation(resource, parameters, run.state.name(), info.executionArn(), run.taskToken, run.context(null), run.retryCount);
    CompletableFuture<JsonNode> work = new CompletableFuture<>();
    Future<?> call =
        workers.submit(
            () -> {
              try {
                work.complete(handler.execute(invocation));
              } catch (Throwable t) {
                work.completeExceptionally(t);
              }
            });
    try {
      CompletableFuture<JsonNode> awaited = work;
      if (waitForToken) {
        TaskTokens.Waiter w = waiter;
        awaited = w.result;
        // A handler that fails before handing out the token fails the task at once.
        work.whenComplete((r, t) -> {
          if (t != null) {
            w.result.completeExceptionally(t);
          }
        });
      }
      final TaskTokens.Waiter w = waiter;
      Supplier<Instant> deadline =
          () -> {
            Instant d = timeout == null ? null : started.plusSeconds(timeout);
            if (heartbeat != null) {
              Instant base = w != null ? w.lastHeartbeat : started;
              Instant h = base.plusSeconds(heartbeat);
              d = d == null || h.isBefore(d) ? h : d;
            }
            return d;
          };
      boolean done;
      try {
        done = clock.await(awaited, deadline, frame.cancelled);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
      if (!done) {
        call.cancel(true);
        if (frame.cancelled.getAsBoolean()) {
          throw new Cancelled();
        }
        Instant now = clock.now();
        boolean pastTimeout = timeout != null && !now.isBefore(started.plusSeconds(timeout));
        String error = pastTimeout ? ErrorNames.TIMEOUT : ErrorNames.HEARTBEAT_TIMEOUT;
        ObjectNode d = Json.object().put("resourceType", resourceType).put("resource", resourceName).put("error", error);
        event(frame, "TaskTimedOut", d);
        throw new TaskFailedException(error, null);
      }
      JsonNode result;
      try {
        result = awaited.get();
      } catch (ExecutionException e) {
        StatesFailure f = asTaskFailure(e.getCause());
        ObjectNode d = Json.object().put("resourceType", resourceType).put("resource", resourceName);
        if (f.error() != null) {
          d.put("error", f.error());
        }
        if (f.cause() != null) {
          d.put("cause", f.cause());
        }
        event(frame, "TaskFailed", d);
        throw f instanceof TaskFailedException ? f : new TaskFailedException(f.error(), f.cause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
      if (result == null) {
        result = NullNode.getInstance();
      }
      ObjectNode d = Json.object().put("resourceType", resourceType).put("resource", resourceName);
      d.put("output", Json.write(result));
      d.set("outputDetails", Json.object().put("truncated", false));
      event(frame, "TaskSucceeded", d);
      return result;
    } finally {
      if (waitForToken) {
        tokens.close(run.taskToken);
      }
    }
  }

  private static StatesFailure asTaskFailure(Throwable t) {
    if (t instanceof StatesFailure f) {
      return f;
    }
    return new TaskFailedException(ErrorNames.TASK_FAILED, t.getClass().getName() + ": " + t.getMessage());
  }

  private static Integer intField(State s, String name) {
    JsonNode n = s.field(name);
    return n != null && n.canConvertToInt() && n.isNumber() ? n.intValue() : null;
  }

  /** "lambda", "ecs", "mediaconvert", ... as history events name the resource type. */
  private static String resourceType(String resource) {
    String[] parts = resource.split(":");
    if (resource.startsWith("arn:aws:states:::") && parts.length > 5) {
      return parts[5];
    }
    return parts.length > 2 ? parts[2] : resource;
  }

  private static String resourceName(String resource) {
    if (resource.startsWith("arn:aws:states:::")) {
      String rest = resource.substring("arn:aws:states:::".length());
      int colon = rest.indexOf(':');
      return colon < 0 ? rest : rest.substring(colon + 1);
    }
    return resource;
  }

  // ---------------------------------------------------------------- Parallel

  private JsonNode parallel(StateRun run, JsonNode input) {
    State s = run.state;
    Frame frame = run.frame;
    event(frame, "ParallelStateStarted", null);
    List<StateMachineDefinition> branches = s.branches();
    String unitBase = frame.key + "/" + s.name() + "@" + frame.transitions;
    AtomicBoolean failed = new AtomicBoolean();
    BooleanSupplier cancelled = () -> failed.get() || frame.cancelled.getAsBoolean();
    List<Future<JsonNode>> futures = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      StateMachineDefinition branch = branches.get(i);
      String key = unitBase + "#" + i;
      Frame child = new Frame(new Variables(frame.vars), null, key, frame, cancelled);
      child.lastEventId = frame.lastEventId;
      futures.add(
          workers.submit(
              () -> {
                try {
                  return runUnit(branch, input, child);
                } catch (RuntimeException e) {
                  failed.set(true);
                  throw e;
                }
              }));
    }
    return settle(frame, futures, "Parallel", Function.identity());
  }

  /**
   * The results of a Parallel's branches or a Map's iterations, in order, with the state's
   * succeeded event; the first failure (as {@code asStateFailure} names it) fails the state with its
   * failed event, a cancellation passes through.
   */
  private ArrayNode settle(Frame frame, List<Future<JsonNode>> futures, String stateType,
      Function<StatesFailure, StatesFailure> asStateFailure) {
    ArrayNode results = Json.array();
    RuntimeException failure = collect(futures, results);
    if (failure != null) {
      if (failure instanceof Cancelled c) {
        throw c;
      }
      StatesFailure f = asStateFailure.apply((StatesFailure) failure);
      event(frame, stateType + "StateFailed", null);
      throw f instanceof Raised ? f : new Raised(f.error(), f.cause());
    }
    event(frame, stateType + "StateSucceeded", null);
    return results;
  }

  /** Runs a branch or iteration unless a previous run of the process already finished it. */
  private JsonNode runUnit(StateMachineDefinition machine, JsonNode input, Frame frame) {
    if (recovery != null) {
      JsonNode done = recovery.completedUnits().get(frame.key);
      if (done != null) {
        return done;
      }
    }
    JsonNode out = runMachine(machine, input, frame, machine.startAt());
    if (!abandoned.get()) {
      listener.onUnitCompleted(frame.key, out);
    }
    return out;
  }

  /** Waits for every future; returns the first failure (a workflow failure before a cancellation). */
  private static RuntimeException collect(List<? extends Future<JsonNode>> futures, ArrayNode results) {
    RuntimeException failure = null;
    for (Future<JsonNode> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException r ? r : new StatesFailure(ErrorNames.RUNTIME, String.valueOf(e.getCause()));
        if (failure == null || failure instanceof Cancelled && !(cause instanceof Cancelled)) {
          failure = cause;
        }
        results.addNull();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Cancelled();
      }
    }
    return failure;
  }

  // ---------------------------------------------------------------- Map

  private JsonNode mapJsonPath(StateRun run, JsonNode effective) {
    State s = run.state;
    String itemsPath = s.has("ItemsPath") ? s.text("ItemsPath") : "$";
    JsonNode items = readPath(run.scope(effective), itemsPath);
    if (!items.isArray()) {
      throw new StatesFailure(
          ErrorNames.RUNTIME, "Map state input must be an array but was: " + Json.write(items));
    }
    JsonNode selector = s.has("ItemSelector") ? s.field("ItemSelector") : s.field("Parameters");
    Function<ObjectNode, JsonNode> itemInput =
        item -> selector == null ? item.get("Value") : payload(selector, run.scope(effective, item), "ItemSelector");
    Integer maxConcurrency = jsonPathInteger(run, effective, "MaxConcurrency", "MaxConcurrencyPath");
    Integer toleratedCount = jsonPathInteger(run, effective, "ToleratedFailureCount", "ToleratedFailureCountPath");
    Double toleratedPercentage = jsonPathPercentage(run, effective);
    JsonNode batcher = s.field("ItemBatcher");
    if (batcher != null) {
      Integer perBatch = jsonPathBatchSize(run, batcher, effective);
      JsonNode batchInput = batcher.has("BatchInput") ? payload(run, batcher.get("BatchInput"), effective, "BatchInput") : null;
      items = batches((ArrayNode) items, itemInput, perBatch, batchInput);
      itemInput = item -> item.get("Value");
    }
    return runMap(run, (ArrayNode) items, itemInput, maxConcurrency, toleratedCount, toleratedPercentage);
  }

  private Integer jsonPathBatchSize(StateRun run, JsonNode batcher, JsonNode input) {
    if (batcher.has("MaxItemsPerBatchPath")) {
      String path = batcher.get("MaxItemsPerBatchPath").asText();
      JsonNode v = readPath(run.scope(input), path);
      if (!v.isIntegralNumber()) {
        throw new StatesFailure(
            ErrorNames.RUNTIME,
            "The MaxItemsPerBatchPath field refers to value \"" + render(v) + "\" which is not a valid integer: " + path);
      }
      return v.intValue();
    }
    return batcher.has("MaxItemsPerBatch") ? batcher.get("MaxItemsPerBatch").asInt() : null;
  }

  /**
   * ItemBatcher: the items (after ItemSelector) grouped into {@code {"Items": [...], "BatchInput":
   * ...}} objects, one child run per batch. Without a size every item goes into one batch.
   */
  private static ArrayNode batches(
      ArrayNode items, Function<ObjectNode, JsonNode> itemInput, Integer perBatch, JsonNode batchInput) {
    if (perBatch != null && perBatch <= 0) {
      throw new StatesFailure(ErrorNames.RUNTIME, "MaxItemsPerBatch must be positive, but was " + perBatch);
    }
    int size = perBatch == null ? Math.max(1, items.size()) : perBatch;
    ArrayNode batches = Json.array();
    ObjectNode batch = null;
    for (int i = 0; i < items.size(); i++) {
      if (i % size == 0) {
        batch = batches.addObject();
        if (batchInput != null) {
          batch.set("BatchInput", batchInput);
        }
        batch.putArray("Items");
      }
      ObjectNode item = Json.object();
      item.put("Index", i);
      item.set("Value", items.get(i));
      ((ArrayNode) batch.get("Items")).add(itemInput.apply(item));
    }
    return batches;
  }

  private Integer jsonPathInteger(StateRun run, JsonNode input, String field, String pathField) {
    JsonNode value;
    if (run.state.has(pathField)) {
      String path = run.state.text(pathField);
      value = readPath(run.scope(input), path);
      if (!value.isIntegralNumber() && !(value.isTextual() && value.textValue().matches("-?\\d+"))) {
        throw new StatesFailure(
            ErrorNames.RUNTIME,
            "The " + pathField + " field refers to value \"" + render(value) + "\" which is not a valid integer: " + path);
      }
    } else {
      value = run.state.field(field);
    }
    if (value == null) {
      return null;
    }
    int v = value.isTextual() ? Integer.parseInt(value.textValue()) : value.intValue();
    if (field.equals("ToleratedFailureCount") && v < 0) {
      throw new StatesFailure(ErrorNames.RUNTIME, "ToleratedFailureCount cannot be negative.");
    }
    return v;
  }

  private Double jsonPathPercentage(StateRun run, JsonNode input) {
    JsonNode value;
    if (run.state.has("ToleratedFailurePercentagePath")) {
      String path = run.state.text("ToleratedFailurePercentagePath");
      value = readPath(run.scope(input), path);
      if (!value.isNumber() && !(value.isTextual() && value.textValue().matches("-?\\d+(\\.\\d+)?"))) {
        throw new StatesFailure(
            ErrorNames.RUNTIME,
            "The ToleratedFailurePercentagePath field refers to value \"" + render(value) + "\" which is not a valid float: " + path);
      }
    } else {
      value = run.state.field("ToleratedFailurePercentage");
    }
    if (value == null) {
      return null;
    }
    double v = value.isTextual() ? Double.parseDouble(value.textValue()) : value.doubleValue();
    if (v < 0 || v > 100) {
      throw new StatesFailure(ErrorNames.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
    }
    return v;
  }

  private JsonNode mapJsonata(StateRun run, JsonNode raw, Jsonata.Bindings bindings) {
    State s = run.state;
    JsonNode items;
    if (s.has("Items")) {
      JsonNode template = s.field("Items");
      items = Jsonata.evaluateTemplate(template, "Items", bindings);
      if (!items.isArray()) {
        String expression = Jsonata.isExpression(template) ? Jsonata.expressionText(template.textValue()) : Json.write(template);
        throw Jsonata.queryError(
            expression,
            "Items",
            "returned an unexpected result type. Expected 'array', but was '" + Json.typeName(items) + "' for value: " + Json.write(items));
      }
    } else {
      items = raw;
      if (!items.isArray()) {
        throw new StatesFailure(
            ErrorNames.QUERY_EVALUATION_ERROR, "Map state input must be an array but was: " + Json.write(items));
      }
    }
    JsonNode selector = s.field("ItemSelector");
    Function<ObjectNode, JsonNode> itemInput =
        item -> selector == null ? item.get("Value") : Jsonata.evaluateTemplate(selector, "ItemSelector", run.bindings(raw, null, null, item));
    Double concurrency = jsonataNumber(s, "MaxConcurrency", bindings);
    Integer maxConcurrency = concurrency == null ? null : concurrency.intValue();
    Double count = jsonataNumber(s, "ToleratedFailureCount", bindings);
    Double percentage = jsonataNumber(s, "ToleratedFailurePercentage", bindings);
    JsonNode batcher = s.field("ItemBatcher");
    if (batcher != null) {
      JsonNode size = batcher.has("MaxItemsPerBatch") ? Jsonata.evaluateTemplate(batcher.get("MaxItemsPerBatch"), "ItemBatcher/MaxItemsPerBatch", bindings) : null;
      JsonNode batchInput = batcher.has("BatchInput") ? Jsonata.evaluateTemplate(batcher.get("BatchInput"), "ItemBatcher/BatchInput", bindings) : null;
      items = batches((ArrayNode) items, itemInput, size == null ? null : size.asInt(), batchInput);
      itemInput = item -> item.get("Value");
    }
    return runMap(run, (ArrayNode) items, itemInput, maxConcurrency, count == null ? null : count.intValue(), percentage);
  }

  private static Double jsonataNumber(State s, String field, Jsonata.Bindings bindings) {
    JsonNode template = s.field(field);
    if (template == null) {
      return null;
    }
    JsonNode v = Jsonata.evaluateTemplate(template, field, bindings);
    if (!v.isNumber()) {
      throw new StatesFailure(
          ErrorNames.QUERY_EVALUATION_ERROR,
          "The field '" + field + "' must be a number, but was: " + Json.write(v));
    }
    return v.doubleValue();
  }

  private JsonNode runMap(
      StateRun run,
      ArrayNode items,
      Function<ObjectNode, JsonNode> itemInput,
      Integer maxConcurrency,
      Integer toleratedCount,
      Double toleratedPercentage) {
    State s = run.state;
    Frame frame = run.frame;
    event(frame, "MapStateStarted", Json.object().put("length", items.size()));
    String unitBase = frame.key + "/" + s.name() + "@" + frame.transitions;
    boolean tolerant = toleratedCount != null || toleratedPercentage != null;
    AtomicBoolean failed = new AtomicBoolean();
    AtomicInteger failures = new AtomicInteger();
    BooleanSupplier cancelled = () -> failed.get() || frame.cancelled.getAsBoolean();
    Semaphore slots = new Semaphore(maxConcurrency == null || maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency);
    List<Future<JsonNode>> futures = new ArrayList<>();
    StateMachineDefinition processor = s.processor();
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      // Slots are taken here, in item order, so iterations start in order (as AWS does).
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
      if (cancelled.getAsBoolean()) {
        slots.release();
        break;
      }
      ObjectNode item = Json.object();
      item.put("Index", index);
      item.set("Value", items.get(index));
      JsonNode input = itemInput.apply(item);
      Frame child = new Frame(new Variables(frame.vars), item, unitBase + "#" + index, frame, cancelled);
      futures.add(
          workers.submit(
              () -> {
                try {
                  child.lastEventId = event(frame, "MapIterationStarted", iteration(s, index));
                  JsonNode out = runUnit(processor, input, child);
                  event(child, "MapIterationSucceeded", iteration(s, index));
                  return out;
                } catch (StatesFailure f) {
                  event(child, "MapIterationFailed", iteration(s, index));
                  int n = failures.incrementAndGet();
                  if (tolerant && withinTolerance(n, items.size(), toleratedCount, toleratedPercentage)) {
                    ObjectNode error = Json.object().put("Error", f.error());
                    if (f.cause() != null) {
                      error.put("Cause", f.cause());
                    }
                    return error;
                  }
                  failed.set(true);
                  throw f;
                } finally {
                  slots.release();
                }
              }));
    }
    return settle(frame, futures, "Map", f -> tolerant
        ? new Raised(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The specified tolerated failure threshold was exceeded")
        : f);
  }

  private static boolean withinTolerance(int failures, int total, Integer count, Double percentage) {
    boolean byCount = count != null && failures <= count;
    boolean byPercentage = percentage != null && failures * 100.0 / total <= percentage;
    return byCount || byPercentage;
  }

  private static ObjectNode iteration(State s, int index) {
    return Json.object().put("name", s.name()).put("index", index);
  }
}
