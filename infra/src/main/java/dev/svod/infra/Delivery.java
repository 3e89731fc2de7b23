package dev.svod.infra;

import dev.svod.functions.video.PlaybackSigner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CachePolicyProps;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.DistributionProps;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IKeyGroup;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.KeyGroupProps;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.cloudfront.PublicKeyProps;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersCorsBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicyProps;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretProps;
import software.constructs.Construct;

/**
 * CloudFront in front of the output bucket. The bucket stays private: CloudFront reads it through
 * Origin Access Control. Playlists (and the storyboard's WebVTT) are cached briefly because the
 * master playlist is rewritten as renditions finish; segments, init sections and images never
 * change once written, so they are cached for a year and marked {@code immutable}.
 */
public final class Delivery extends Construct {

  /** Browser cache lifetime of playlists: short, so a video that gains renditions shows them soon. */
  static final Duration PLAYLIST_TTL = Duration.seconds(5);
  /** Cache lifetime of segments and images: they are immutable. */
  static final Duration MEDIA_TTL = Duration.days(365);

  private final Distribution distribution;
  private final PublicKey signingKey;
  private final Secret signingPrivateKey;

  /**
   * @param browserOrigins origins allowed to play when {@code corsOrigins} is set ({@code corsOrigins} and
   *     the hosted console); without {@code corsOrigins} every origin may
   */
  public Delivery(Construct scope, String id, VodSettings settings, List<String> browserOrigins, IBucket output,
      IBucket accessLogs) {
    super(scope, id);
    IOrigin origin = S3BucketOrigin.withOriginAccessControl(output);

    CachePolicy playlistCache = new CachePolicy(this, "PlaylistCache", cachePolicy(PLAYLIST_TTL)
        .comment("HLS playlists and WebVTT: short lifetime, compressed")
        .minTtl(Duration.seconds(0))
        .maxTtl(Duration.seconds(60))
        .enableAcceptEncodingGzip(true)
        .enableAcceptEncodingBrotli(true)
        .build());
    CachePolicy mediaCache = new CachePolicy(this, "MediaCache", cachePolicy(MEDIA_TTL)
        .comment("fMP4 segments, init sections, posters, storyboards: immutable")
        .minTtl(MEDIA_TTL)
        .maxTtl(MEDIA_TTL)
        .build());

    List<String> origins = settings.corsOrigins().isEmpty() ? List.of("*") : browserOrigins;
    ResponseHeadersPolicy playlistHeaders = headers("PlaylistHeaders", origins,
        "public, max-age=" + (int) PLAYLIST_TTL.toSeconds());
    ResponseHeadersPolicy mediaHeaders = headers("MediaHeaders", origins,
        "public, max-age=" + (int) MEDIA_TTL.toSeconds() + ", immutable");

    List<IKeyGroup> keyGroups = List.of();
    if (settings.signedUrlsPublicKeyPem().isPresent()) {
      signingKey = new PublicKey(this, "SigningKey", PublicKeyProps.builder()
          .encodedKey(settings.signedUrlsPublicKeyPem().get())
          .comment("Verifies signed playback URLs and cookies")
          .build());
      keyGroups = List.of(new KeyGroup(this, "SigningKeyGroup",
          KeyGroupProps.builder().items(List.of(signingKey)).build()));
      // The private half never enters the template: the secret starts with a generated placeholder
      // and the operator puts the PEM into it (infra/README.md); the API reads it on first use.
      signingPrivateKey = new Secret(this, "SigningPrivateKey", SecretProps.builder()
          .description("PEM (PKCS#8) private key of the CloudFront key pair that signs playback URLs; "
              + "put it with aws secretsmanager put-secret-value")
          .build());
      Nag.suppress(signingPrivateKey, "AwsSolutions-SMG4",
          "A CloudFront signing key is rotated by adding a new public key to the key group, then replacing "
              + "this secret's value; Secrets Manager rotation cannot create CloudFront public keys.");
    } else {
      signingKey = null;
      signingPrivateKey = null;
    }

    BehaviorOptions media = behavior(origin, mediaCache, mediaHeaders, keyGroups, false);
    BehaviorOptions playlists = behavior(origin, playlistCache, playlistHeaders, keyGroups, true);
    Map<String, BehaviorOptions> byPath = new HashMap<>();
    byPath.put(Storage.OUTPUT_PREFIX + "*.m3u8", playlists);
    byPath.put(Storage.OUTPUT_PREFIX + "*.vtt", playlists);

    distribution = new Distribution(this, "Distribution", DistributionProps.builder()
        .comment("Serverless VOD playback")
        .defaultBehavior(media)
        .additionalBehaviors(byPath)
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .enableLogging(true)
        .logBucket(accessLogs)
        .logFilePrefix("cloudfront/")
        .build());
    suppressDefaultDomainGeoAndWaf(distribution, "Videos are served worldwide");
  }

  /**
   * The cdk-nag findings every distribution of a private bucket here shares: the default certificate,
   * no geo restriction ({@code audience} says why), no WAF.
   */
  static void suppressDefaultDomainGeoAndWaf(Distribution distribution, String audience) {
    Nag.suppress(distribution, "AwsSolutions-CFR4",
        "The distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront "
            + "fixes; a custom domain (with an ACM certificate) would set TLSv1.2_2021.");
    Nag.suppress(distribution, "AwsSolutions-CFR1",
        audience + "; geo restriction is a per-deployment business decision.");
    Nag.suppress(distribution, "AwsSolutions-CFR2",
        "No WAF by default: the origin is a private bucket behind OAC (no compute to protect) and a WebACL "
            + "costs money at rest; attach one per deployment if needed.");
  }

  private static CachePolicyProps.Builder cachePolicy(Duration ttl) {
    // Signed-URL query parameters are verified by CloudFront and need not be in the cache key.
    return CachePolicyProps.builder()
        .defaultTtl(ttl)
        .queryStringBehavior(CacheQueryStringBehavior.none())
        .headerBehavior(CacheHeaderBehavior.none())
        .cookieBehavior(CacheCookieBehavior.none());
  }

  private static BehaviorOptions behavior(IOrigin origin, CachePolicy cache, ResponseHeadersPolicy headers,
      List<IKeyGroup> keyGroups, boolean compress) {
    BehaviorOptions.Builder builder = BehaviorOptions.builder()
        .origin(origin)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD_OPTIONS)
        .cachedMethods(CachedMethods.CACHE_GET_HEAD_OPTIONS)
        .cachePolicy(cache)
        .responseHeadersPolicy(headers)
        .compress(compress);
    if (!keyGroups.isEmpty()) {
      builder.trustedKeyGroups(keyGroups);
    }
    return builder.build();
  }

  /**
   * CORS for players on the configured origins (any origin when none is configured: the content is
   * only reachable with its URL, and with signed URLs on only with a signature), the browser cache
   * lifetime, and standard security headers.
   */
  private ResponseHeadersPolicy headers(String id, List<String> origins, String cacheControl) {
    return new ResponseHeadersPolicy(this, id, ResponseHeadersPolicyProps.builder()
        .corsBehavior(ResponseHeadersCorsBehavior.builder()
            .accessControlAllowOrigins(origins)
            .accessControlAllowMethods(List.of("GET", "HEAD", "OPTIONS"))
            .accessControlAllowHeaders(List.of("*"))
            .accessControlExposeHeaders(List.of("Content-Length", "Content-Range", "ETag"))
            .accessControlAllowCredentials(false)
            .accessControlMaxAge(Duration.days(1))
            .originOverride(true)
            .build())
        .customHeadersBehavior(ResponseCustomHeadersBehavior.builder()
            .customHeaders(List.of(ResponseCustomHeader.builder()
                .header("Cache-Control").value(cacheControl).override(true).build()))
            .build())
        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
            .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
            .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                .accessControlMaxAge(Duration.days(365)).includeSubdomains(true).override(true).build())
            .build())
        .build());
  }

  public Distribution distribution() {
    return distribution;
  }

  /**
   * With signed URLs on: lets {@code function} sign playback URLs (the key pair id and the private
   * key's secret in its environment, read access to that secret); nothing otherwise.
   */
  public void grantSigning(Function function) {
    if (signingKey == null) {
      return;
    }
    function.addEnvironment(PlaybackSigner.KEY_PAIR_ID, signingKey.getPublicKeyId());
    function.addEnvironment(PlaybackSigner.KEY_SECRET_ARN, signingPrivateKey.getSecretArn());
    signingPrivateKey.grantRead(function);
  }

  /** The secret the operator puts the signing private key into, when signed URLs are on. */
  public Optional<Secret> signingPrivateKey() {
    return Optional.ofNullable(signingPrivateKey);
  }

  /** The CloudFront public key id ({@code Key-Pair-Id}) of signed URLs, when they are on. */
  public Optional<String> signingKeyPairId() {
    return Optional.ofNullable(signingKey).map(PublicKey::getPublicKeyId);
  }

  /** {@code https://<domain>}: the base the API builds playback URLs on. */
  public String playbackBaseUrl() {
    return "https://" + distribution.getDistributionDomainName();
  }
}
