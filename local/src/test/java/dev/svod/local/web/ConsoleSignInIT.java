package dev.svod.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console with sign-in configured ({@code auth} in config.js), in Debian's Chromium: it signs
 * in through an OpenID provider ({@link FakeOidcProvider}, authorization code + PKCE) and lands
 * back on the route it was opened on, calls the API with the access token as a bearer token,
 * refreshes an expiring access token, refuses a sign-in response whose state is not its own, shows
 * the provider's refusal and an unreachable issuer on the page, signs in again once when the API
 * answers 401, and signs out. The console is {@code vod local}'s (this checkout's {@code web/}) seen through
 * {@link ConsoleFront}, a test server on its own origin that serves a config.js with {@code auth}
 * and notes the Authorization header of every API request it passes on: {@code vod local} itself
 * is not changed for the test.
 */
class ConsoleSignInIT {

  private static final String CLIENT_ID = "svod-console";
  private static final Duration PAGE = Duration.ofSeconds(20);
  private static final By SIGN_IN_BUTTON = By.id("sign-in");
  private static final By LIBRARY_LOADED = By.cssSelector("#video-grid, .state--empty");

  @TempDir static Path workDir;
  private static ChromeDriver driver;
  private static LocalConsole runtime;
  private static ConsoleFront front;
  private static FakeOidcProvider provider;
  private ConsolePage console;

  /** A failed scenario leaves a picture of the page it failed on. */
  @RegisterExtension
  final TestWatcher screenshotOnFailure = Chromium.screenshotOnFailure(() -> driver);

  @BeforeAll
  static void startConsoleProviderAndBrowser() {
    driver = Chromium.start(); // first: skips (or fails in CI) before anything heavy starts
    runtime = LocalConsole.start(workDir.resolve("data"));
    front = ConsoleFront.start(runtime.baseUri());
    provider = FakeOidcProvider.start(CLIENT_ID, front.baseUri().resolve("/"));
  }

  /** config.js as the hosted console gets it (the contract with infra/), signing in with {@code issuer}. */
  private static void serveConfigWithIssuer(URI issuer) {
    front.serveConfig("window.SVOD_CONFIG = { apiBase: \"/api\", auth: { issuer: \"%s\", clientId: \"%s\", scopes: \"openid\" } };"
        .formatted(issuer, CLIENT_ID));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    for (AutoCloseable server : new AutoCloseable[] {provider, front, runtime}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Each scenario starts signed out, as a new tab would. */
  @BeforeEach
  void signedOutTab() {
    console = new ConsolePage(driver, front.baseUri());
    driver.get(front.baseUri().resolve("/config.js").toString());
    driver.executeScript("sessionStorage.clear()");
    serveConfigWithIssuer(provider.issuer());
    front.refuseApiCalls(0);
    front.forgetCalls();
    provider.tokenLifetime(Duration.ofHours(1));
  }

  @Test
  void signsInThroughTheProviderLandsOnTheRouteAndCallsTheApiWithTheBearerToken() {
    // Given the console opened on the library, signed out
    open("#/library");
    WebElement signIn = console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON));
    assertThat(console.text(By.tagName("main"))).contains("Sign in", provider.issuer().getAuthority());
    assertThat(console.present(By.cssSelector(".nav"))).isTrue();
    assertThat(driver.findElement(By.cssSelector(".nav")).isDisplayed()).as("no navigation before signing in").isFalse();
    assertThat(front.apiCalls()).as("no API request before signing in").isEmpty();
    Chromium.screenshot(driver, "sign-in");

    // When the user signs in (the provider sends the browser straight back)
    signIn.click();

    // Then the console is back on the library, with neither code nor state in the address bar
    awaitLibrary();
    assertThat(provider.refusals()).isEmpty();
    assertThat(provider.issuedTokens()).isNotEmpty();
    assertThat(driver.getCurrentUrl()).isEqualTo(front.baseUri().resolve("/#/library").toString());
    assertThat(console.text(By.id("account"))).contains("Ada Lovelace", "Sign out");
    Chromium.screenshot(driver, "signed-in-library");

    // And every API request carried the access token the provider issued
    String token = provider.issuedTokens().getLast();
    assertThat(front.apiCalls()).anyMatch(call -> call.path().startsWith("/api/videos"))
        .allSatisfy(call -> assertThat(call.authorization()).as(call.toString()).isEqualTo("Bearer " + token));

    // And the tokens live in this tab's sessionStorage, nothing in localStorage
    assertThat(storedTokens()).contains(token);
    assertThat(driver.executeScript("return Object.keys(localStorage).filter(key => key.startsWith('svod.auth')).length"))
        .isEqualTo(0L);
  }

  @Test
  void refusesASignInResponseWithAnotherStateAndOffersToSignInAgain() {
    // Given a provider that answers with a state the console did not send
    int tokensBefore = provider.issuedTokens().size();
    provider.forgeNextState();
    open("#/library");

    // When the user signs in
    console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON)).click();

    // Then the console says why it refused, exchanges no code and keeps no token
    WebElement error = console.until(PAGE, "the sign-in error", d -> d.findElement(By.cssSelector("#signin-error [role=alert]")));
    assertThat(error.getText()).contains("Sign-in did not complete", "state does not match");
    Chromium.screenshot(driver, "sign-in-error");
    assertThat(provider.issuedTokens()).hasSize(tokensBefore);
    assertThat(storedTokens()).isNull();
    assertThat(driver.getCurrentUrl()).doesNotContain("code=", "state=");
    assertThat(front.apiCalls()).isEmpty();

    // And "Sign in again" completes a genuine sign-in, back on the library
    error.findElement(By.tagName("button")).click();
    awaitLibrary();
    assertThat(driver.getCurrentUrl()).endsWith("/#/library");
  }

  @Test
  void showsTheProvidersRefusalOnThePage() {
    // Given a provider where the user declines to sign in
    provider.denyNextSignIn();
    open("#/library");

    // When the user signs in
    console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON)).click();

    // Then the page names the provider's error and description
    WebElement error = console.until(PAGE, "the sign-in error", d -> d.findElement(By.cssSelector("#signin-error [role=alert]")));
    assertThat(error.getText()).contains("access_denied", "The user declined");
    assertThat(driver.getCurrentUrl()).isEqualTo(front.baseUri().resolve("/#/library").toString());
    assertThat(storedTokens()).isNull();
  }

  @Test
  void saysSoWhenTheIssuerCannotBeReached() throws IOException {
    // Given a config naming an issuer nobody answers at
    URI nobody;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nobody = URI.create("http://127.0.0.1:" + closed.getLocalPort());
    }
    serveConfigWithIssuer(nobody);
    open("#/upload");

    // When the user signs in
    console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON)).click();

    // Then the page says the provider cannot be reached, naming its discovery document
    WebElement error = console.until(PAGE, "the sign-in error", d -> d.findElement(By.cssSelector("#signin-error [role=alert]")));
    assertThat(error.getText()).contains("Cannot reach the sign-in provider", nobody + "/.well-known/openid-configuration");
  }

  @Test
  void signingOutEndsTheSessionAtTheProviderAndAsksToSignInAgain() {
    // Given a signed-in console
    signInOn("#/library");
    int endedBefore = provider.endedSessions();

    // When the user signs out
    driver.findElement(By.id("sign-out")).click();

    // Then the provider ends its session, the browser is back on the sign-in page and no token is left
    console.until(PAGE, "the sign-in page after signing out", d -> d.findElement(SIGN_IN_BUTTON));
    assertThat(provider.refusals()).isEmpty();
    assertThat(provider.endedSessions()).isEqualTo(endedBefore + 1);
    assertThat(storedTokens()).isNull();
    assertThat(driver.findElement(By.id("account")).isDisplayed()).isFalse();

    // And opening the library again asks to sign in, without calling the API
    front.forgetCalls();
    open("#/library");
    console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON));
    assertThat(front.apiCalls()).isEmpty();
  }

  @Test
  void refreshesAnExpiringAccessTokenInsteadOfSigningInAgain() {
    // Given a provider whose access tokens expire within the console's safety margin (30 s)
    provider.tokenLifetime(Duration.ofSeconds(10));
    int authorizationsBefore = provider.authorizations();
    int tokensBefore = provider.issuedTokens().size();

    // When the user signs in and the library asks the API
    signInOn("#/library");

    // Then the console first swapped the refresh token for a new access token, without another sign-in
    assertThat(provider.refreshes()).isPositive();
    assertThat(provider.authorizations()).isEqualTo(authorizationsBefore + 1);
    List<String> refreshed = provider.issuedTokens().subList(tokensBefore + 1, provider.issuedTokens().size());
    assertThat(front.apiCalls()).isNotEmpty()
        .allSatisfy(call -> assertThat(refreshed).as(call.toString()).contains(call.authorization().substring("Bearer ".length())));
  }

  @Test
  void aRefusedTokenSignsInAgainOnceAndThenSaysSoInsteadOfLooping() {
    // Given a signed-in console whose token the API stops accepting once
    signInOn("#/library");
    int tokensBefore = provider.issuedTokens().size();
    front.refuseApiCalls(1);

    // When the library asks the API
    open("#/library");

    // Then the console signs in again by itself and the library loads with the new token
    awaitLibrary();
    assertThat(provider.issuedTokens()).hasSize(tokensBefore + 1);
    assertThat(front.apiCalls().getLast().authorization()).isEqualTo("Bearer " + provider.issuedTokens().getLast());

    // When the API refuses every token
    front.refuseApiCalls(Integer.MAX_VALUE);
    open("#/library");

    // Then the console signs in again once, then shows the refusal instead of going round in circles
    WebElement error = console.until(PAGE, "the refusal on the library", d -> d.findElement(By.cssSelector(".state--error")));
    assertThat(error.getText()).contains("refused the access token");
    assertThat(provider.issuedTokens()).hasSize(tokensBefore + 2);
  }

  @Test
  void aLinkNamingAnotherApiCannotSendTheTokenThere() throws IOException {
    // Given a server somebody else runs, and a link to the console naming it as the API
    AtomicInteger reachedElsewhere = new AtomicInteger();
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    elsewhere.createContext("/", exchange -> {
      reachedElsewhere.incrementAndGet();
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "authorization");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    elsewhere.start();
    try {
      String link = "?api=http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/api#/library";

      // When the user follows it and signs in
      signInOn(link);

      // Then the library came from the configured API, with the token, and nothing reached the other
      assertThat(front.apiCalls()).anyMatch(call -> call.path().startsWith("/api/videos"))
          .allSatisfy(call -> assertThat(call.authorization()).startsWith("Bearer "));
      assertThat(reachedElsewhere).hasValue(0);
    } finally {
      elsewhere.stop(0);
    }
  }

  private void open(String route) {
    driver.get("about:blank");
    driver.get(front.baseUri().resolve("/" + route).toString());
  }

  private void signInOn(String route) {
    open(route);
    console.until(PAGE, "the sign-in page", d -> d.findElement(SIGN_IN_BUTTON)).click();
    awaitLibrary();
  }

  private void awaitLibrary() {
    console.until(PAGE, "the library, signed in", d -> {
      assertThat(provider.refusals()).as("what the provider refused").isEmpty();
      return console.present(LIBRARY_LOADED) ? true : null;
    });
  }

  /** The console's stored session (JSON) in this tab, or null. */
  private String storedTokens() {
    return (String) driver.executeScript("return sessionStorage.getItem('svod.auth.tokens')");
  }

  /**
   * The console's origin in these tests: answers {@code /config.js} itself (with {@code auth}) and
   * passes every other request to {@code vod local}, noting each API request's Authorization
   * header, and can refuse API requests with 401 as a JWT authorizer does a token it rejects.
   */
  static final class ConsoleFront implements AutoCloseable {

    /** An API request as it reached the front. */
    record ApiCall(String method, String path, String authorization) {}

    /** Headers the JDK's HttpClient sets itself (and refuses from callers), or hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED =
        Set.of("host", "connection", "content-length", "expect", "upgrade", "keep-alive", "transfer-encoding");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile byte[] config = new byte[0];

    private ConsoleFront(URI upstream) throws IOException {
      this.upstream = upstream;
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    static ConsoleFront start(URI upstream) {
      try {
        return new ConsoleFront(upstream);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    URI baseUri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void serveConfig(String script) {
      config = script.getBytes(StandardCharsets.UTF_8);
    }

    /** The next {@code count} API requests get 401 instead of reaching the API. */
    void refuseApiCalls(int count) {
      refusals.set(count);
    }

    List<ApiCall> apiCalls() {
      return List.copyOf(apiCalls);
    }

    void forgetCalls() {
      apiCalls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        URI uri = exchange.getRequestURI();
        if (uri.getPath().equals("/config.js")) {
          reply(exchange, 200, "text/javascript; charset=utf-8", config);
          return;
        }
        if (uri.getPath().startsWith("/api/")) {
          apiCalls.add(new ApiCall(exchange.getRequestMethod(), uri.getPath(), exchange.getRequestHeaders().getFirst("Authorization")));
          if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            return;
          }
        }
        forward(exchange, uri);
      }
    }

    private void forward(HttpExchange exchange, URI uri) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(uri.getRawPath()
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
          .method(exchange.getRequestMethod(),
              body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase())) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase())) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] out = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
