package dev.svod.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybackKeysTest {

  @TempDir Path dir;

  @Test
  void readsAPkcs8PrivateKeyAndDerivesItsPublicHalf() throws Exception {
    // Given the private key of a pair in PEM, as openssl genpkey writes it
    PlaybackKeys generated = PlaybackKeys.generate("K1");
    Path pem = dir.resolve("signing.pem");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generated.keyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");

    // When it is read
    PlaybackKeys read = PlaybackKeys.fromPrivateKeyPem("K1", pem);

    // Then both halves are those of the pair
    assertThat(read.keyPair().getPublic().getEncoded())
        .isEqualTo(generated.keyPair().getPublic().getEncoded());
    assertThat(read.keyPair().getPrivate().getEncoded())
        .isEqualTo(generated.keyPair().getPrivate().getEncoded());
  }

  @Test
  void refusesAPublicKeyWithTheReason() throws Exception {
    Path pem = dir.resolve("signing.pub.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(
            PlaybackKeys.generate("K1").keyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> PlaybackKeys.fromPrivateKeyPem("K1", pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a public key: give the private key (PKCS#8 PEM)");
  }
}
