package dev.svod.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hosted web console's choices ({@code -c console=true}), part of {@link VodSettings}.
 *
 * @param clientId the OIDC public client the console signs in with ({@code consoleClientId})
 * @param scopes the scopes it asks for, space-separated ({@code consoleScopes}, default {@code openid})
 * @param authOrigins origins besides the issuer's that sign-in calls, e.g. a token endpoint on another host
 *     ({@code consoleAuthOrigins}, comma-separated; Cognito's is
 *     {@code https://<domain>.auth.<region>.amazoncognito.com})
 * @param webDir the console's static files ({@code web/} of the repository)
 * @param stagingDir the directory synthesis fills with {@code vendor/hls.min.js} from the WebJar (under
 *     {@code infra/target})
 */
public record ConsoleSettings(String clientId, String scopes, List<String> authOrigins, Path webDir, Path stagingDir) {

  /** Scopes asked for when {@code consoleScopes} is not set. */
  public static final String DEFAULT_SCOPES = "openid";
  /** System property / context key naming the console's folder. */
  public static final String WEB_DIR = "svod.console.web.dir";
  /** System property / context key naming the directory {@code vendor/hls.min.js} is staged in. */
  public static final String STAGING_DIR = "svod.console.staging.dir";

  public ConsoleSettings {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("console=true needs -c consoleClientId=<the OIDC public client id the "
          + "console signs in with>");
    }
    clientId = clientId.trim();
    scopes = scopes == null ? "" : Arrays.stream(scopes.trim().split("\\s+"))
        .filter(scope -> !scope.isEmpty()).collect(Collectors.joining(" "));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("consoleScopes must name at least one scope (default " + DEFAULT_SCOPES + ")");
    }
    authOrigins = List.copyOf(authOrigins);
    for (String origin : authOrigins) {
      if (!origin.matches("https://[^/\\s;,']+")) {
        throw new IllegalArgumentException("consoleAuthOrigins entries must be https:// origins, got '" + origin + "'");
      }
    }
  }
}
