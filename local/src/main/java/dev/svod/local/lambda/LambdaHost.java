package dev.svod.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda in this JVM: invokes handler classes with real event JSON, as the Lambda Java runtime
 * does.
 *
 * <ul>
 *   <li>Events are (de)serialised with the runtime's own serialiser
 *       ({@code aws-lambda-java-serialization}: the same mix-ins for {@code aws-lambda-java-events}
 *       types and the same POJO mapper), so a handler that works here parses the same JSON on AWS.
 *   <li>One handler instance serves one request at a time; concurrent requests get further
 *       instances (execution environments), built on demand and reused afterwards.
 *   <li>The function timeout is enforced: past it the caller gets {@code Sandbox.Timedout} and
 *       the environment is discarded (its thread is interrupted).
 *   <li>An exception becomes a function error with Lambda's payload ({@link LambdaErrors}).
 * </ul>
 */
public final class LambdaHost implements AutoCloseable {

  /** The account id in local ARNs. */
  public static final String ACCOUNT = "000000000000";

  private static final Logger LOG = LoggerFactory.getLogger(LambdaHost.class);

  private final String region;
  private final Map<String, Hosted> functions = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  /** A registered function and its idle execution environments. */
  private record Hosted(LocalFunction function, Deque<Object> idle, AtomicInteger started) {}

  public LambdaHost(String region) {
    this.region = region;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "lambda-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Adds (or replaces) a function. */
  public void register(LocalFunction function) {
    functions.put(
        function.name(),
        new Hosted(function, new ConcurrentLinkedDeque<>(), new AtomicInteger()));
  }

  /**
   * Starts one execution environment of the function ahead of its first request (what
   * provisioned concurrency does), so the first video does not pay every cold start.
   */
  public void prewarm(String nameOrArn) {
    Hosted hosted = functions.get(functionName(nameOrArn));
    if (hosted != null && hosted.idle().isEmpty()) {
      hosted.idle().addLast(hosted.function().newInstance().get());
    }
  }

  /** The ARN of a function name in this host's region and the local account. */
  public String arn(String functionName) {
    return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName;
  }

  /**
   * The function name from a name, a partial ARN or a full ARN, without a version or alias
   * qualifier ({@code arn:aws:lambda:us-east-1:000000000000:function:Probe:$LATEST} → Probe).
   */
  public static String functionName(String nameOrArn) {
    String name = nameOrArn;
    int marker = name.indexOf("function:");
    if (marker >= 0) {
      name = name.substring(marker + "function:".length());
    }
    int qualifier = name.indexOf(':');
    return qualifier >= 0 ? name.substring(0, qualifier) : name;
  }

  /** Whether a function of that name (or ARN) is registered. */
  public boolean hosts(String nameOrArn) {
    return functions.containsKey(functionName(nameOrArn));
  }

  /**
   * Invokes a function synchronously (RequestResponse) with a JSON payload.
   *
   * @throws NoSuchElementException when no such function is registered (Lambda's
   *     ResourceNotFoundException)
   */
  public Invocation invoke(String nameOrArn, String payload) {
    String name = functionName(nameOrArn);
    Hosted hosted = functions.get(name);
    if (hosted == null) {
      throw new NoSuchElementException(
          "Function not found: " + arn(name) + " (hosted: " + functions.keySet() + ")");
    }
    LocalFunction function = hosted.function();
    String requestId = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + function.timeout().toNanos();
    Future<Invocation> running =
        executor.submit(() -> runInEnvironment(hosted, payload, requestId, deadline));
    try {
      return running.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      LOG.warn("{} request {} timed out after {}", name, requestId, function.timeout());
      return new Invocation(LambdaErrors.timedOut(requestId, function.timeout()), true);
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while invoking " + name, e);
    } catch (ExecutionException e) {
      // runInEnvironment turns handler failures into results; this is a host bug.
      throw new IllegalStateException("Invoking " + name + " failed", e.getCause());
    }
  }

  private Invocation runInEnvironment(
      Hosted hosted, String payload, String requestId, long deadlineNanos) {
    LocalFunction function = hosted.function();
    Object handler = hosted.idle().pollFirst();
    try {
      if (handler == null) {
        handler = function.newInstance().get(); // a cold start: fails like an Init error
        LOG.debug("{} started execution environment {}", function.name(),
            hosted.started().incrementAndGet());
      }
      Context context = new LocalContext(function, arn(function.name()), requestId, deadlineNanos);
      long start = System.nanoTime();
      String response = handle(handler, payload, context);
      LOG.debug("REPORT {} RequestId: {} Duration: {} ms", function.name(), requestId,
          (System.nanoTime() - start) / 1_000_000);
      if (!Thread.currentThread().isInterrupted()) {
        hosted.idle().addFirst(handler); // a timed-out environment is discarded, as on Lambda
      }
      return new Invocation(response, false);
    } catch (Throwable error) {
      Throwable cause =
          error instanceof java.lang.reflect.InvocationTargetException wrapped
              ? wrapped.getCause()
              : error;
      if (Thread.currentThread().isInterrupted()) {
        LOG.debug("{} request {} stopped after its timeout", function.name(), requestId);
      } else {
        LOG.info("{} request {} failed: {}", function.name(), requestId, cause.toString());
      }
      return new Invocation(LambdaErrors.unhandled(cause), true);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String handle(Object handler, String payload, Context context) throws Exception {
    if (handler instanceof RequestStreamHandler streamHandler) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      streamHandler.handleRequest(
          new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
      return out.size() == 0 ? "null" : out.toString(StandardCharsets.UTF_8);
    }
    if (handler instanceof RequestHandler requestHandler) {
      Type[] types = requestHandlerTypes(handler.getClass());
      Object input = serializer(types[0]).fromJson(payload);
      Object output = requestHandler.handleRequest(input, context);
      if (output == null) {
        return "null";
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      serializer(types[1]).toJson(output, out);
      return out.toString(StandardCharsets.UTF_8);
    }
    throw new IllegalArgumentException(
        handler.getClass().getName()
            + " implements neither RequestHandler nor RequestStreamHandler");
  }

  /** The serialiser the Lambda Java runtime picks for a handler's input or output type. */
  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Type type) {
    if (type instanceof Class<?> clazz
        && LambdaEventSerializers.isLambdaSupportedEvent(clazz.getName())) {
      return (PojoSerializer<Object>)
          LambdaEventSerializers.serializerFor(clazz, clazz.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  /** The {@code I} and {@code O} of the handler's {@code RequestHandler<I, O>}. */
  static Type[] requestHandlerTypes(Class<?> handlerClass) {
    for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
      for (Type candidate : c.getGenericInterfaces()) {
        if (candidate instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class) {
          return parameterized.getActualTypeArguments();
        }
      }
    }
    return new Type[] {Object.class, Object.class};
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** The context handed to handlers: remaining time counts down to the function timeout. */
  private record LocalContext(
      LocalFunction function, String functionArn, String requestId, long deadlineNanos)
      implements Context {

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
      return "local/" + Thread.currentThread().getName();
    }

    @Override
    public String getFunctionName() {
      return function.name();
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      long remaining = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
      return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
      Logger logger = LoggerFactory.getLogger("lambda." + function.name());
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          logger.info(message.stripTrailing());
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
