package dev.svod.infra;

import dev.svod.functions.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.DistributionProps;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicyProps;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.BucketDeploymentProps;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The web console ({@code web/}) hosted from a private bucket behind its own CloudFront distribution
 * ({@code -c console=true}). It signs in with OIDC and calls the JWT-authorized API; its
 * {@code config.js} is generated at deploy time with the API URL and the sign-in settings, and
 * {@code vendor/hls.min.js} comes from the hls.js WebJar on infra's class path.
 *
 * <p>Built in two steps because of the references between constructs: the console's origin must be
 * known before the API and the source bucket are configured (their CORS allows it), while its files
 * need the API's URL ({@link #publish}).
 */
public final class Console extends Construct {

  /** The file the console reads its deployment settings from; generated, never taken from {@code web/}. */
  static final String CONFIG_FILE = "config.js";
  /** The files served as {@code text/javascript} (an {@code aws s3 sync} filter: {@code *} spans folders). */
  private static final String SCRIPTS = "*.js";
  private static final String HLS_WEBJAR = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";
  private static final Pattern COGNITO_ISSUER_HOST = Pattern.compile("cognito-idp\\.([a-z0-9-]+)\\.amazonaws\\.com");

  private final VodSettings settings;
  private final ConsoleSettings console;
  private final Bucket bucket;
  private final Distribution distribution;

  public Console(Construct scope, String id, VodSettings settings, IBucket accessLogs) {
    super(scope, id);
    this.settings = settings;
    this.console = settings.console().orElseThrow(() -> new IllegalArgumentException("console=true is not set"));
    RemovalPolicy removal = settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    bucket = new Bucket(this, "Bucket", Storage.secure(removal, settings)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix("s3/console/")
        .build());

    distribution = new Distribution(this, "Distribution", DistributionProps.builder()
        .comment("Serverless VOD web console")
        .defaultRootObject("index.html")
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(bucket))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .responseHeadersPolicy(headers())
            .compress(true)
            .build())
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .enableLogging(true)
        .logBucket(accessLogs)
        .logFilePrefix("cloudfront-console/")
        .build());
    Delivery.suppressDefaultDomainGeoAndWaf(distribution, "Operators use the console from wherever they are");
  }

  /**
   * Security headers, and {@code no-cache} so browsers revalidate the unversioned files after a deploy.
   * The CSP names AWS endpoints by service and region rather than by resource: the API, the source
   * bucket and the delivery distribution allow the console's origin in their CORS, so naming them here
   * would make the console's distribution and them depend on each other (a cycle CloudFormation
   * rejects).
   */
  private ResponseHeadersPolicy headers() {
    Stack stack = Stack.of(this);
    String regional = stack.getRegion() + "." + stack.getUrlSuffix();
    String delivery = "https://*.cloudfront.net";
    List<String> connect = new ArrayList<>(List.of("'self'",
        "https://*.execute-api." + regional,      // the API
        "https://*.s3." + regional,               // presigned part PUTs (virtual-hosted, regional)
        "https://*.s3." + stack.getUrlSuffix(),   // the same without region (us-east-1)
        delivery));                               // playlists, storyboard WebVTT
    connect.addAll(signInOrigins(settings.jwtIssuer().orElseThrow())); // OIDC discovery, token endpoint
    connect.addAll(console.authOrigins());
    String policy = String.join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob: " + delivery,
        "media-src 'self' blob: " + delivery,
        "worker-src 'self' blob:", // hls.js runs its demuxer in a worker from a blob: URL
        "connect-src " + String.join(" ", connect),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");
    return new ResponseHeadersPolicy(this, "Headers", ResponseHeadersPolicyProps.builder()
        .comment("Serverless VOD console: security headers")
        .customHeadersBehavior(ResponseCustomHeadersBehavior.builder()
            .customHeaders(List.of(ResponseCustomHeader.builder()
                .header("Cache-Control").value("no-cache").override(true).build()))
            .build())
        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
            .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                .contentSecurityPolicy(policy).override(true).build())
            .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
            .frameOptions(ResponseHeadersFrameOptions.builder()
                .frameOption(HeadersFrameOption.DENY).override(true).build())
            .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN).override(true).build())
            .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                .accessControlMaxAge(Duration.days(365)).includeSubdomains(true).override(true).build())
            .build())
        .build());
  }

  /**
   * Deploys {@code web/} (without its {@code config.js}), the generated {@code config.js} pointing at
   * {@code apiUrl} and {@code vendor/hls.min.js} into the bucket, then invalidates the distribution.
   * Two deployments of the same files: scripts with {@code text/javascript} (ES modules refuse other
   * types, and the deployment Lambda would otherwise guess each file's type from its own Python's
   * tables), everything else with guessed types; each syncs (and prunes) only its own files.
   */
  public void publish(String apiUrl) {
    ISource web = Source.asset(console.webDir().toString(),
        AssetOptions.builder().exclude(List.of(CONFIG_FILE, "README.md")).build());
    new BucketDeployment(this, "Files", deployment()
        .sources(List.<ISource>of(web))
        .exclude(List.of(SCRIPTS))
        .build());
    new BucketDeployment(this, "Scripts", deployment()
        .sources(List.<ISource>of(web,
            Source.asset(stageHlsJs(console.stagingDir()).toString()),
            Source.data(CONFIG_FILE, configScript(apiUrl, settings.jwtIssuer().orElseThrow(), console))))
        .exclude(List.of("*"))
        .include(List.of(SCRIPTS))
        .contentType("text/javascript; charset=utf-8")
        .build());
    suppressProviderFindings();
  }

  private BucketDeploymentProps.Builder deployment() {
    return BucketDeploymentProps.builder()
        .destinationBucket(bucket)
        .distribution(distribution)
        .distributionPaths(List.of("/*"));
  }

  /**
   * cdk-nag findings of CDK's bucket-deployment provider, a deploy-time Lambda (one per stack, at its
   * root) that copies the assets into the bucket and invalidates the distribution: not application code.
   */
  private void suppressProviderFindings() {
    Nag.stackSingletons(this, "Custom::CDKBucketDeployment").forEach(provider -> {
      Nag.suppress(provider, "AwsSolutions-L1",
          "CDK's bucket-deployment provider picks its own Python runtime; it is not application code.");
      Nag.suppressBasicExecutionRole(provider, "CDK's bucket-deployment provider");
      Nag.suppressOnly(provider, "AwsSolutions-IAM5",
          "CDK's bucket-deployment provider reads the CDK asset bucket's objects and syncs (puts, deletes) "
              + "every object of the console bucket, whose keys are the deployed files; CloudFront "
              + "invalidations have no resource-level permissions.",
          "^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\\*$",
          "^Resource::arn:(<AWS::Partition>|aws[a-z-]*):s3:::cdk-[a-z0-9]+-assets-(<AWS::AccountId>|[0-9]{12})-"
              + "(<AWS::Region>|[a-z0-9-]+)/\\*$",
          "^Resource::<ConsoleBucket[0-9A-F]+\\.Arn>/\\*$",
          "^Resource::\\*$");
    });
  }

  /**
   * The console's {@code config.js}: {@code window.SVOD_CONFIG} with the API's base URL and the OIDC
   * sign-in settings (the console signs in only when {@code auth} is present). Values are JSON string
   * literals, so no setting can break out of its string; {@code apiUrl} may be a deploy-time token.
   */
  static String configScript(String apiUrl, String issuer, ConsoleSettings console) {
    return "window.SVOD_CONFIG = { apiBase: " + Json.write(apiUrl) + ", auth: { issuer: " + Json.write(issuer)
        + ", clientId: " + Json.write(console.clientId()) + ", scopes: " + Json.write(console.scopes()) + " } };\n";
  }

  /**
   * Copies {@code hls.min.js} out of the hls.js WebJar on the class path to
   * {@code <stagingDir>/vendor/hls.min.js}, so the repository carries no copy of the library.
   */
  static Path stageHlsJs(Path stagingDir) {
    ClassLoader loader = Console.class.getClassLoader();
    try (InputStream pom = loader.getResourceAsStream(HLS_WEBJAR)) {
      if (pom == null) {
        throw new IllegalStateException("the hls.js WebJar (org.webjars.npm:hls.js) is not on infra's class path");
      }
      Properties webjar = new Properties();
      webjar.load(pom);
      String resource = "META-INF/resources/webjars/hls.js/" + webjar.getProperty("version") + "/dist/hls.min.js";
      try (InputStream library = loader.getResourceAsStream(resource)) {
        if (library == null) {
          throw new IllegalStateException("the hls.js WebJar has no " + resource);
        }
        Path target = stagingDir.resolve("vendor").resolve("hls.min.js");
        Files.createDirectories(target.getParent());
        Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
        return stagingDir;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage hls.min.js into " + stagingDir, e);
    }
  }

  /**
   * Where the console talks to the identity provider: the issuer's origin (discovery), and for a
   * Cognito user pool issuer ({@code https://cognito-idp.<region>.amazonaws.com/<pool>}) also its
   * hosted UI domains ({@code https://*.auth.<region>.amazoncognito.com}), which serve the token
   * endpoint. A custom Cognito domain or another provider's separate token host goes in
   * {@code consoleAuthOrigins}.
   */
  static List<String> signInOrigins(String issuer) {
    Matcher cognito = COGNITO_ISSUER_HOST.matcher(URI.create(issuer).getHost());
    return cognito.matches()
        ? List.of(origin(issuer), "https://*.auth." + cognito.group(1) + ".amazoncognito.com")
        : List.of(origin(issuer));
  }

  /** Whether {@code issuer} is a Cognito user pool's. */
  static boolean isCognitoIssuer(String issuer) {
    return COGNITO_ISSUER_HOST.matcher(URI.create(issuer).getHost()).matches();
  }

  /** {@code https://host[:port]} of a URL. */
  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** {@code https://<distribution domain>}: where the console is served, what CORS must allow. */
  public String origin() {
    return "https://" + distribution.getDistributionDomainName();
  }

  /** The console's address ({@code ConsoleUrl}; also the OIDC client's callback URL). */
  public String url() {
    return origin() + "/";
  }

  public Bucket bucket() {
    return bucket;
  }

  public Distribution distribution() {
    return distribution;
  }
}
