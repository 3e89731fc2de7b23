package dev.svod.media;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.regex.Pattern;

/**
 * Language tags of audio renditions: ISO 639-2 inside the project (what containers and ffprobe
 * report, what MediaConvert takes), RFC 5646 in the multivariant playlist (RFC 8216 {@code
 * LANGUAGE}), and a human name for {@code NAME}.
 *
 * <p>{@link Locale} knows ISO 639-1 and the ISO 639-2 <em>terminology</em> codes ({@code deu},
 * {@code fra}) but not the 20 <em>bibliographic</em> ones ({@code ger}, {@code fre}) that MP4 and
 * Matroska files often carry, so those few are mapped here; ISO 639-2 fixed them long ago.
 */
public final class AudioLanguage {
  /** ISO 639-2 and RFC 5646 "undetermined": the source does not say. */
  public static final String UNDETERMINED = "und";

  /** Name of an audio rendition whose language is undetermined. */
  static final String UNDETERMINED_NAME = "Original";

  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

  /** ISO 639-2/B code to ISO 639-2/T code, for the codes where the two differ. */
  private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(
      Map.entry("alb", "sqi"), Map.entry("arm", "hye"), Map.entry("baq", "eus"), Map.entry("bur", "mya"),
      Map.entry("chi", "zho"), Map.entry("cze", "ces"), Map.entry("dut", "nld"), Map.entry("fre", "fra"),
      Map.entry("geo", "kat"), Map.entry("ger", "deu"), Map.entry("gre", "ell"), Map.entry("ice", "isl"),
      Map.entry("mac", "mkd"), Map.entry("mao", "mri"), Map.entry("may", "msa"), Map.entry("per", "fas"),
      Map.entry("rum", "ron"), Map.entry("slo", "slk"), Map.entry("tib", "bod"), Map.entry("wel", "cym"));

  /** ISO 639-2/T code to ISO 639-1 code, for every language that has one. */
  private static final Map<String, String> TWO_LETTER = twoLetterCodes();

  private AudioLanguage() {}

  /**
   * The ISO 639-2/T code for a tag as a container reports it: {@code ger} becomes {@code deu},
   * {@code en} or {@code en-US} becomes {@code eng}; missing or malformed tags become {@value
   * #UNDETERMINED}.
   */
  public static String iso639(String tag) {
    if (tag == null) {
      return UNDETERMINED;
    }
    String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    if (!CODE.matcher(primary).matches()) {
      return UNDETERMINED;
    }
    if (primary.length() == 3) {
      return BIBLIOGRAPHIC.getOrDefault(primary, primary);
    }
    try {
      String three = Locale.of(primary).getISO3Language();
      return three.length() == 3 ? three : UNDETERMINED;
    } catch (MissingResourceException e) {
      return UNDETERMINED; // a two-letter code ISO 639-1 does not define
    }
  }

  /**
   * The shortest RFC 5646 tag of a language: the ISO 639-1 code where one exists ({@code deu} and
   * {@code ger} become {@code de}), the three-letter code otherwise ({@code fil}); {@value
   * #UNDETERMINED} stays, as it is a registered tag that says exactly that.
   */
  public static String rfc5646(String tag) {
    String code = iso639(tag);
    return TWO_LETTER.getOrDefault(code, code);
  }

  /**
   * A name for people, in the language itself as RFC 8216 asks of {@code NAME} ({@code Deutsch},
   * {@code Français}); the English name where the JDK has no native one, {@value #UNDETERMINED_NAME}
   * for an undetermined language, the code for one the JDK does not know.
   */
  public static String displayName(String tag) {
    String code = rfc5646(tag);
    if (UNDETERMINED.equals(code)) {
      return UNDETERMINED_NAME;
    }
    Locale language = Locale.forLanguageTag(code);
    String name = language.getDisplayLanguage(language);
    if (name.isBlank() || name.equals(code)) {
      name = language.getDisplayLanguage(Locale.ENGLISH);
    }
    if (name.isBlank() || name.equals(code)) {
      return code;
    }
    return name.substring(0, 1).toUpperCase(language) + name.substring(1);
  }

  private static Map<String, String> twoLetterCodes() {
    Map<String, String> codes = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        codes.putIfAbsent(Locale.of(two).getISO3Language(), two);
      } catch (MissingResourceException e) {
        // no three-letter code: nothing to map
      }
    }
    return Map.copyOf(codes);
  }
}
