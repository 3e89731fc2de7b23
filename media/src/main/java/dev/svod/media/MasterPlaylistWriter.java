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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the multivariant playlist ({@code master.m3u8}) from {@link EncodedRendition} descriptors
 * alone, so the workflow can rewrite it from the DONE renditions it has stored.
 *
 * <p>Per Apple's authoring spec: {@code EXT-X-INDEPENDENT-SEGMENTS}; one {@code EXT-X-STREAM-INF}
 * per video rendition with {@code BANDWIDTH}/{@code AVERAGE-BANDWIDTH} (video plus the largest peak
 * and largest average of the audio group, since a player may pick any of its renditions), {@code
 * CODECS} (video plus every audio codec of the group), {@code RESOLUTION}, {@code FRAME-RATE} and
 * {@code AUDIO}; an {@code EXT-X-I-FRAME-STREAM-INF} per video rendition.
 *
 * <p>Audio renditions form the group {@value #AUDIO_GROUP}, one {@code EXT-X-MEDIA} each, the
 * default ({@link LadderPlanner#DEFAULT_AUDIO}, the source's first audio stream) first, the others by
 * name, so the text does not depend on the order the descriptors come in. {@code LANGUAGE} is the
 * shortest RFC 5646 tag ({@code en}, {@code de}; {@code und} when the source does not say, a
 * registered tag meaning exactly that, so every audio rendition still has one), {@code NAME} the
 * language's own name ({@code English}, {@code Deutsch}, unique in the group), {@code DEFAULT=YES} on
 * the default only and {@code AUTOSELECT=YES} on all.
 *
 * <p>Without video: one audio rendition is the single variant (audio-only HLS). Several languages
 * make one variant whose stream is the default rendition, plus the group: the default's {@code
 * EXT-X-MEDIA} has no {@code URI} (RFC 8216 4.3.4.2.1: its media is the variant's), the others point
 * at their own playlists; one variant per language would let a player switch language as it adapts
 * bit rate. Model and serialisation come from {@code io.lindstrom:m3u8-parser}.
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
    List<EncodedRendition> audio = renditions.stream()
        .filter(r -> !r.isVideo())
        .sorted(Comparator.comparing((EncodedRendition r) -> !LadderPlanner.DEFAULT_AUDIO.equals(r.name()))
            .thenComparing(EncodedRendition::name))
        .toList();

    MasterPlaylist.Builder playlist = MasterPlaylist.builder().version(7).independentSegments(true);
    if (video.isEmpty() && audio.size() == 1) {
      EncodedRendition only = audio.getFirst();
      playlist.addVariants(Variant.builder()
          .uri(only.uri())
          .bandwidth(only.bandwidth())
          .averageBandwidth(only.averageBandwidth())
          .codecs(List.of(only.codecs()))
          .build());
      return parser.writePlaylistAsString(playlist.build());
    }

    playlist.addAllAlternativeRenditions(audioGroup(audio, video.isEmpty()));
    long audioPeak = audio.stream().mapToLong(EncodedRendition::bandwidth).max().orElse(0);
    long audioAverage = audio.stream().mapToLong(EncodedRendition::averageBandwidth).max().orElse(0);
    List<String> audioCodecs = audio.stream().map(EncodedRendition::codecs).distinct().toList();
    if (video.isEmpty()) {
      playlist.addVariants(Variant.builder()
          .uri(audio.getFirst().uri())
          .bandwidth(audioPeak)
          .averageBandwidth(audioAverage)
          .codecs(audioCodecs)
          .audio(AUDIO_GROUP)
          .build());
      return parser.writePlaylistAsString(playlist.build());
    }
    for (EncodedRendition v : video) {
      List<String> codecs = new ArrayList<>(List.of(v.codecs()));
      codecs.addAll(audioCodecs);
      Variant.Builder variant = Variant.builder()
          .uri(v.uri())
          .bandwidth(v.bandwidth() + audioPeak)
          .averageBandwidth(v.averageBandwidth() + audioAverage)
          .codecs(codecs)
          .resolution(Resolution.of(v.width(), v.height()))
          .frameRate(Math.round(v.frameRate() * 1000) / 1000.0);
      if (!audio.isEmpty()) {
        variant.audio(AUDIO_GROUP);
      }
      playlist.addVariants(variant.build());
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

  /**
   * One {@code EXT-X-MEDIA} per audio rendition, the first (default) first; when the default is the
   * variant's own stream ({@code defaultInVariant}) its entry has no {@code URI}.
   */
  private static List<AlternativeRendition> audioGroup(List<EncodedRendition> audio, boolean defaultInVariant) {
    List<AlternativeRendition> group = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < audio.size(); i++) {
      EncodedRendition a = audio.get(i);
      String name = AudioLanguage.displayName(a.language());
      if (!names.add(name)) {
        name = name + " (" + a.name() + ")"; // two renditions in one language: still told apart
        names.add(name);
      }
      AlternativeRendition.Builder media = AlternativeRendition.builder()
          .type(MediaType.AUDIO)
          .groupId(AUDIO_GROUP)
          .name(name)
          .language(AudioLanguage.rfc5646(a.language()))
          .defaultRendition(i == 0)
          .autoSelect(true);
      if (i > 0 || !defaultInVariant) {
        media.uri(a.uri());
      }
      if (a.channels() > 0) {
        media.channels(Channels.of(a.channels()));
      }
      group.add(media.build());
    }
    return group;
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
