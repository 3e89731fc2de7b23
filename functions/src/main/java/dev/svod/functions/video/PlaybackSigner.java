package dev.svod.functions.video;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Signs playback access when the distribution requires signed URLs (a trusted key group): one
 * CloudFront custom policy whose resource is every file of the video, {@code {base}/v/{videoId}/*}.
 *
 * <p>Why a custom policy with a wildcard, carried as query parameters: HLS playlists name their
 * variant playlists and segments relatively, and a player resolving a relative URI drops the
 * playlist's query string, so per-file (canned) signatures cannot work without rewriting every
 * playlist. Signed cookies would follow the relative requests, but a browser only sends them to the
 * domain that set them, and the API's domain cannot set cookies for {@code *.cloudfront.net}: they
 * need the API and the distribution under one custom domain. The wildcard policy's three values
 * ({@code Policy}, {@code Signature}, {@code Key-Pair-Id}) are the same for every file of the video,
 * so the API returns every playback URL signed and the values on their own: a player appends them
 * to each request under the video (hls.js {@code xhrSetup}), or, on a custom domain, an app sets
 * them as the {@code CloudFront-Policy}/{@code -Signature}/{@code -Key-Pair-Id} cookies, which
 * CloudFront accepts with the same values.
 *
 * <p>Signing is the SDK's {@link CloudFrontUtilities}; the private key is read once per container.
 * Expiring signatures make every answer different, which is why the API's responses are
 * {@code no-store} anyway.
 */
public final class PlaybackSigner {
  /** Id of the CloudFront public key (of the key group) that verifies the signatures. */
  public static final String KEY_PAIR_ID = "VOD_PLAYBACK_KEY_PAIR_ID";
  /** ARN of the Secrets Manager secret holding the PEM (PKCS#8) private key of that key pair. */
  public static final String KEY_SECRET_ARN = "VOD_PLAYBACK_KEY_SECRET_ARN";
  /** Lifetime of a playback signature in seconds. */
  public static final String TTL_SECONDS = "VOD_PLAYBACK_TTL_SECONDS";
  /** Long enough to watch a feature film after opening the page; the player asks again after. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(6);

  /** Access to one video's files: the signing query and when it stops working. */
  public record Grant(String query, Instant expiresAt) {
    /** {@code url} with the signature (the URL must lie under the video's prefix). */
    public String sign(String url) {
      return url + (url.contains("?") ? "&" : "?") + query;
    }
  }

  private final CloudFrontUtilities cloudFront = CloudFrontUtilities.create();
  private final String keyPairId;
  private final Supplier<PrivateKey> privateKey;
  private final Duration ttl;
  private final Clock clock;

  /** Signs with {@code privateKey}, whose public key has id {@code keyPairId}; grants last {@code ttl}. */
  public PlaybackSigner(String keyPairId, PrivateKey privateKey, Duration ttl, Clock clock) {
    this(keyPairId, () -> privateKey, ttl, clock);
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** With a key read on first use, then kept: see {@link #fromEnvironment}. */
  private PlaybackSigner(String keyPairId, Supplier<PrivateKey> privateKey, Duration ttl, Clock clock) {
    this.keyPairId = Objects.requireNonNull(keyPairId, "keyPairId");
    this.privateKey = privateKey;
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("playback signature lifetime must be positive");
    }
  }

  /** The variables {@link #fromEnvironment} reads. */
  public static List<String> variableNames() {
    return List.of(KEY_PAIR_ID, KEY_SECRET_ARN, TTL_SECONDS);
  }

  /**
   * The signer the environment configures, or empty when playback is not signed (neither key id nor
   * secret set); a half configuration fails here. The secret is read through {@code secretValue} on
   * the first signature and kept for the container's life. Not at construction: the API function
   * uses SnapStart, whose snapshot (taken when a version is published) must neither hold the key
   * nor fail to publish while the secret still holds its placeholder; a missing secret or a value
   * that is not a PEM RSA private key fails that first signature, with the reason.
   */
  public static Optional<PlaybackSigner> fromEnvironment(Map<String, String> env,
      Function<String, String> secretValue) {
    String keyPairId = blankToNull(env.get(KEY_PAIR_ID));
    String secretArn = blankToNull(env.get(KEY_SECRET_ARN));
    if (keyPairId == null && secretArn == null) {
      return Optional.empty();
    }
    if (keyPairId == null || secretArn == null) {
      throw new IllegalStateException("signed playback needs both " + KEY_PAIR_ID + " and " + KEY_SECRET_ARN);
    }
    String ttl = blankToNull(env.get(TTL_SECONDS));
    Duration lifetime;
    try {
      lifetime = ttl == null ? DEFAULT_TTL : Duration.ofSeconds(Long.parseLong(ttl));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("environment variable " + TTL_SECONDS + " must be a number, got '" + ttl + "'", e);
    }
    Supplier<PrivateKey> key = new Supplier<>() {
      private PrivateKey read;

      @Override
      public synchronized PrivateKey get() {
        if (read == null) {
          read = privateKeyFromPem(secretValue.apply(secretArn), "secret " + secretArn);
        }
        return read;
      }
    };
    return Optional.of(new PlaybackSigner(keyPairId, key, lifetime, Clock.systemUTC()));
  }

  /** Reads a secret's string value with the given client. */
  public static Function<String, String> secretsManager(SecretsManagerClient client) {
    return arn -> client.getSecretValue(b -> b.secretId(arn)).secretString();
  }

  /**
   * An RSA private key in PEM, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl
   * genpkey} and OpenSSL 3's {@code genrsa} write). PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) is refused
   * with the conversion command: the JDK reads only PKCS#8.
   */
  public static PrivateKey privateKeyFromPem(String pem, String where) {
    if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
      String hint = pem != null && pem.contains("BEGIN RSA PRIVATE KEY")
          ? " (PKCS#1: convert with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`)" : "";
      throw new IllegalStateException(where + " does not hold a PEM PKCS#8 private key"
          + " (-----BEGIN PRIVATE KEY-----)" + hint);
    }
    String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + "-----BEGIN PRIVATE KEY-----".length());
    int end = base64.indexOf("-----END PRIVATE KEY-----");
    base64 = (end < 0 ? base64 : base64.substring(0, end)).replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(where + " does not hold a readable RSA private key: " + e.getMessage(), e);
    }
  }

  /**
   * Signs access to every file under {@code videoPrefixUrl} (e.g. {@code https://d.cloudfront.net/v/abc/})
   * until now + the lifetime.
   */
  public Grant grant(String videoPrefixUrl) {
    Instant expires = clock.instant().plus(ttl);
    String signed = cloudFront.getSignedUrlWithCustomPolicy(CustomSignerRequest.builder()
        .resourceUrl(videoPrefixUrl)
        .resourceUrlPattern(videoPrefixUrl + "*")
        .keyPairId(keyPairId)
        .privateKey(privateKey.get())
        .expirationDate(expires)
        .build()).url();
    return new Grant(signed.substring(signed.indexOf('?') + 1), expires);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
