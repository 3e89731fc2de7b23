package dev.svod.local.runtime;

import dev.svod.functions.video.PlaybackSigner;
import dev.svod.local.http.CloudFrontSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Objects;

/**
 * The key pair of signed playback, locally: the API function signs playback URLs with the private
 * half ({@link PlaybackSigner}, as on AWS with the key from Secrets Manager) and the edge checks
 * them with the public half ({@link CloudFrontSigner}, as CloudFront does with the key group).
 *
 * @param keyPairId the {@code Key-Pair-Id} the signatures carry
 */
public record PlaybackKeys(String keyPairId, KeyPair keyPair) {

  public PlaybackKeys {
    Objects.requireNonNull(keyPairId, "keyPairId");
    Objects.requireNonNull(keyPair, "keyPair");
  }

  /** A fresh RSA 2048 key pair, kept in memory for this run. */
  public static PlaybackKeys generate(String keyPairId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new PlaybackKeys(keyPairId, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot generate RSA keys: " + e, e);
    }
  }

  /**
   * The key pair of an RSA private key in PEM, PKCS#8 (the {@code signing.pem} whose public half
   * the deployed distribution trusts, see infra/README.md); the public key is derived from it.
   */
  public static PlaybackKeys fromPrivateKeyPem(String keyPairId, Path pem) {
    String text;
    try {
      text = Files.readString(pem);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the signing key " + pem, e);
    }
    if (text.contains("PUBLIC KEY-----")) {
      throw new IllegalArgumentException(pem + " is a public key: give the private key (PKCS#8 PEM), "
          + "the local API signs with it and the edge checks its public half");
    }
    PrivateKey key = PlaybackSigner.privateKeyFromPem(text, pem.toString());
    if (!(key instanceof RSAPrivateCrtKey rsa)) {
      throw new IllegalArgumentException(pem + " holds no RSA CRT private key to derive the public key from");
    }
    try {
      var publicKey = KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      return new PlaybackKeys(keyPairId, new KeyPair(publicKey, key));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot derive the public key of " + pem + ": " + e, e);
    }
  }

  /** What the edge checks signed URLs and cookies with. */
  public CloudFrontSigner edgeVerifier() {
    return new CloudFrontSigner(keyPairId, keyPair.getPublic(), Clock.systemUTC());
  }

  /** What the API function signs playback URLs with. */
  public PlaybackSigner apiSigner() {
    return new PlaybackSigner(keyPairId, keyPair.getPrivate(), PlaybackSigner.DEFAULT_TTL,
        Clock.systemUTC());
  }
}
