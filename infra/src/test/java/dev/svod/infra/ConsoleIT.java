package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.s3.Bucket;

class ConsoleIT {

  /** Where Source.data puts the first deploy-time value of a file. */
  private static final String MARKER = "<<marker:0xbaba:0>>";

  private final Synthesized synthesized = Synthesized.console();
  private final Template template = synthesized.template;
  private final Map<String, Object> distribution =
      at(properties(template, "AWS::CloudFront::Distribution", "ConsoleDistribution"), "DistributionConfig");

  private Map<String, Object> deployment(String name) {
    return properties(template, "Custom::CDKBucketDeployment", "Console" + name);
  }

  /** The directories of a stack's file assets, as the cloud assembly's asset manifest names them. */
  private static List<Path> fileAssetDirectories(Stack stack) throws IOException {
    CloudAssembly assembly = ((App) stack.getNode().getRoot()).synth();
    Path manifest = Path.of(assembly.getDirectory(), stack.getArtifactId() + ".assets.json");
    List<Path> directories = new ArrayList<>();
    new ObjectMapper().readTree(manifest.toFile()).path("files").forEach(asset ->
        directories.add(Path.of(assembly.getDirectory()).resolve(asset.path("source").path("path").asText())));
    return directories;
  }

  @Test
  void consoleBucketIsPrivateAndReadByItsDistributionThroughOriginAccessControl() {
    Map<String, Object> bucket = properties(template, "AWS::S3::Bucket", "ConsoleBucket");
    assertThat((Map<String, Object>) bucket.get("PublicAccessBlockConfiguration")).containsAllEntriesOf(Map.of(
        "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
    assertThat(bucket.get("BucketEncryption").toString()).contains("AES256");
    assertThat(bucket.get("LoggingConfiguration").toString()).contains("s3/console/");

    Map<String, Object> origin = at(distribution, "Origins", 0);
    assertThat(origin.get("OriginAccessControlId")).isNotNull();
    assertThat(origin.get("DomainName").toString()).contains("ConsoleBucket");
    List<Map<String, Object>> statements =
        at(properties(template, "AWS::S3::BucketPolicy", "ConsoleBucketPolicy"), "PolicyDocument", "Statement");
    assertThat(statements).anySatisfy(s -> {
      assertThat(s.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
      assertThat(s.get("Condition").toString()).contains("AWS:SourceArn").contains("ConsoleDistribution");
    });
    assertThat(statements).anySatisfy(s -> assertThat(s.get("Condition").toString()).contains("aws:SecureTransport"));
  }

  @Test
  void distributionServesIndexHtmlOverHttpsWithAContentSecurityPolicyNamingTheEndpointsTheConsoleCalls() {
    assertThat(distribution.get("DefaultRootObject")).isEqualTo("index.html");
    Map<String, Object> behavior = at(distribution, "DefaultCacheBehavior");
    assertThat(behavior.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
    assertThat(at(distribution, "Logging").toString()).contains("cloudfront-console/");

    Map<String, Object> headers = at(properties(template, "AWS::CloudFront::ResponseHeadersPolicy", "ConsoleHeaders"),
        "ResponseHeadersPolicyConfig");
    String csp = at(headers, "SecurityHeadersConfig", "ContentSecurityPolicy", "ContentSecurityPolicy").toString();
    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "worker-src 'self' blob:",
        "media-src 'self' blob: https://*.cloudfront.net", "img-src 'self' data: blob: https://*.cloudfront.net",
        "https://*.execute-api.", "https://*.s3.", "https://auth.example.com");
    assertThat(at(headers, "SecurityHeadersConfig").toString()).contains("DENY", "StrictTransportSecurity");
    assertThat((Object) at(behavior, "ResponseHeadersPolicyId")).isEqualTo(Map.of("Ref",
        resources(template, "AWS::CloudFront::ResponseHeadersPolicy").keySet().stream()
            .filter(id -> id.startsWith("ConsoleHeaders")).findFirst().orElseThrow()));
  }

  @Test
  void deploysTheWebFolderHlsJsAndAGeneratedConfigPointingAtTheApiThenInvalidates() throws IOException {
    Map<String, Object> files = deployment("Files");
    Map<String, Object> scripts = deployment("Scripts");
    for (Map<String, Object> deployment : List.of(files, scripts)) {
      assertThat(deployment.get("DestinationBucketName").toString()).contains("ConsoleBucket");
      assertThat(deployment.get("DistributionId").toString()).contains("ConsoleDistribution");
      assertThat(deployment.get("DistributionPaths")).isEqualTo(List.of("/*"));
      assertThat(deployment.get("Prune")).isEqualTo(true);
    }
    // Scripts (web/'s, hls.js, config.js) go up as text/javascript, the rest with guessed types
    assertThat(files.get("Exclude")).isEqualTo(List.of("*.js"));
    assertThat(files).doesNotContainKey("SystemMetadata");
    assertThat(scripts.get("Exclude")).isEqualTo(List.of("*"));
    assertThat(scripts.get("Include")).isEqualTo(List.of("*.js"));
    assertThat(scripts.get("SystemMetadata")).isEqualTo(Map.of("content-type", "text/javascript; charset=utf-8"));

    List<Path> assets = fileAssetDirectories(synthesized.stack);
    assertThat(assets).contains(Synthesized.webDir());
    assertThat(assets).anySatisfy(dir -> assertThat(dir.resolve("vendor/hls.min.js")).isNotEmptyFile()
        .content().contains("Hls"));
    // The API URL is made of deploy-time values: markers in config.js, their values in the custom resource
    List<Map<String, Object>> markers = (List<Map<String, Object>>) scripts.get("SourceMarkers");
    // (https://<api id>.execute-api.<region>.<suffix>/)
    assertThat(markers).anySatisfy(m -> assertThat(m.toString()).contains(MARKER + "={Ref=ApiHttpApi")
        .contains("Ref=AWS::Region"));
  }

  @Test
  void stagedFilesAreTheWebFolderWithoutItsConfigAndAConfigWithTheApiUrlTokenAndTheAuthBlock() throws IOException {
    // Given the console alone in a stack whose assets are staged (as cdk deploy does; the stack above
    // skips staging, and Source.data deletes its own temporary file once staged)
    App app = new App();
    Stack stack = new Stack(app, "ConsoleOnly");
    VodSettings settings = VodSettings.read(Map.<String, Object>of("console", "true", "consoleClientId",
        Synthesized.CONSOLE_CLIENT_ID, "consoleScopes", "openid profile", "jwtIssuer", Synthesized.ISSUER,
        "jwtAudience", Synthesized.AUDIENCE)::get, System::getProperty);
    Console console = new Console(stack, "Console", settings, new Bucket(stack, "Logs"));

    // When it publishes against an API whose URL is only known at deploy time
    console.publish(new CfnParameter(stack, "ApiUrl").getValueAsString());

    // Then
    List<Path> assets = fileAssetDirectories(stack);
    Path web = assets.stream().filter(dir -> Files.isRegularFile(dir.resolve("index.html"))).findFirst()
        .orElseThrow(() -> new AssertionError("no web/ among the assets " + assets));
    assertThat(web.resolve("js/app.js")).isRegularFile();
    assertThat(web.resolve(Console.CONFIG_FILE)).doesNotExist();
    assertThat(web.resolve("README.md")).as("docs are not published").doesNotExist();
    Path config = assets.stream().map(dir -> dir.resolve(Console.CONFIG_FILE)).filter(Files::isRegularFile)
        .findFirst().orElseThrow(() -> new AssertionError("no generated config.js among the assets " + assets));
    assertThat(Files.readString(config)).isEqualTo("window.SVOD_CONFIG = { apiBase: \"" + MARKER + "\", auth: { "
        + "issuer: \"" + Synthesized.ISSUER + "\", clientId: \"" + Synthesized.CONSOLE_CLIENT_ID + "\", "
        + "scopes: \"openid profile\" } };\n");
    assertThat(Template.fromStack(stack).toJSON().toString()).contains(MARKER + "={Ref=ApiUrl}");
  }

  @Test
  void configLiteralsAreJsonStringsSoNoSettingBreaksOutOfItsString() {
    ConsoleSettings console = new ConsoleSettings("a\"b", "openid", List.of(), Path.of("web"), Path.of("out"));

    assertThat(Console.configScript("https://api.example.com/", "https://idp.example.com", console))
        .isEqualTo("window.SVOD_CONFIG = { apiBase: \"https://api.example.com/\", auth: { issuer: "
            + "\"https://idp.example.com\", clientId: \"a\\\"b\", scopes: \"openid\" } };\n");
  }

  @Test
  void apiAndSourceBucketCorsAllowTheConsoleOriginNextToTheConfiguredOnes() {
    List<Object> apiOrigins = at(properties(template, "AWS::ApiGatewayV2::Api", "Api"), "CorsConfiguration",
        "AllowOrigins");
    assertThat(apiOrigins).hasSize(2).contains(Synthesized.ORIGIN);
    assertThat(apiOrigins.get(1).toString()).contains("https://").contains("ConsoleDistribution");

    Map<String, Object> rule = at(properties(template, "AWS::S3::Bucket", "StorageSource"), "CorsConfiguration",
        "CorsRules", 0);
    assertThat((List<Object>) rule.get("AllowedOrigins")).hasSize(2).contains(Synthesized.ORIGIN)
        .anySatisfy(o -> assertThat(o.toString()).contains("ConsoleDistribution"));
    assertThat((List<Object>) rule.get("AllowedMethods")).contains("PUT");
    assertThat(rule.get("ExposedHeaders")).isEqualTo(List.of("ETag"));

    // Playback allows it as well (corsOrigins is set, so delivery does not allow every origin)
    Map<String, Object> playback = at(properties(template, "AWS::CloudFront::ResponseHeadersPolicy",
        "DeliveryPlaylistHeaders"), "ResponseHeadersPolicyConfig", "CorsConfig");
    assertThat(at(playback, "AccessControlAllowOrigins", "Items").toString()).contains("ConsoleDistribution");
    assertThat(template.findOutputs("ConsoleUrl")).hasSize(1);
  }

  @Test
  void nothingIsCreatedWithoutConsole() {
    Template full = Synthesized.full().template;

    assertThat(resources(full, "AWS::S3::Bucket").keySet()).noneMatch(id -> id.startsWith("Console"));
    assertThat(resources(full, "AWS::CloudFront::Distribution")).hasSize(1);
    assertThat(resources(full, "Custom::CDKBucketDeployment")).isEmpty();
    assertThat(full.findOutputs("*").keySet()).doesNotContain("ConsoleUrl");
    assertThat(full.toJSON().toString()).doesNotContain("ConsoleDistribution");
  }
}
