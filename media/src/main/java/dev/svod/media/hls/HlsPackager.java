package dev.svod.media.hls;

import dev.svod.media.EncodedRendition;
import dev.svod.media.RenditionSpec;
import dev.svod.media.RenditionType;
import io.lindstrom.m3u8.model.ByteRange;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.PlaylistType;
import io.lindstrom.m3u8.model.SegmentMap;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one encoded fragmented MP4 into HLS fMP4 files and measures them.
 *
 * <p>The encoder writes a fragment ({@code moof}+{@code mdat}) per key frame (every 2 s). This class
 * writes {@code init.mp4} (everything before the first fragment), groups whole fragments into
 * {@code seg_00001.m4s}... of the target duration (so every segment starts with a key frame),
 * writes {@code index.m3u8} and, for video, {@code iframes.m3u8} whose byte ranges cover each key
 * frame's own {@code moof} through the end of that key frame's data. We cut segments ourselves
 * rather than use FFmpeg's {@code hls} muxer because that muxer puts a whole segment in a single
 * fragment, which leaves the key frames inside a segment without a byte range a player can use.
 * Bit rates in the returned descriptor are measured from the segment files: peak = largest
 * segment size over its duration, average = all segment bytes over the total duration.
 */
public final class HlsPackager {
  /** Name of the initialisation section. */
  public static final String INIT = "init.mp4";
  /** Name of the media playlist. */
  public static final String INDEX = "index.m3u8";
  /** Name of the I-frame playlist. */
  public static final String IFRAMES = "iframes.m3u8";

  private HlsPackager() {}

  /** The file name of segment {@code number} (1-based). */
  public static String segmentName(int number) {
    return String.format(Locale.ROOT, "seg_%05d.m4s", number);
  }

  /**
   * Packages {@code encoded} into {@code renditionDir} and returns the measured descriptor; the
   * uris in it are relative to the parent of {@code renditionDir} (where {@code master.m3u8} lives).
   */
  public static EncodedRendition packageRendition(
      RenditionSpec spec, Path encoded, Path renditionDir, double targetSegmentSeconds) throws IOException {
    Fmp4.Parsed parsed = Fmp4.parse(encoded);
    if (parsed.fragments().isEmpty()) {
      throw new IOException("the encoder produced no media for " + spec.name());
    }
    boolean video = spec.type() == RenditionType.VIDEO;
    double timescale = parsed.timescale();
    List<List<Fmp4.Fragment>> segments = group(parsed.fragments(), targetSegmentSeconds, timescale);

    List<MediaSegment> media = new ArrayList<>();
    List<MediaSegment> iframes = new ArrayList<>();
    long totalBytes = 0;
    double totalSeconds = 0;
    double peak = 0;
    long iFrameBytes = 0;
    double iFramePeak = 0;
    int samples = 0;
    double maxSegment = 0;
    try (FileChannel in = FileChannel.open(encoded, StandardOpenOption.READ)) {
      copy(in, 0, parsed.initEnd(), renditionDir.resolve(INIT));
      for (int i = 0; i < segments.size(); i++) {
        List<Fmp4.Fragment> fragments = segments.get(i);
        long start = fragments.getFirst().offset();
        long end = fragments.getLast().end();
        String name = segmentName(i + 1);
        copy(in, start, end, renditionDir.resolve(name));
        double seconds = fragments.stream().mapToLong(Fmp4.Fragment::duration).sum() / timescale;
        long bytes = end - start;
        totalBytes += bytes;
        totalSeconds += seconds;
        maxSegment = Math.max(maxSegment, seconds);
        peak = Math.max(peak, bytes * 8 / seconds);
        MediaSegment.Builder segment = MediaSegment.builder().duration(seconds).uri(name);
        if (i == 0) {
          segment.segmentMap(SegmentMap.of(INIT));
        }
        media.add(segment.build());
        for (Fmp4.Fragment f : fragments) {
          samples += f.sampleCount();
          if (video && f.startsWithKeyFrame()) {
            long length = f.firstSampleEnd() - f.offset();
            double interval = f.duration() / timescale;
            iFrameBytes += length;
            iFramePeak = Math.max(iFramePeak, length * 8 / interval);
            MediaSegment.Builder iframe = MediaSegment.builder()
                .duration(interval)
                .uri(name)
                .byteRange(ByteRange.of(length, f.offset() - start));
            if (iframes.isEmpty()) {
              iframe.segmentMap(SegmentMap.of(INIT));
            }
            iframes.add(iframe.build());
          }
        }
      }
    }
    // RFC 8216 4.3.3.1: each EXTINF rounded to the nearest integer must not exceed the target.
    int targetDuration = (int) Math.round(maxSegment);
    MediaPlaylistParser writer = new MediaPlaylistParser();
    writeAtomically(renditionDir.resolve(INDEX), writer.writePlaylistAsString(playlist(targetDuration, media, false)));
    String iFrameUri = null;
    if (video) {
      writeAtomically(renditionDir.resolve(IFRAMES), writer.writePlaylistAsString(playlist(targetDuration, iframes, true)));
      iFrameUri = spec.name() + "/" + IFRAMES;
    }
    double frameRate = video ? Math.round(samples / totalSeconds * 1000) / 1000.0 : 0;
    return new EncodedRendition(
        spec.name(), spec.type(), spec.name() + "/" + INDEX, iFrameUri,
        spec.width(), spec.height(), frameRate, parsed.codecs(),
        (long) Math.ceil(peak), Math.round(totalBytes * 8 / totalSeconds),
        video ? (long) Math.ceil(iFramePeak) : 0, video ? Math.round(iFrameBytes * 8 / totalSeconds) : 0,
        video ? null : spec.language(), video ? 0 : spec.audioChannels(),
        Math.round(totalSeconds * 1000) / 1000.0, segments.size(), totalBytes + parsed.initEnd());
  }

  /** Whole fragments into segments: a segment closes once it reaches the target duration. */
  static List<List<Fmp4.Fragment>> group(List<Fmp4.Fragment> fragments, double targetSeconds, double timescale) {
    List<List<Fmp4.Fragment>> segments = new ArrayList<>();
    List<Fmp4.Fragment> current = new ArrayList<>();
    long duration = 0;
    for (Fmp4.Fragment f : fragments) {
      current.add(f);
      duration += f.duration();
      if (duration / timescale >= targetSeconds - 0.01) {
        segments.add(current);
        current = new ArrayList<>();
        duration = 0;
      }
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    return segments;
  }

  private static MediaPlaylist playlist(int targetDuration, List<MediaSegment> segments, boolean iFramesOnly) {
    return MediaPlaylist.builder()
        .version(7)
        .targetDuration(Math.max(1, targetDuration))
        .playlistType(PlaylistType.VOD)
        .independentSegments(true)
        .iFramesOnly(iFramesOnly)
        .ongoing(false)
        .addAllMediaSegments(segments)
        .build();
  }

  private static void copy(FileChannel in, long from, long to, Path target) throws IOException {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      long done = 0;
      while (done < to - from) {
        done += in.transferTo(from + done, to - from - done, out);
      }
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
