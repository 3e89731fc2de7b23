package dev.svod.functions.workflow;

import dev.svod.functions.OutputStore;
import dev.svod.functions.transcode.MediaConvertJobBuilder;
import dev.svod.functions.video.VideoService;
import dev.svod.media.EncodedRendition;
import dev.svod.media.RenditionSpec;
import io.lindstrom.m3u8.model.IFrameVariant;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.lindstrom.m3u8.parser.PlaylistParserException;
import java.util.Map;
import java.util.Optional;

/**
 * Describes a rendition MediaConvert wrote ({@link MediaConvertJobBuilder}'s layout) as an
 * {@link EncodedRendition}, so the project's own master playlist lists it like an FFmpeg one: the
 * bandwidths are measured from the media playlist's segment durations and the objects' sizes; the
 * codec string and I-frame playlist come from MediaConvert's group playlist (RFC 6381 codecs).
 */
public final class MediaConvertOutputs {
  /** AAC-LC, which the job configures. */
  private static final String AAC_LC = "mp4a.40.2";

  private final OutputStore output;
  private final String bucket;
  private final MasterPlaylistParser masterParser = new MasterPlaylistParser(ParsingMode.LENIENT);
  private final MediaPlaylistParser mediaParser = new MediaPlaylistParser(ParsingMode.LENIENT);

  public MediaConvertOutputs(OutputStore output, String bucket) {
    this.output = output;
    this.bucket = bucket;
  }

  /**
   * Measures the rendition, or returns empty when MediaConvert left no media playlist for it.
   */
  public Optional<EncodedRendition> measure(String videoId, RenditionSpec spec) {
    String videoPrefix = VideoService.outputPrefix(videoId);
    String dirPrefix = videoPrefix + spec.name() + "/";
    Map<String, Long> sizes = output.sizes(bucket, dirPrefix);
    String mediaKey = videoPrefix + MediaConvertJobBuilder.mediaPlaylist(spec.name());
    if (!sizes.containsKey(mediaKey)) {
      return Optional.empty();
    }
    try {
      MediaPlaylist media = mediaParser.readPlaylist(output.readText(bucket, mediaKey));
      long totalBytes = 0;
      double totalSeconds = 0;
      double peak = 0;
      for (MediaSegment segment : media.mediaSegments()) {
        long size = sizes.getOrDefault(dirPrefix + segment.uri(), 0L);
        totalBytes += size;
        totalSeconds += segment.duration();
        if (segment.duration() > 0) {
          peak = Math.max(peak, size * 8 / segment.duration());
        }
      }
      long init = sizes.entrySet().stream().filter(e -> e.getKey().endsWith("init.cmfv")
          || e.getKey().endsWith("init.cmfa") || e.getKey().endsWith("init.mp4")).mapToLong(Map.Entry::getValue).sum();
      long average = totalSeconds > 0 ? Math.round(totalBytes * 8 / totalSeconds) : 0;
      Optional<MasterPlaylist> group = groupPlaylist(dirPrefix);
      Optional<Variant> variant = group.flatMap(g -> g.variants().stream().findFirst());
      Optional<IFrameVariant> iFrames = group.flatMap(g -> g.iFrameVariants().stream().findFirst());
      String prefix = spec.isVideo() ? "avc" : "mp4a";
      String codecs = variant.flatMap(v -> v.codecs().stream().filter(c -> c.startsWith(prefix)).findFirst())
          .orElse(spec.isVideo() ? fallbackAvcCodec(spec) : AAC_LC);
      return Optional.of(new EncodedRendition(spec.name(), spec.type(),
          MediaConvertJobBuilder.mediaPlaylist(spec.name()),
          iFrames.map(i -> spec.name() + "/" + i.uri()).orElse(null),
          spec.isVideo() ? spec.width() : 0, spec.isVideo() ? spec.height() : 0,
          spec.isVideo() ? spec.frameRate() : 0, codecs, Math.round(peak), average,
          iFrames.map(IFrameVariant::bandwidth).orElse(0L),
          iFrames.flatMap(IFrameVariant::averageBandwidth).orElse(0L),
          spec.isVideo() ? null : spec.language(), spec.isVideo() ? 0 : spec.audioChannels(),
          totalSeconds, media.mediaSegments().size(), totalBytes + init));
    } catch (PlaylistParserException e) {
      throw new IllegalStateException("MediaConvert wrote an unreadable playlist " + mediaKey + ": " + e.getMessage(), e);
    }
  }

  private Optional<MasterPlaylist> groupPlaylist(String dirPrefix) throws PlaylistParserException {
    String key = dirPrefix + MediaConvertJobBuilder.PLAYLIST_BASE + ".m3u8";
    if (output.sizes(bucket, key).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(masterParser.readPlaylist(output.readText(bucket, key)));
  }

  /**
   * RFC 6381 string for the planned H.264 profile when MediaConvert's playlist names none: profile
   * from the plan, level the smallest that fits the frame size and rate.
   */
  static String fallbackAvcCodec(RenditionSpec spec) {
    String profile = "high".equalsIgnoreCase(spec.profile()) ? "6400" : "4d40";
    long macroblocksPerSecond = (long) Math.ceil(spec.width() / 16.0) * (long) Math.ceil(spec.height() / 16.0)
        * Math.round(Math.max(1, spec.frameRate()));
    int level;
    if (macroblocksPerSecond <= 40_500) {
      level = 30;
    } else if (macroblocksPerSecond <= 108_000) {
      level = 31;
    } else if (macroblocksPerSecond <= 245_760) {
      level = 40;
    } else {
      level = 42;
    }
    return "avc1." + profile + String.format("%02x", level);
  }
}
