package dev.svod.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.TranscodeBackend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.s3.StorageClass;

class VodSettingsTest {

  private static final Map<String, String> PATHS = Map.of(
      VodSettings.LAMBDA_CODE_DIR, "/build/lambda/functions",
      VodSettings.FFMPEG_LAMBDA_CODE_DIR, "/build/lambda/ffmpeg",
      VodSettings.TRANSCODER_IMAGE_DIR, "/build/transcoder",
      VodSettings.STATE_MACHINE_FILE, "/repo/statemachine/vod.asl.json",
      ConsoleSettings.WEB_DIR, "/repo/web",
      ConsoleSettings.STAGING_DIR, "/build/console");

  private static final Map<String, Object> CONSOLE = Map.of(
      "console", "true",
      "consoleClientId", "console-client",
      "jwtIssuer", "https://issuer.example.com",
      "jwtAudience", "console");

  private static VodSettings read(Map<String, Object> context) {
    return VodSettings.read(context::get, PATHS::get);
  }

  @Test
  void defaultsAreContainerBackendIamAuthNoCorsAndRetainedData() {
    VodSettings settings = read(Map.of());

    assertThat(settings.backend()).isEqualTo(TranscodeBackend.CONTAINER);
    assertThat(settings.transcodeNetwork()).isEqualTo(TranscodeNetwork.ISOLATED);
    assertThat(settings.jwtIssuer()).isEmpty();
    assertThat(settings.corsOrigins()).isEmpty();
    assertThat(settings.signedUrls()).isFalse();
    assertThat(settings.archiveClass()).isEmpty();
    assertThat(settings.destroyOnDelete()).isFalse();
    assertThat(settings.logRetentionDays()).isEqualTo(30);
    assertThat(settings.stateMachineFile()).isEqualTo(Path.of("/repo/statemachine/vod.asl.json"));
  }

  @Test
  void readsEveryChoiceFromContext() {
    Map<String, Object> context = new HashMap<>();
    context.put("backend", "LAMBDA");
    context.put("transcodeNetwork", "Public");
    context.put("corsOrigins", " https://a.example.com , https://b.example.com ");
    context.put("jwtIssuer", "https://issuer.example.com");
    context.put("jwtAudience", "console");
    context.put("archiveClass", "deep_archive");
    context.put("logRetentionDays", "90");
    context.put("destroyData", "true");

    VodSettings settings = read(context);

    assertThat(settings.backend()).isEqualTo(TranscodeBackend.LAMBDA);
    assertThat(settings.transcodeNetwork()).isEqualTo(TranscodeNetwork.PUBLIC);
    assertThat(settings.transcodeNetwork().assignPublicIp()).isEqualTo("ENABLED");
    assertThat(settings.corsOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
    assertThat(settings.jwtAudiences()).containsExactly("console");
    assertThat(settings.archiveClass()).contains(StorageClass.DEEP_ARCHIVE);
    assertThat(settings.logRetentionDays()).isEqualTo(90);
    assertThat(settings.destroyOnDelete()).isTrue();
  }

  @Test
  void rejectsAnIssuerWithoutAudienceSoTheApiNeverAcceptsForeignTokens() {
    assertThatThrownBy(() -> read(Map.of("jwtIssuer", "https://issuer.example.com")))
        .hasMessageContaining("jwtAudience");
  }

  @Test
  void consoleIsOffByDefault() {
    assertThat(read(Map.of()).console()).isEmpty();
  }

  @Test
  void consoleReadsItsClientScopesAndTheBuildsFolders() {
    Map<String, Object> context = new HashMap<>(CONSOLE);
    context.put("consoleScopes", "  openid   profile vod/api ");
    context.put("consoleAuthOrigins", "https://vod.auth.eu-west-1.amazoncognito.com");

    ConsoleSettings console = read(context).console().orElseThrow();

    assertThat(console.clientId()).isEqualTo("console-client");
    assertThat(console.scopes()).isEqualTo("openid profile vod/api");
    assertThat(console.authOrigins()).containsExactly("https://vod.auth.eu-west-1.amazoncognito.com");
    assertThat(console.webDir()).isEqualTo(Path.of("/repo/web"));
    assertThat(console.stagingDir()).isEqualTo(Path.of("/build/console"));
    assertThat(read(CONSOLE).console().orElseThrow().scopes()).isEqualTo(ConsoleSettings.DEFAULT_SCOPES);
  }

  @Test
  void rejectsAConsoleWithoutJwtIssuerBecauseBrowsersCannotSignIamRequests() {
    Map<String, Object> context = new HashMap<>(CONSOLE);
    context.remove("jwtIssuer");
    context.remove("jwtAudience");

    assertThatThrownBy(() -> read(context)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("console=true needs -c jwtIssuer").hasMessageContaining("IAM");
  }

  @Test
  void rejectsACognitoConsoleWhoseClientIdTheAuthorizerWouldNotAccept() {
    Map<String, Object> cognito = new HashMap<>(CONSOLE);
    cognito.put("jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");

    assertThatThrownBy(() -> read(cognito)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwtAudience must include consoleClientId 'console-client'");
    cognito.put("jwtAudience", "console-client");
    assertThat(read(cognito).console()).isPresent();
  }

  @Test
  void rejectsAConsoleWithoutClientIdOrScopesAndBadAuthOrigins() {
    Map<String, Object> noClient = new HashMap<>(CONSOLE);
    noClient.remove("consoleClientId");
    Map<String, Object> plainHttp = new HashMap<>(CONSOLE);
    plainHttp.put("consoleAuthOrigins", "http://idp.example.com");

    assertThatThrownBy(() -> read(noClient)).hasMessageContaining("consoleClientId");
    assertThatThrownBy(() -> new ConsoleSettings("console-client", " \t ", List.of(), Path.of("web"), Path.of("out")))
        .hasMessageContaining("consoleScopes");
    assertThatThrownBy(() -> read(plainHttp)).hasMessageContaining("consoleAuthOrigins");
  }

  @Test
  void rejectsWildcardAndPlainHttpOrigins() {
    assertThatThrownBy(() -> read(Map.of("corsOrigins", "*"))).hasMessageContaining("corsOrigins");
    assertThatThrownBy(() -> read(Map.of("corsOrigins", "http://example.com"))).hasMessageContaining("corsOrigins");
  }

  @Test
  void rejectsUnknownBackendsNetworksArchiveClassesAndRetentions() {
    assertThatThrownBy(() -> read(Map.of("backend", "gpu"))).hasMessageContaining("backend");
    assertThatThrownBy(() -> read(Map.of("transcodeNetwork", "nat"))).hasMessageContaining("transcodeNetwork")
        .hasMessageContaining("isolated or public");
    assertThatThrownBy(() -> read(Map.of("archiveClass", "tape"))).hasMessageContaining("archiveClass");
    assertThatThrownBy(() -> read(Map.of("logRetentionDays", "31"))).hasMessageContaining("logRetentionDays");
  }

  @Test
  void signedUrlsNeedAPublicKeyFile() {
    assertThatThrownBy(() -> read(Map.of("signedUrls", "true"))).hasMessageContaining("signedUrlsPublicKeyFile");
  }

  @Test
  void missingBuildPathsNameTheBuildCommand() {
    assertThatThrownBy(() -> VodSettings.read(Map.<String, Object>of()::get, key -> null))
        .hasMessageContaining(VodSettings.LAMBDA_CODE_DIR).hasMessageContaining("mvnw");
  }
}
