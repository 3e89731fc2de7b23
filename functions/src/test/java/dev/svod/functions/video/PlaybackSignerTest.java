package dev.svod.functions.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class PlaybackSignerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
  private static final KeyPair KEYS = rsaKeyPair();
  private static final String PREFIX = "https://d111111abcdef8.cloudfront.net/v/Xq3kR7vT2mNc8pLw1yZb0A/";

  @Test
  void grantsEveryFileOfTheVideoWithOneCustomPolicyUntilTheLifetimeEnds() throws Exception {
    // Given a signer with a 2 h lifetime
    PlaybackSigner signer = new PlaybackSigner("K2JCJMDEHXQW5F", KEYS.getPrivate(), Duration.ofHours(2),
        Clock.fixed(NOW, ZoneOffset.UTC));

    // When access to a video is granted
    PlaybackSigner.Grant grant = signer.grant(PREFIX);

    // Then the policy covers the video's prefix until now + 2 h, signed by the key pair
    Map<String, String> values = parseQuery(grant.query());
    assertThat(values).containsOnlyKeys("Policy", "Signature", "Key-Pair-Id");
    assertThat(values.get("Key-Pair-Id")).isEqualTo("K2JCJMDEHXQW5F");
    JsonNode statement = verifiedPolicy(values, KEYS.getPublic()).path("Statement").path(0);
    assertThat(statement.path("Resource").asText()).isEqualTo(PREFIX + "*");
    assertThat(statement.path("Condition").path("DateLessThan").path("AWS:EpochTime").asLong())
        .isEqualTo(NOW.plus(Duration.ofHours(2)).getEpochSecond());
    assertThat(grant.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(grant.sign(PREFIX + "master.m3u8")).isEqualTo(PREFIX + "master.m3u8?" + grant.query());
  }

  @Test
  void isOffWithoutKeyIdAndSecret() {
    assertThat(PlaybackSigner.fromEnvironment(Map.of(), arn -> {
      throw new AssertionError("no secret is read when signing is off");
    })).isEmpty();
  }

  @Test
  void readsThePrivateKeyFromTheConfiguredSecret() {
    // Given the key pair id and the secret holding the PKCS#8 PEM private key
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> env = Map.of(PlaybackSigner.KEY_PAIR_ID, "K2JCJMDEHXQW5F",
        PlaybackSigner.KEY_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:playback-AbCdEf",
        PlaybackSigner.TTL_SECONDS, "600");

    List<String> reads = new ArrayList<>();

    // When the signer is configured from the environment and signs twice
    PlaybackSigner signer = PlaybackSigner.fromEnvironment(env, arn -> {
      reads.add(arn);
      return pem;
    }).orElseThrow();
    assertThat(reads).as("nothing read before the first signature").isEmpty();
    PlaybackSigner.Grant grant = signer.grant(PREFIX);
    signer.grant(PREFIX);

    // Then the secret was read once, and the signatures verify and last the configured 600 s
    assertThat(reads).containsExactly("arn:aws:secretsmanager:eu-west-1:123456789012:secret:playback-AbCdEf");
    assertThat(verifiedPolicy(parseQuery(grant.query()), KEYS.getPublic())).isNotNull();
    assertThat(Duration.between(Instant.now(), grant.expiresAt())).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
  }

  @Test
  void refusesAHalfConfigurationAndKeysItCannotRead() {
    assertThatThrownBy(() -> PlaybackSigner.fromEnvironment(Map.of(PlaybackSigner.KEY_PAIR_ID, "K1"), arn -> ""))
        .hasMessageContaining(PlaybackSigner.KEY_SECRET_ARN);
    Map<String, String> env = Map.of(PlaybackSigner.KEY_PAIR_ID, "K1", PlaybackSigner.KEY_SECRET_ARN, "arn:secret");
    assertThatThrownBy(() -> PlaybackSigner.fromEnvironment(env, arn -> "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n")
        .orElseThrow().grant(PREFIX))
        .hasMessageContaining("PKCS#8").hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> PlaybackSigner.fromEnvironment(env,
        arn -> "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----").orElseThrow().grant(PREFIX))
        .hasMessageContaining("readable RSA private key");
    assertThatThrownBy(() -> PlaybackSigner.fromEnvironment(env, arn -> "placeholder-until-put-secret-value")
        .orElseThrow().grant(PREFIX))
        .hasMessageContaining("secret arn:secret does not hold a PEM PKCS#8 private key");
  }

  /**
   * The policy of CloudFront signing values after checking the signature the way CloudFront does:
   * RSA-SHA1 over the policy JSON, both in CloudFront's URL-safe base64 ({@code -_~}).
   */
  public static JsonNode verifiedPolicy(Map<String, String> values, PublicKey publicKey) {
    try {
      byte[] policy = cloudFrontBase64(values.get("Policy"));
      Signature verifier = Signature.getInstance("SHA1withRSA");
      verifier.initVerify(publicKey);
      verifier.update(policy);
      assertThat(verifier.verify(cloudFrontBase64(values.get("Signature")))).as("signature verifies").isTrue();
      return new ObjectMapper().readTree(policy);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The parameters of a query string (CloudFront's values need no URL decoding). */
  public static Map<String, String> parseQuery(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return values;
  }

  /** A fresh 2048-bit RSA key pair, the size CloudFront accepts. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] cloudFrontBase64(String value) {
    return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
  }
}
