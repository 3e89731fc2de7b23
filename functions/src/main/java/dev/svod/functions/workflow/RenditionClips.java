package dev.svod.functions.workflow;

import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.video.VideoService;
import dev.svod.media.EncodedRendition;
import dev.svod.media.RenditionType;
import dev.svod.media.hls.HlsPackager;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.SegmentMap;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.lindstrom.m3u8.parser.PlaylistParserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Local media files cut from a video's encoded HLS renditions in the output bucket, so that the
 * thumbnails step never downloads the (possibly huge) source: an fMP4 rendition's initialisation
 * section (the playlist's {@code EXT-X-MAP}, {@code init.mp4} here) followed by any run of its
 * consecutive segments is itself a valid fragmented MP4, whose timestamps are those of the
 * rendition's timeline (each fragment carries its decode time).
 */
final class RenditionClips {
  private static final int DOWNLOAD_THREADS = 8;

  /**
   * A downloaded piece of a rendition.
   *
   * @param file init section + segments, one fragmented MP4
   * @param startSeconds where the first downloaded segment starts in the rendition's timeline
   */
  record Clip(Path file, double startSeconds) {}

  private record Segment(String uri, double startSeconds, double durationSeconds) {}

  /** A rendition's media playlist as read: its key prefix, initialisation section and segments. */
  private record Playlist(String dir, String init, List<Segment> segments) {}

  private final OutputStore output;
  private final String bucket;

  RenditionClips(OutputStore output, String bucket) {
    this.output = output;
    this.bucket = bucket;
  }

  /** The DONE video renditions, smallest picture first (ties: lower bit rate first). */
  static List<RenditionItem> doneVideo(List<RenditionItem> renditions) {
    return renditions.stream()
        .filter(r -> RenditionType.VIDEO.name().equals(r.getKind()))
        .filter(r -> RenditionStatus.DONE.name().equals(r.getStatus()))
        .sorted(Comparator.comparingLong((RenditionItem r) -> (long) orZero(r.getWidth()) * orZero(r.getHeight()))
            .thenComparingLong(r -> r.getBandwidth() == null ? 0 : r.getBandwidth()))
        .toList();
  }

  /** The whole rendition as one file. */
  Clip whole(String videoId, RenditionItem rendition, Path file) {
    Playlist playlist = playlist(videoId, rendition);
    download(playlist, playlist.segments(), file);
    return new Clip(file, 0);
  }

  /**
   * Only the segment that holds {@code atSeconds} of the rendition's timeline (the last one when the
   * time is past the end); every segment starts with a key frame, so it decodes on its own.
   */
  Clip around(String videoId, RenditionItem rendition, double atSeconds, Path file) {
    Playlist playlist = playlist(videoId, rendition);
    Segment chosen = playlist.segments().stream()
        .filter(s -> atSeconds < s.startSeconds() + s.durationSeconds())
        .findFirst()
        .orElse(playlist.segments().getLast());
    download(playlist, List.of(chosen), file);
    return new Clip(file, chosen.startSeconds());
  }

  /**
   * The rendition's media playlist, found through its stored descriptor (our packager writes
   * {@code {name}/index.m3u8}, MediaConvert another name), with the {@code EXT-X-MAP} it names.
   */
  private Playlist playlist(String videoId, RenditionItem rendition) {
    String uri = rendition.getEncoded() == null ? rendition.getName() + "/" + HlsPackager.INDEX
        : Json.read(rendition.getEncoded(), EncodedRendition.class).uri();
    String key = VideoService.outputPrefix(videoId) + uri;
    String dir = key.substring(0, key.lastIndexOf('/') + 1);
    MediaPlaylist playlist;
    try {
      playlist = new MediaPlaylistParser(ParsingMode.LENIENT).readPlaylist(output.readText(bucket, key));
    } catch (PlaylistParserException e) {
      throw new IllegalStateException("cannot read " + key + ": " + e.getMessage(), e);
    }
    List<Segment> segments = new ArrayList<>();
    double start = 0;
    for (MediaSegment s : playlist.mediaSegments()) {
      if (s.byteRange().isPresent() || s.uri().contains("/")) {
        throw new IllegalStateException(key + ": only whole segment files next to the playlist are supported");
      }
      segments.add(new Segment(s.uri(), start, s.duration()));
      start += s.duration();
    }
    if (segments.isEmpty()) {
      throw new IllegalStateException(key + " lists no segment");
    }
    String init = playlist.mediaSegments().getFirst().segmentMap().map(SegmentMap::uri).orElse(HlsPackager.INIT);
    return new Playlist(dir, init, segments);
  }

  /** Downloads init + segments in parallel to part files, then joins them in order into {@code file}. */
  private void download(Playlist playlist, List<Segment> segments, Path file) {
    String prefix = playlist.dir();
    List<String> keys = new ArrayList<>();
    keys.add(prefix + playlist.init());
    segments.forEach(s -> keys.add(prefix + s.uri()));
    List<Path> parts = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(DOWNLOAD_THREADS, keys.size()));
    try {
      List<Future<?>> downloads = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        Path part = file.resolveSibling(file.getFileName() + String.format(Locale.ROOT, ".part%05d", i));
        parts.add(part);
        String key = keys.get(i);
        downloads.add(pool.submit(() -> output.download(bucket, key, part)));
      }
      for (Future<?> download : downloads) {
        download.get();
      }
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (Path part : parts) {
          try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
              done += in.transferTo(done, size - done, out);
            }
          }
          Files.delete(part);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join the segments of " + prefix, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("cannot download " + prefix, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted downloading " + prefix, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
