package dev.svod.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's light URL-connection HTTP client, with its I/O failures handed to the SDK's retry policy.
 *
 * <p>Why it exists: in the SDK version we build with (2.40), the URL-connection client wraps an
 * {@link IOException} raised while opening a request or response stream in an
 * {@link UncheckedIOException}, which the SDK's retry stage does not catch. The common case is a
 * kept-alive connection the server has already closed (S3 drops idle ones; a thawed Lambda
 * environment finds them dead): an S3 PUT sends {@code Expect: 100-continue}, reads end-of-file and
 * fails at once ("Unexpected end of file from server") instead of being retried on a fresh
 * connection. The SDK fixed this upstream (aws/aws-sdk-java-v2#7347); the Maven mirror we build from
 * does not carry the service modules of those versions. Remove this class once the SDK version is
 * raised past the fix; {@code RetryableUrlConnectionHttpClientTest} notices when it is.
 *
 * <p>Retrying here is what the SDK already does for the same failure surfacing as a checked
 * exception from the response-code read, so it adds no new duplicate-request risk.
 */
public final class RetryableUrlConnectionHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;

  private RetryableUrlConnectionHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** A URL-connection client with the SDK's default settings. */
  public static SdkHttpClient create() {
    return new RetryableUrlConnectionHttpClient(UrlConnectionHttpClient.create());
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          return prepared.call();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
