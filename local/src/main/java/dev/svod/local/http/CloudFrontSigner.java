package dev.svod.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks CloudFront signed URLs and signed cookies, canned and custom policies, the way a
 * distribution with a trusted key group does: RSA-SHA1 over the policy, CloudFront's URL-safe
 * base64 ({@code -_~}), the resource (wildcards {@code *} and {@code ?} in custom policies),
 * {@code DateLessThan} and {@code DateGreaterThan}. Query parameters win over cookies.
 */
public final class CloudFrontSigner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SIGNING_PARAMETERS =
      List.of("Expires", "Policy", "Signature", "Key-Pair-Id");

  private final String keyPairId;
  private final PublicKey publicKey;
  private final Clock clock;

  public CloudFrontSigner(String keyPairId, PublicKey publicKey, Clock clock) {
    this.keyPairId = keyPairId;
    this.publicKey = publicKey;
    this.clock = clock;
  }

  /** Why the request is refused (CloudFront answers 403), or empty when it is correctly signed. */
  Optional<String> refusal(HttpExchange exchange) {
    Map<String, String> query = QueryStrings.parse(exchange.getRequestURI().getRawQuery());
    Map<String, String> values = query.containsKey("Key-Pair-Id") ? query : cookies(exchange);
    String host = exchange.getRequestHeaders().getFirst("Host");
    String url = "http://" + (host == null ? "localhost" : host)
        + exchange.getRequestURI().getRawPath() + unsignedQuery(query);
    return refusal(url, values);
  }

  /** The check itself, on the viewer URL and the signing values (query or cookie names). */
  Optional<String> refusal(String url, Map<String, String> values) {
    String id = values.get("Key-Pair-Id");
    String signature = values.get("Signature");
    if (id == null || signature == null) {
      return Optional.of("Missing Key-Pair-Id query parameter or cookie value");
    }
    if (!id.equals(keyPairId)) {
      return Optional.of("Unknown Key");
    }
    String policy;
    if (values.containsKey("Policy")) {
      policy = new String(decode(values.get("Policy")), StandardCharsets.UTF_8);
    } else if (values.containsKey("Expires")) {
      policy = "{\"Statement\":[{\"Resource\":\"" + url
          + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + values.get("Expires")
          + "}}}]}";
    } else {
      return Optional.of("Missing Expires or Policy");
    }
    if (!verifies(policy, signature)) {
      return Optional.of("Access denied: invalid signature");
    }
    return policyRefusal(url, policy);
  }

  private Optional<String> policyRefusal(String url, String policy) {
    JsonNode statement;
    try {
      statement = JSON.readTree(policy).path("Statement").path(0);
    } catch (IOException e) {
      return Optional.of("Malformed policy");
    }
    long now = clock.instant().getEpochSecond();
    JsonNode condition = statement.path("Condition");
    JsonNode notAfter = condition.path("DateLessThan").path("AWS:EpochTime");
    if (!notAfter.canConvertToLong() && !notAfter.isTextual()) {
      return Optional.of("Policy has no DateLessThan");
    }
    if (now >= notAfter.asLong()) {
      return Optional.of("Access denied: the signed URL has expired");
    }
    JsonNode notBefore = condition.path("DateGreaterThan").path("AWS:EpochTime");
    if (!notBefore.isMissingNode() && now <= notBefore.asLong()) {
      return Optional.of("Access denied: the signed URL is not valid yet");
    }
    String resource = statement.path("Resource").asText("*");
    if (!wildcard(resource).matcher(url).matches()) {
      return Optional.of("Access denied: the policy does not cover this URL");
    }
    return Optional.empty();
  }

  private boolean verifies(String policy, String signature) {
    try {
      Signature verifier = Signature.getInstance("SHA1withRSA");
      verifier.initVerify(publicKey);
      verifier.update(policy.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** CloudFront's URL-safe base64: {@code -} for {@code +}, {@code _} for {@code =}, {@code ~} for {@code /}. */
  static byte[] decode(String value) {
    return Base64.getDecoder()
        .decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
  }

  /** The inverse of {@link #decode}, for signers (tests, tools). */
  public static String encode(byte[] value) {
    return Base64.getEncoder().encodeToString(value)
        .replace('+', '-').replace('=', '_').replace('/', '~');
  }

  private static Pattern wildcard(String resource) {
    StringBuilder regex = new StringBuilder();
    for (char c : resource.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static String unsignedQuery(Map<String, String> query) {
    StringBuilder rest = new StringBuilder();
    query.forEach((name, value) -> {
      if (!SIGNING_PARAMETERS.contains(name)) {
        rest.append(rest.isEmpty() ? "?" : "&").append(name).append('=').append(value);
      }
    });
    return rest.toString();
  }

  private static Map<String, String> cookies(HttpExchange exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return values;
    }
    for (String header : headers) {
      for (String cookie : header.split(";")) {
        int equals = cookie.indexOf('=');
        if (equals > 0) {
          String name = cookie.substring(0, equals).trim();
          if (name.startsWith("CloudFront-")) {
            values.put(name.substring("CloudFront-".length()), cookie.substring(equals + 1).trim());
          }
        }
      }
    }
    return values;
  }
}
