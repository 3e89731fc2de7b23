package dev.svod.functions;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque, URL-safe ids (128 random bits, base64url, 22 characters). They are also valid Step
 * Functions execution names and S3 key segments.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Ids() {}

  public static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Rejects anything that cannot be an id before it reaches a key or a path. */
  public static String requireValid(String id, String what) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new InvalidRequestException("INVALID_ID", what + " id is malformed");
    }
    return id;
  }
}
