package dev.svod.local.contract.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A LocalStack container for the contract suite, configured like {@code localstack/docker-compose.yml}
 * (same pinned image, read from that file) but on a free port, with the stack deployed into it by
 * {@link LocalStackDeployer}.
 *
 * <p>Presigned part URLs, the API's function URL and playback URLs are built by LocalStack and by
 * the functions inside Lambda containers, and are then used by the test on the Docker host. They
 * name {@code localhost.localstack.cloud:PORT}, which resolves to 127.0.0.1 on the host (public
 * DNS) and to LocalStack inside its Lambda containers (LocalStack's DNS). For the same port to work
 * on both sides, LocalStack listens on PORT inside the container too and the host's PORT is bound
 * to it, instead of Testcontainers' random mapping of 4566.
 */
public final class LocalStackStack implements AutoCloseable {

  private static final Pattern IMAGE = Pattern.compile("image:\\s*(localstack/localstack:\\S+)");

  private final LocalStackContainer container;
  private final LocalStackDeployer.Deployment deployment;
  private final URI endpoint;
  private final URI publicEndpoint;

  private LocalStackStack(LocalStackContainer container, LocalStackDeployer.Deployment deployment,
      URI endpoint, URI publicEndpoint) {
    this.container = container;
    this.deployment = deployment;
    this.endpoint = endpoint;
    this.publicEndpoint = publicEndpoint;
  }

  /** Starts LocalStack and deploys the stack from the Lambda package directory given. */
  public static LocalStackStack start(Path lambdaPackage) {
    int port = freePort();
    LocalStackContainer container = new FixedPortLocalStack(image(), port)
        .withEnv("GATEWAY_LISTEN", "0.0.0.0:4566,0.0.0.0:" + port)
        .withEnv("LOCALSTACK_HOST", "localhost.localstack.cloud:" + port)
        // A cold Java function with FFmpeg in its package needs more than the default 20 s.
        .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120")
        .withStartupTimeout(Duration.ofMinutes(3));
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    container.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      URI publicEndpoint = URI.create("http://localhost.localstack.cloud:" + port);
      var deployment = new LocalStackDeployer(new LocalStackDeployer.Settings(endpoint,
          publicEndpoint, container.getRegion(), "svod", lambdaPackage)).deploy();
      return new LocalStackStack(container, deployment, endpoint, publicEndpoint);
    } catch (RuntimeException e) {
      System.err.println("LocalStack log:\n" + container.getLogs());
      container.stop();
      throw e;
    }
  }

  /** What the deployer created. */
  public LocalStackDeployer.Deployment deployment() {
    return deployment;
  }

  /** Where SDK clients on this machine reach LocalStack. */
  public URI endpoint() {
    return endpoint;
  }

  /** The host name and port every URL LocalStack or the functions build uses. */
  public URI publicEndpoint() {
    return publicEndpoint;
  }

  public String region() {
    return container.getRegion();
  }

  /** LocalStack's own log (Lambda and Step Functions errors show up there). */
  public String logs() {
    return container.getLogs();
  }

  @Override
  public void close() {
    container.stop();
  }

  /** The image pinned in {@code localstack/docker-compose.yml}: one place to bump it. */
  static DockerImageName image() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path compose = dir.resolve("localstack/docker-compose.yml");
      if (Files.isRegularFile(compose)) {
        try {
          Matcher matcher = IMAGE.matcher(Files.readString(compose));
          if (!matcher.find()) {
            throw new IllegalStateException("No 'image: localstack/localstack:TAG' in " + compose);
          }
          return DockerImageName.parse(matcher.group(1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("No localstack/docker-compose.yml above "
        + Path.of("").toAbsolutePath());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Binds the host's {@code port} to the same port in the container (see the class comment). */
  private static final class FixedPortLocalStack extends LocalStackContainer {
    FixedPortLocalStack(DockerImageName image, int port) {
      super(image);
      addFixedExposedPort(port, port);
    }
  }
}
