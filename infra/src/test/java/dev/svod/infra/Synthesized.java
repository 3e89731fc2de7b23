package dev.svod.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployments the template tests look at, each synthesized once per test JVM (jsii start-up
 * and synthesis take seconds): {@link #full()} with every option on, {@link #minimal()} with the
 * defaults plus the MediaConvert backend, {@link #publicNetwork()} for the container backend's
 * public-subnet network, {@link #console()} for the hosted web console and {@link #disposable()} for the
 * remaining options.
 * Assets are not copied (CDK's disable-asset-staging), so the tests read the Maven-assembled
 * directories in place.
 */
final class Synthesized {

  /** A browser origin allowed in {@link #full()}. */
  static final String ORIGIN = "https://console.example.com";
  static final String ISSUER = "https://auth.example.com/";
  static final String AUDIENCE = "vod-console";
  static final String CONSOLE_CLIENT_ID = "console-client";

  private static Synthesized full;
  private static Synthesized minimal;
  private static Synthesized disposable;
  private static Synthesized publicNetwork;
  private static Synthesized console;

  final VodStack stack;
  final Template template;
  final Annotations annotations;

  private Synthesized(Map<String, Object> context) {
    this(context, Environment.builder().build());
  }

  private Synthesized(Map<String, Object> context, Environment environment) {
    App app = new App(AppProps.builder()
        .context(Map.<String, Object>of(
            "aws:cdk:disable-asset-staging", true,
            // Records each asset's source path on its resource (the CLI does the same), for the tests.
            "aws:cdk:enable-asset-metadata", true))
        .build());
    // The same context (feature flags, defaults) as `cdk deploy`, then the test's choices.
    cdkJsonContext().forEach(app.getNode()::setContext);
    context.forEach(app.getNode()::setContext);
    stack = VodApp.build(app, environment);
    template = Template.fromStack(stack);
    annotations = Annotations.fromStack(stack);
  }

  /** Container backend, CORS, JWT auth, signed URLs, archive transition. */
  static synchronized Synthesized full() {
    if (full == null) {
      full = new Synthesized(Map.of(
          "backend", "container",
          "corsOrigins", ORIGIN + ",http://localhost:8080",
          "jwtIssuer", ISSUER,
          "jwtAudience", AUDIENCE,
          "signedUrls", "true",
          "signedUrlsPublicKeyFile", publicKeyFile().toString(),
          "archiveClass", "GLACIER_IR",
          "archiveAfterDays", "60"));
    }
    return full;
  }

  /** MediaConvert backend and nothing configured: IAM auth, no CORS, no signed URLs. */
  static synchronized Synthesized minimal() {
    if (minimal == null) {
      minimal = new Synthesized(Map.of("backend", "mediaconvert"));
    }
    return minimal;
  }

  /** Lambda backend, data deleted with the stack (CDK's auto-delete provider), only for the cdk-nag check. */
  static synchronized Synthesized disposable() {
    if (disposable == null) {
      disposable = new Synthesized(Map.of("backend", "lambda", "destroyData", "true"));
    }
    return disposable;
  }

  /** The hosted web console ({@code console=true}) with JWT auth and one configured CORS origin. */
  static synchronized Synthesized console() {
    if (console == null) {
      console = new Synthesized(consoleContext());
    }
    return console;
  }

  private static Map<String, Object> consoleContext() {
    return Map.of(
        "console", "true",
        "consoleClientId", CONSOLE_CLIENT_ID,
        "jwtIssuer", ISSUER,
        "jwtAudience", AUDIENCE,
        "corsOrigins", ORIGIN);
  }

  /** Container backend in public subnets ({@code transcodeNetwork=public}), otherwise the defaults. */
  static synchronized Synthesized publicNetwork() {
    if (publicNetwork == null) {
      publicNetwork = new Synthesized(Map.of("backend", "container", "transcodeNetwork", "public"));
    }
    return publicNetwork;
  }

  /**
   * The defaults with the given backend in a concrete account and region, as {@code cdk deploy}
   * synthesizes them (ARNs with literal partition and region), for the cdk-nag check.
   */
  static Synthesized inRegion(String backend) {
    return new Synthesized(Map.of("backend", backend), concreteRegion());
  }

  /** {@link #console()} in a concrete account and region, for the cdk-nag check. */
  static Synthesized consoleInRegion() {
    return new Synthesized(consoleContext(), concreteRegion());
  }

  private static Environment concreteRegion() {
    return Environment.builder().account("123456789012").region("eu-west-1").build();
  }

  /** {@code statemachine/vod.asl.json} as the build passes it (Failsafe system property). */
  static Path stateMachineFile() {
    return Path.of(System.getProperty(VodSettings.STATE_MACHINE_FILE));
  }

  /** {@code web/}, the console's folder, as the build passes it (Failsafe system property). */
  static Path webDir() {
    return Path.of(System.getProperty(ConsoleSettings.WEB_DIR));
  }

  /** The {@code context} of infra/cdk.json (the tests run in the module's directory). */
  private static Map<String, Object> cdkJsonContext() {
    try {
      JsonNode context = new ObjectMapper().readTree(Path.of("cdk.json").toFile()).path("context");
      return new ObjectMapper().convertValue(context, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path publicKeyFile() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      String body = Base64.getMimeEncoder(64, "\n".getBytes())
          .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
      Path file = Files.createTempFile("signing", ".pem");
      Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
