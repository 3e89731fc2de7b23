package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaType;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterPlaylistWriterTest {
  private static final EncodedRendition P720 = new EncodedRendition("720p", RenditionType.VIDEO, "720p/index.m3u8",
      "720p/iframes.m3u8", 1280, 720, 29.97, "avc1.64001f", 3_300_000, 3_000_000, 150_000, 120_000, null, 0, 12, 2, 4_500_000);
  private static final EncodedRendition P360 = new EncodedRendition("360p", RenditionType.VIDEO, "360p/index.m3u8",
      "360p/iframes.m3u8", 640, 360, 29.97, "avc1.4d401e", 800_000, 730_000, 50_000, 40_000, null, 0, 12, 2, 1_100_000);
  private static final EncodedRendition AUDIO = new EncodedRendition("audio", RenditionType.AUDIO, "audio/index.m3u8",
      null, 0, 0, 0, "mp4a.40.2", 131_000, 129_000, 0, 0, "eng", 2, 12, 2, 200_000);

  @Test
  void writesEveryAttributeAppleRequiresFromStoredDescriptors() throws Exception {
    // Given descriptors that went through JSON (as stored with DONE renditions)
    ObjectMapper json = new ObjectMapper();
    EncodedRendition[] stored = json.readValue(json.writeValueAsString(List.of(P360, AUDIO, P720)), EncodedRendition[].class);

    // When
    String text = new MasterPlaylistWriter().write(List.of(stored));

    // Then
    MasterPlaylist master = new MasterPlaylistParser().readPlaylist(text);
    assertThat(text).contains("#EXT-X-INDEPENDENT-SEGMENTS");
    assertThat(master.variants()).hasSize(2);
    var top = master.variants().getFirst();
    assertThat(top.uri()).isEqualTo("720p/index.m3u8");
    assertThat(top.bandwidth()).isEqualTo(3_300_000 + 131_000);
    assertThat(top.averageBandwidth()).contains(3_000_000L + 129_000);
    assertThat(top.codecs()).containsExactly("avc1.64001f", "mp4a.40.2");
    assertThat(top.resolution().orElseThrow().width()).isEqualTo(1280);
    assertThat(top.frameRate()).contains(29.97);
    assertThat(top.audio()).contains(MasterPlaylistWriter.AUDIO_GROUP);
    assertThat(master.iFrameVariants()).extracting(v -> v.uri()).containsExactly("720p/iframes.m3u8", "360p/iframes.m3u8");
    assertThat(master.iFrameVariants().getFirst().codecs()).containsExactly("avc1.64001f");
    var audio = master.alternativeRenditions().getFirst();
    assertThat(audio.type()).isEqualTo(MediaType.AUDIO);
    assertThat(audio.language()).contains("en");
    assertThat(audio.name()).isEqualTo("English");
    assertThat(audio.uri()).contains("audio/index.m3u8");
    assertThat(audio.defaultRendition()).contains(true);
  }

  private static EncodedRendition audio(String name, String language, long peak, long average) {
    return new EncodedRendition(name, RenditionType.AUDIO, name + "/index.m3u8", null, 0, 0, 0,
        "mp4a.40.2", peak, average, 0, 0, language, 2, 12, 2, 200_000);
  }

  @Test
  void everyLanguageIsAnAutoSelectableRenditionAndTheFirstStreamIsTheDefault() throws Exception {
    // Given English (the source's first stream) and German renditions, German with the larger peak
    // but the smaller average, listed in an order DynamoDB might return them
    EncodedRendition german = audio("audio-deu", "deu", 140_000, 125_000);

    // When
    MasterPlaylist master = new MasterPlaylistParser().readPlaylist(
        new MasterPlaylistWriter().write(List.of(german, P720, AUDIO, P360)));

    // Then one EXT-X-MEDIA per language, RFC 5646 tags, names in their own language
    assertThat(master.alternativeRenditions()).hasSize(2);
    var english = master.alternativeRenditions().get(0);
    assertThat(english.language()).contains("en");
    assertThat(english.name()).isEqualTo("English");
    assertThat(english.defaultRendition()).contains(true);
    assertThat(english.autoSelect()).contains(true);
    assertThat(english.uri()).contains("audio/index.m3u8");
    var deutsch = master.alternativeRenditions().get(1);
    assertThat(deutsch.language()).contains("de");
    assertThat(deutsch.name()).isEqualTo("Deutsch");
    assertThat(deutsch.defaultRendition().orElse(false)).isFalse();
    assertThat(deutsch.autoSelect()).contains(true);
    assertThat(deutsch.uri()).contains("audio-deu/index.m3u8");
    assertThat(deutsch.groupId()).isEqualTo(english.groupId()).isEqualTo(MasterPlaylistWriter.AUDIO_GROUP);
    // And each variant covers the largest peak and the largest average a player may pick
    var top = master.variants().getFirst();
    assertThat(top.bandwidth()).isEqualTo(3_300_000 + 140_000);
    assertThat(top.averageBandwidth()).contains(3_000_000L + 129_000);
    assertThat(top.codecs()).containsExactly("avc1.64001f", "mp4a.40.2");
  }

  @Test
  void namesStayUniqueWhenTwoRenditionsShareALanguage() throws Exception {
    MasterPlaylist master = new MasterPlaylistParser().readPlaylist(
        new MasterPlaylistWriter().write(List.of(P360, AUDIO, audio("audio-commentary", "eng", 100_000, 90_000))));

    assertThat(master.alternativeRenditions()).extracting(a -> a.name())
        .containsExactly("English", "English (audio-commentary)");
  }

  @Test
  void audioOnlyWithSeveralLanguagesIsOneVariantWithTheLanguagesAsItsGroup() throws Exception {
    // Given an audio-only source with French (first stream) and English renditions
    var french = audio("audio", "fra", 130_000, 128_000);
    var english = audio("audio-eng", "eng", 135_000, 127_000);

    // When
    MasterPlaylist master = new MasterPlaylistParser().readPlaylist(new MasterPlaylistWriter().write(List.of(english, french)));

    // Then the variant is the default's stream and the other language an alternative
    assertThat(master.variants()).singleElement().satisfies(v -> {
      assertThat(v.uri()).isEqualTo("audio/index.m3u8");
      assertThat(v.bandwidth()).isEqualTo(135_000);
      assertThat(v.averageBandwidth()).contains(128_000L);
      assertThat(v.codecs()).containsExactly("mp4a.40.2");
      assertThat(v.audio()).contains(MasterPlaylistWriter.AUDIO_GROUP);
    });
    assertThat(master.alternativeRenditions()).extracting(a -> a.name() + "|" + a.language().orElse("") + "|"
        + a.uri().orElse("in variant") + "|" + a.defaultRendition().orElse(false))
        .containsExactly("Français|fr|in variant|true", "English|en|audio-eng/index.m3u8|false");
  }

  @Test
  void audioWithoutLanguageIsUnd() {
    var noLanguage = new EncodedRendition("audio", RenditionType.AUDIO, "audio/index.m3u8", null, 0, 0, 0,
        "mp4a.40.2", 131_000, 129_000, 0, 0, null, 2, 12, 2, 200_000);
    assertThat(new MasterPlaylistWriter().write(List.of(P360, noLanguage))).contains("LANGUAGE=\"und\"", "NAME=\"Original\"");
  }

  @Test
  void silentVideoHasNoAudioGroup() {
    String text = new MasterPlaylistWriter().write(List.of(P360));
    assertThat(text).doesNotContain("EXT-X-MEDIA:").doesNotContain("AUDIO=").contains("CODECS=\"avc1.4d401e\"");
  }

  @Test
  void audioOnlyOutputListsTheAudioAsItsVariant() throws Exception {
    MasterPlaylist master = new MasterPlaylistParser().readPlaylist(new MasterPlaylistWriter().write(List.of(AUDIO)));
    assertThat(master.variants()).singleElement().satisfies(v -> {
      assertThat(v.uri()).isEqualTo("audio/index.m3u8");
      assertThat(v.codecs()).containsExactly("mp4a.40.2");
      assertThat(v.bandwidth()).isEqualTo(131_000);
    });
    assertThat(master.iFrameVariants()).isEmpty();
  }
}
