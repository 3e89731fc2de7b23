package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioLanguageTest {

  @ParameterizedTest(name = "{0} -> {1}, {2}, {3}")
  @CsvSource(nullValues = "NULL", value = {
    "eng,   eng, en,  English",
    "ger,   deu, de,  Deutsch",
    "deu,   deu, de,  Deutsch",
    "fre,   fra, fr,  Français",
    "FRA,   fra, fr,  Français",
    "en-US, eng, en,  English",
    "es,    spa, es,  Español",
    "fil,   fil, fil, Filipino",
    "und,   und, und, Original",
    "NULL,  und, und, Original",
    "'',    und, und, Original",
    "e1,    und, und, Original",
  })
  void mapsContainerTagsToIso639Rfc5646AndAName(String tag, String iso639, String rfc5646, String name) {
    // Given a tag as a container reports it, When mapping, Then
    assertThat(AudioLanguage.iso639(tag)).isEqualTo(iso639);
    assertThat(AudioLanguage.rfc5646(tag)).isEqualTo(rfc5646);
    assertThat(AudioLanguage.displayName(tag)).isEqualTo(name);
  }
}
