package dev.svod.local.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID provider just strict enough to hold the console to the authorization code flow with
 * PKCE, on its own origin (127.0.0.1, a free port): the discovery document; an authorize endpoint
 * that checks the client, the redirect URI and an S256 code challenge, then sends the browser back
 * at once with a code and the state (nobody types a password); a token endpoint (with CORS, as the
 * console calls it from another origin) that hands out an access token only for the code verifier
 * matching that code's challenge, or for a refresh token it issued; an end-session endpoint that
 * returns to the console. Whatever it
 * refuses is kept in {@link #refusals()} for the failure message.
 */
final class FakeOidcProvider implements AutoCloseable {

  private final HttpServer server;
  private final String clientId;
  private final String redirectUri;
  private final Map<String, String> challengesByCode = new ConcurrentHashMap<>();
  private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger authorizations = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicInteger endedSessions = new AtomicInteger();
  private final AtomicBoolean forgeNextState = new AtomicBoolean();
  private final AtomicBoolean denyNextSignIn = new AtomicBoolean();

  private FakeOidcProvider(String clientId, String redirectUri) throws IOException {
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.createContext("/logout", this::endSession);
    server.start();
  }

  /** A provider that knows one public client, {@code clientId}, returning to {@code redirectUri}. */
  static FakeOidcProvider start(String clientId, URI redirectUri) {
    try {
      return new FakeOidcProvider(clientId, redirectUri.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port}: the issuer the console's config names. */
  URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The access tokens handed out, oldest first. */
  List<String> issuedTokens() {
    return List.copyOf(issuedTokens);
  }

  /** What the provider refused and why (a wrong client, redirect URI, challenge, verifier...). */
  List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** How often a browser came through the authorize endpoint and got a code. */
  int authorizations() {
    return authorizations.get();
  }

  /** How many access tokens were issued for a refresh token. */
  int refreshes() {
    return refreshes.get();
  }

  /** The {@code expires_in} of the access tokens issued from now on. */
  void tokenLifetime(Duration lifetime) {
    tokenLifetime = lifetime;
  }

  /** How often a browser came through the end-session endpoint. */
  int endedSessions() {
    return endedSessions.get();
  }

  /** The next sign-in returns to the console with a state other than the one it sent. */
  void forgeNextState() {
    forgeNextState.set(true);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String issuer = issuer().toString();
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*"); // as public providers do
    send(exchange, 200, "application/json", """
        {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",\
        "end_session_endpoint":"%1$s/logout","response_types_supported":["code"],\
        "code_challenge_methods_supported":["S256"]}""".formatted(issuer));
  }

  /** The next sign-in returns to the console with {@code error=access_denied}, as when a user declines. */
  void denyNextSignIn() {
    denyNextSignIn.set(true);
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String problem = firstProblem(
        expect(query, "response_type", "code"),
        expect(query, "client_id", clientId),
        expect(query, "redirect_uri", redirectUri),
        expect(query, "code_challenge_method", "S256"),
        query.getOrDefault("code_challenge", "").matches("[A-Za-z0-9_-]{43}") ? null : "code_challenge is not a base64url SHA-256",
        query.getOrDefault("state", "").isEmpty() ? "no state" : null);
    if (problem != null) {
      refuse(exchange, "authorize: " + problem);
      return;
    }
    if (denyNextSignIn.getAndSet(false)) {
      exchange.getResponseHeaders().set("Location", redirectUri + "?error=access_denied&error_description="
          + encode("The user declined") + "&state=" + encode(query.get("state")));
      send(exchange, 302, "text/plain", "");
      return;
    }
    authorizations.incrementAndGet();
    String code = "code-" + counter.incrementAndGet();
    challengesByCode.put(code, query.get("code_challenge"));
    String state = forgeNextState.getAndSet(false) ? "forged-" + query.get("state") : query.get("state");
    exchange.getResponseHeaders().set("Location", redirectUri + "?code=" + encode(code) + "&state=" + encode(state));
    send(exchange, 302, "text/plain", "");
  }

  private void token(HttpExchange exchange) throws IOException {
    // The console's origin differs from the provider's: without these the browser hides the answer.
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", URI.create(redirectUri).resolve("/").toString().replaceAll("/$", ""));
    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "content-type, accept");
    if (exchange.getRequestMethod().equals("OPTIONS")) {
      send(exchange, 204, "text/plain", "");
      return;
    }
    Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String problem = !exchange.getRequestMethod().equals("POST") ? "token requests are POSTs"
        : "refresh_token".equals(body.get("grant_type")) ? refreshProblem(body)
        : codeProblem(body);
    if (problem != null) {
      refusals.add("token: " + problem);
      send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
      return;
    }
    String accessToken = "access-" + counter.incrementAndGet();
    String refreshToken = "refresh-" + counter.incrementAndGet();
    issuedTokens.add(accessToken);
    refreshTokens.add(refreshToken);
    send(exchange, 200, "application/json", """
        {"access_token":"%s","token_type":"Bearer","expires_in":%d,"refresh_token":"%s","id_token":"%s"}"""
        .formatted(accessToken, tokenLifetime.toSeconds(), refreshToken, idToken()));
  }

  /** Why an authorization code grant is refused, or null: the PKCE check. */
  private String codeProblem(Map<String, String> body) {
    String challenge = challengesByCode.remove(body.getOrDefault("code", ""));
    return firstProblem(
        expect(body, "grant_type", "authorization_code"),
        expect(body, "client_id", clientId),
        expect(body, "redirect_uri", redirectUri),
        challenge == null ? "unknown or reused code" : null,
        challenge != null && !challenge.equals(s256(body.getOrDefault("code_verifier", "")))
            ? "code_verifier does not match the code_challenge" : null);
  }

  /** Why a refresh token grant is refused, or null: each refresh token works once. */
  private String refreshProblem(Map<String, String> body) {
    String problem = firstProblem(
        expect(body, "client_id", clientId),
        refreshTokens.remove(body.getOrDefault("refresh_token", "")) ? null : "unknown or reused refresh token");
    if (problem == null) {
      refreshes.incrementAndGet();
    }
    return problem;
  }

  private void endSession(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String problem = firstProblem(
        expect(query, "post_logout_redirect_uri", redirectUri),
        query.getOrDefault("id_token_hint", "").isEmpty() ? "no id_token_hint" : null);
    if (problem != null) {
      refuse(exchange, "end session: " + problem);
      return;
    }
    endedSessions.incrementAndGet();
    exchange.getResponseHeaders().set("Location", redirectUri);
    send(exchange, 302, "text/plain", "");
  }

  /** An unsigned ID token naming the user: the console only displays its claims. */
  private String idToken() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String claims = base64.encodeToString(("{\"iss\":\"" + issuer() + "\",\"aud\":\"" + clientId
        + "\",\"sub\":\"user-1\",\"name\":\"Ada Lovelace\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".";
  }

  private void refuse(HttpExchange exchange, String problem) throws IOException {
    refusals.add(problem);
    send(exchange, 400, "text/plain; charset=utf-8", "Fake provider refused: " + problem);
  }

  private static String expect(Map<String, String> params, String name, String expected) {
    String actual = params.get(name);
    return Objects.equals(actual, expected) ? null : name + " is " + actual + ", expected " + expected;
  }

  private static String firstProblem(String... problems) {
    for (String problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
