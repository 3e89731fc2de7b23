package dev.svod.media;

import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Poster JPEG and storyboard (one sprite JPEG of evenly spaced tiles plus a WebVTT file whose cues
 * point at each tile with {@code #xywh=}) for scrubbing previews. Sources are opened with {@link
 * MediaProber#decodeInput} (safe input options, the probed demuxer forced).
 */
public final class Thumbnails {
  /** Name of the poster image in a video's output. */
  public static final String POSTER = "poster.jpg";
  /** Name of the storyboard sprite in a video's output. */
  public static final String STORYBOARD_IMAGE = "storyboard.jpg";
  /** Name of the storyboard cues in a video's output. */
  public static final String STORYBOARD_VTT = "storyboard.vtt";

  private static final int POSTER_MAX_WIDTH = 1280;
  private static final int TILE_LONG_SIDE = 160;
  private static final int COLUMNS = 10;
  private static final int MAX_TILES = 100;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final FfmpegTools tools;

  public Thumbnails(FfmpegTools tools) {
    this.tools = tools;
  }

  /** Thumbnails with the bundled FFmpeg. */
  public Thumbnails() {
    this(FfmpegTools.locate());
  }

  /**
   * What {@link #storyboard} wrote.
   *
   * @param image sprite file name
   * @param vtt cue file name
   * @param tileWidth width of one tile
   * @param tileHeight height of one tile
   * @param columns tiles per row
   * @param rows rows in the sprite
   * @param tiles number of tiles (one per interval)
   * @param intervalSeconds time between tiles
   */
  public record Storyboard(String image, String vtt, int tileWidth, int tileHeight, int columns, int rows,
      int tiles, double intervalSeconds) {}

  /** Where in a video of {@code durationSeconds} the poster is taken: at 10%, at most 30 s in. */
  public static double posterSeconds(double durationSeconds) {
    return Math.min(durationSeconds * 0.1, 30);
  }

  /**
   * Writes a poster JPEG of the frame at {@link #posterSeconds} of the duration (at most 1280 wide)
   * to {@code jpg}.
   */
  public void poster(Path source, SourceInfo info, Path jpg) {
    poster(source, info, posterSeconds(info.durationSeconds()), jpg);
  }

  /**
   * Writes a poster JPEG (at most 1280 wide) of the frame {@code atSeconds} after the start of
   * {@code source} to {@code jpg}. The seek is an input seek: FFmpeg jumps to the key frame before
   * that time and decodes only from there.
   */
  public void poster(Path source, SourceInfo info, double atSeconds, Path jpg) {
    requireVideo(info);
    int width = Math.min(POSTER_MAX_WIDTH, info.video().displayWidth());
    int height = even((double) width * info.video().displayHeight() / info.video().displayWidth());
    width = even(width);
    double at = Math.max(0, atSeconds);
    String filter = "scale=" + width + ":" + height + ",setsar=1";
    run(source, info, at, filter, jpg, "3");
    if (!isNonEmpty(jpg)) {
      run(source, info, 0, filter, jpg, "3"); // a seek past the last key frame of a very short file
    }
    if (!isNonEmpty(jpg)) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "no frame could be decoded for the poster");
    }
  }

  /** Writes {@code storyboard.jpg} and {@code storyboard.vtt} into {@code dir}. */
  public Storyboard storyboard(Path source, SourceInfo info, Path dir) {
    requireVideo(info);
    double duration = info.durationSeconds();
    int interval = (int) Math.max(1, Math.ceil(duration / MAX_TILES));
    int tiles = (int) Math.max(1, Math.ceil(duration / interval));
    int columns = Math.min(COLUMNS, tiles);
    int rows = (tiles + columns - 1) / columns;
    int dw = info.video().displayWidth();
    int dh = info.video().displayHeight();
    int tileWidth = dw >= dh ? TILE_LONG_SIDE : even((double) TILE_LONG_SIDE * dw / dh);
    int tileHeight = dw >= dh ? even((double) TILE_LONG_SIDE * dh / dw) : TILE_LONG_SIDE;
    Path image = dir.resolve(STORYBOARD_IMAGE);
    // fps picks the frame nearest each interval start; tile lays them out row by row.
    String filter = String.format(Locale.ROOT, "fps=1/%d:round=down,scale=%d:%d,setsar=1,tile=%dx%d",
        interval, tileWidth, tileHeight, columns, rows);
    run(source, info, -1, filter, image, "5");
    if (!isNonEmpty(image)) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "no frames could be decoded for the storyboard");
    }
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < tiles; i++) {
      double start = (double) i * interval;
      double end = Math.min(duration, start + interval);
      vtt.append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
          .append(STORYBOARD_IMAGE).append("#xywh=")
          .append((i % columns) * tileWidth).append(',').append((i / columns) * tileHeight).append(',')
          .append(tileWidth).append(',').append(tileHeight).append('\n');
    }
    try {
      Files.writeString(dir.resolve(STORYBOARD_VTT), vtt.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "cannot write " + STORYBOARD_VTT + ": " + e.getMessage(), e);
    }
    return new Storyboard(STORYBOARD_IMAGE, STORYBOARD_VTT, tileWidth, tileHeight, columns, rows, tiles, interval);
  }

  private void run(Path source, SourceInfo info, double seekSeconds, String filter, Path jpg, String quality) {
    List<String> c = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
    if (seekSeconds > 0) {
      c.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", seekSeconds)));
    }
    c.addAll(MediaProber.decodeInput(source, info));
    c.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-vf", filter, "-frames:v", "1", "-q:v", quality,
        "-update", "1", "-f", "image2", "-c:v", "mjpeg", jpg.toString()));
    try {
      Files.createDirectories(jpg.toAbsolutePath().getParent());
      Files.deleteIfExists(jpg);
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "cannot write " + jpg + ": " + e.getMessage(), e);
    }
    FfmpegProcess.Result result = FfmpegProcess.run(tools, c, TIMEOUT, null);
    if (result.exitCode() != 0) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "ffmpeg failed writing " + jpg.getFileName() + ": " + result.lastErrorLine());
    }
  }

  private static void requireVideo(SourceInfo info) {
    if (!info.hasVideo()) {
      throw new IllegalArgumentException("an audio-only source has no poster or storyboard");
    }
  }

  private static boolean isNonEmpty(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int even(double value) {
    return Math.max(2, (int) Math.round(value / 2) * 2);
  }

  private static String timestamp(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
