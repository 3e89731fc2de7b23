package dev.svod.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities trusted when a source is read over HTTPS, in the two forms its two
 * readers need: an {@link SSLContext} for Java and a PEM bundle for FFmpeg's OpenSSL
 * ({@code -ca_file}).
 *
 * <p>FFmpeg does not verify TLS peers unless told to, and the OpenSSL inside the bundled FFmpeg looks
 * for CA files where its build machine kept them. So the PEM bundle is written from the JDK's own
 * trust anchors: the same authorities on every OS, Lambda and container included.
 */
public final class TlsTrust {
  private static TlsTrust jdkDefaults;

  private final SSLContext sslContext;
  private final Path pemBundle;

  private TlsTrust(SSLContext sslContext, Path pemBundle) {
    this.sslContext = sslContext;
    this.pemBundle = pemBundle;
  }

  /** The JDK's default trust anchors (its {@code cacerts}); the PEM bundle is written once per JVM. */
  public static synchronized TlsTrust jdkDefaults() {
    if (jdkDefaults == null) {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> anchors = List.of(x509TrustManager(factory.getTrustManagers()).getAcceptedIssuers());
        jdkDefaults = new TlsTrust(SSLContext.getDefault(), writePem(anchors));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's trust anchors cannot be read", e);
      }
    }
    return jdkDefaults;
  }

  /**
   * Exactly the certificates of a PEM file: for sources behind a private certificate authority (an
   * S3-compatible store inside a company network; no deployment setting passes one yet) and tests.
   */
  public static TlsTrust fromPem(Path pemBundle) {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return new TlsTrust(context, pemBundle.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pemBundle, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate bundle: " + pemBundle, e);
    }
  }

  /** For Java's HTTP client. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** For FFmpeg's {@code -ca_file}. */
  public Path pemBundle() {
    return pemBundle;
  }

  private static X509TrustManager x509TrustManager(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JDK has no X.509 trust manager");
  }

  private static Path writePem(List<X509Certificate> certificates) throws GeneralSecurityException {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(base64.encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    try {
      Path file = Files.createTempFile("svod-ca-", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CA bundle for FFmpeg", e);
    }
  }
}
