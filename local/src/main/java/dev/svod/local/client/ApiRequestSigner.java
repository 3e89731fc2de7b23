package dev.svod.local.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs API requests with AWS SigV4 ({@code execute-api}) for a deployed stack whose HTTP API
 * requires IAM authorisation; credentials from the SDK's default chain (environment, profile,
 * SSO...). The local runtime's API needs none.
 */
public final class ApiRequestSigner {

  private static final Pattern EXECUTE_API =
      Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  private final AwsCredentialsProvider credentials;
  private final String region;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public ApiRequestSigner(AwsCredentialsProvider credentials, String region) {
    this.credentials = credentials;
    this.region = region;
  }

  /** A signer for an API Gateway URL ({@code https://ID.execute-api.REGION.amazonaws.com}). */
  public static Optional<ApiRequestSigner> forApi(URI api) {
    Matcher matcher = EXECUTE_API.matcher(api.getHost() == null ? "" : api.getHost());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ApiRequestSigner(DefaultCredentialsProvider.builder().build(),
        matcher.group(1)));
  }

  /** Adds the SigV4 headers (Authorization, X-Amz-Date, security token) to a request. */
  public void sign(HttpRequest.Builder request, String method, URI uri, byte[] body) {
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(uri)
        .putHeader("Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort())
        .build();
    SignedRequest signed = signer.sign(r -> r
        .identity(credentials.resolveIdentity().join())
        .request(unsigned)
        .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("Host")) { // set by the HTTP client, restricted
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
  }
}
