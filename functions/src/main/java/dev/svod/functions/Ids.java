package dev.svod.functions;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Opaque ids: 22 characters of {@code [A-Za-z0-9]} (about 131 random bits). They are also valid
 * Step Functions execution names and S3 key segments.
 *
 * <p>Letters and digits only, not base64url: an id that starts with {@code -} reads as an option
 * to every command line that takes it ({@code vod status -Xc…} was a usage error for one video in
 * 64), and {@code -}/{@code _} break a terminal's double-click selection. Ids made before this
 * change still pass {@link #requireValid}.
 */
public final class Ids {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int LENGTH = 22;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Ids() {}

  public static String newId() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }

  /** Rejects anything that cannot be an id before it reaches a key or a path. */
  public static String requireValid(String id, String what) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new InvalidRequestException("INVALID_ID", what + " id is malformed");
    }
    return id;
  }
}
