package dev.svod.media;

import io.lindstrom.m3u8.model.AlternativeRendition;
import io.lindstrom.m3u8.model.Channels;
import io.lindstrom.m3u8.model.IFrameVariant;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaType;
import io.lindstrom.m3u8.model.Resolution;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the multivariant playlist ({@code master.m3u8}) from {@link EncodedRendition} descriptors
 * alone, so the workflow can rewrite it from the DONE renditions it has stored.
 *
 * <p>Per Apple's authoring spec: {@code EXT-X-INDEPENDENT-SEGMENTS}; one {@code EXT-X-STREAM-INF}
 * per video rendition with {@code BANDWIDTH}/{@code AVERAGE-BANDWIDTH} (video plus the audio group's
 * peak/average), {@code CODECS}, {@code RESOLUTION}, {@code FRAME-RATE} and {@code AUDIO}; an {@code
 * EXT-X-I-FRAME-STREAM-INF} per video rendition; audio as {@code EXT-X-MEDIA} with {@code LANGUAGE}.
 * With audio renditions only, each becomes a variant of its own (audio-only HLS). Model and
 * serialisation come from {@code io.lindstrom:m3u8-parser}.
 */
public final class MasterPlaylistWriter {

  /** The {@code GROUP-ID} of the audio renditions. */
  public static final String AUDIO_GROUP = "aac";

  private final MasterPlaylistParser parser = new MasterPlaylistParser();

  /** The playlist text for these renditions (any order; video variants are listed highest first). */
  public String write(List<EncodedRendition> renditions) {
    if (renditions.isEmpty()) {
      throw new IllegalArgumentException("a master playlist needs at least one rendition");
    }
    List<EncodedRendition> video = renditions.stream()
        .filter(EncodedRendition::isVideo)
        .sorted(Comparator.comparingLong(EncodedRendition::bandwidth).reversed())
        .toList();
    List<EncodedRendition> audio = renditions.stream().filter(r -> !r.isVideo()).toList();

    MasterPlaylist.Builder playlist = MasterPlaylist.builder().version(7).independentSegments(true);
    if (video.isEmpty()) {
      for (EncodedRendition a : audio) {
        playlist.addVariants(Variant.builder()
            .uri(a.uri())
            .bandwidth(a.bandwidth())
            .averageBandwidth(a.averageBandwidth())
            .codecs(List.of(a.codecs()))
            .build());
      }
      return parser.writePlaylistAsString(playlist.build());
    }

    EncodedRendition mainAudio = audio.stream()
        .max(Comparator.comparingLong(EncodedRendition::bandwidth))
        .orElse(null);
    for (int i = 0; i < audio.size(); i++) {
      EncodedRendition a = audio.get(i);
      AlternativeRendition.Builder media = AlternativeRendition.builder()
          .type(MediaType.AUDIO)
          .groupId(AUDIO_GROUP)
          .name(a.name())
          .language(a.language() == null || a.language().isBlank() ? "und" : a.language())
          .defaultRendition(i == 0)
          .autoSelect(true)
          .uri(a.uri());
      if (a.channels() > 0) {
        media.channels(Channels.of(a.channels()));
      }
      playlist.addAlternativeRenditions(media.build());
    }
    for (EncodedRendition v : video) {
      List<String> codecs = new ArrayList<>(List.of(v.codecs()));
      Variant.Builder variant = Variant.builder()
          .uri(v.uri())
          .bandwidth(v.bandwidth() + (mainAudio == null ? 0 : mainAudio.bandwidth()))
          .averageBandwidth(
              v.averageBandwidth() + (mainAudio == null ? 0 : mainAudio.averageBandwidth()))
          .resolution(Resolution.of(v.width(), v.height()))
          .frameRate(Math.round(v.frameRate() * 1000) / 1000.0);
      if (mainAudio != null) {
        codecs.add(mainAudio.codecs());
        variant.audio(AUDIO_GROUP);
      }
      playlist.addVariants(variant.codecs(codecs).build());
    }
    for (EncodedRendition v : video) {
      if (v.iFrameUri() == null) {
        continue;
      }
      playlist.addIFrameVariants(IFrameVariant.builder()
          .uri(v.iFrameUri())
          .bandwidth(v.iFrameBandwidth())
          .averageBandwidth(v.iFrameAverageBandwidth())
          .codecs(List.of(v.codecs()))
          .resolution(Resolution.of(v.width(), v.height()))
          .build());
    }
    return parser.writePlaylistAsString(playlist.build());
  }

  /** Writes the playlist atomically (temp file, then rename) to {@code file}. */
  public void write(List<EncodedRendition> renditions, Path file) {
    String text = write(renditions);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".master", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }
}
