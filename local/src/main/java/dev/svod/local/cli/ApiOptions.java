package dev.svod.local.cli;

import dev.svod.local.client.VodApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --api URL} and {@code --token JWT}, shared by the commands that talk to the HTTP API. */
final class ApiOptions {

  /** Where {@code vod local} serves the API by default. */
  static final String DEFAULT_API = "http://127.0.0.1:8642/api";

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:VOD_API:-" + DEFAULT_API + "}",
      description = "API base URL: ${DEFAULT-VALUE} (vod local), or a deployed stack's API URL. "
          + "Environment: VOD_API.")
  URI api;

  @Option(
      names = "--token",
      paramLabel = "JWT",
      defaultValue = "${env:VOD_TOKEN}",
      description = "Bearer token for a stack deployed with jwtIssuer (sent as Authorization: "
          + "Bearer ...; without it, API Gateway URLs get SigV4 signatures from your AWS "
          + "credentials). Environment: VOD_TOKEN.")
  String token;

  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  VodApiClient client(HttpClient http) {
    return new VodApiClient(api, http, token);
  }
}
