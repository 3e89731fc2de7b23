package dev.svod.media;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans the adaptive-bitrate ladder of a source after Apple's HLS authoring specification.
 *
 * <p>Rules: the default H.264 rungs are 1080p 6000k, 720p 3000k, 540p 2000k, 360p 730k and 234p
 * 145k, named by their short side. A rung is used only when the source's short side reaches it
 * (never upscale), except that a source within {@value #NEAR_RUNG_TOLERANCE_PERCENT}% below a rung
 * (1918x1078, 1280x718...) gets that rung at its own size rather than dropping to the next one down.
 * The display aspect ratio is kept with even dimensions; portrait and rotated sources ladder by their
 * short side. Frame rates up to 60 are kept (snapped to a broadcast rate within 1.5%, for variable
 * frame rate phone video), higher ones halved until they fit; bit rates grow
 * linearly up to 1.5x for 60 fps. A source smaller than the lowest rung gets one rung at its own
 * size.
 *
 * <p>Audio: one AAC-LC 128k (at most stereo) rendition per language of the source, at most {@value
 * #MAX_AUDIO_RENDITIONS}. The source's first audio stream is the default and keeps the name {@value
 * #DEFAULT_AUDIO} (and its directory); each further language is {@code audio-<ISO 639-2>} ({@code
 * audio-deu}). Only the first stream of each language is kept (a second English stream is usually
 * commentary, audio description or another mix of the same dialogue), and an untagged ({@code und})
 * stream only when it is the first one: viewers could not tell a second, unlabelled track from the
 * main one. A silent source has no audio rendition; an audio-only source gets only audio ones.
 */
public final class LadderPlanner {

  /** A rung of the default ladder: short side in pixels and bit rate for up to 30 fps. */
  public record Rung(int shortSide, int bitrateKbps) {}

  /** The default ladder, highest first. */
  public static final List<Rung> APPLE_H264 = List.of(
      new Rung(1080, 6000), new Rung(720, 3000), new Rung(540, 2000), new Rung(360, 730),
      new Rung(234, 145));

  /** Name (and output directory) of the default audio rendition, made from the source's first audio stream. */
  public static final String DEFAULT_AUDIO = "audio";
  /** At most this many audio renditions (languages) per video. */
  public static final int MAX_AUDIO_RENDITIONS = 8;

  static final int NEAR_RUNG_TOLERANCE_PERCENT = 5;
  private static final double MAX_FRAME_RATE = 60;
  private static final double DEFAULT_FRAME_RATE = 30;
  private static final double[] STANDARD_FRAME_RATES = {23.976, 24, 25, 29.97, 30, 47.952, 48, 50, 59.94, 60};
  private static final int AUDIO_BITRATE_KBPS = 128;
  private static final int MIN_VIDEO_BITRATE_KBPS = 64;

  private final List<Rung> rungs;

  /** A planner for the default Apple ladder. */
  public LadderPlanner() {
    this(APPLE_H264);
  }

  /** A planner for a custom ladder (rungs in any order). */
  public LadderPlanner(List<Rung> rungs) {
    this.rungs = rungs.stream()
        .sorted((a, b) -> Integer.compare(b.shortSide(), a.shortSide()))
        .toList();
    if (this.rungs.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one rung");
    }
  }

  /** The renditions for this source: video rungs highest first, then audio. */
  public List<RenditionSpec> plan(SourceInfo source) {
    List<RenditionSpec> ladder = new ArrayList<>();
    if (source.hasVideo()) {
      ladder.addAll(planVideo(source.video()));
    }
    ladder.addAll(planAudio(source.audio()));
    return List.copyOf(ladder);
  }

  /** One rendition per language, the first stream first; see the class comment for the rules. */
  private static List<RenditionSpec> planAudio(List<SourceInfo.AudioStream> streams) {
    List<RenditionSpec> audio = new ArrayList<>();
    Set<String> languages = new HashSet<>();
    for (int i = 0; i < streams.size() && audio.size() < MAX_AUDIO_RENDITIONS; i++) {
      SourceInfo.AudioStream stream = streams.get(i);
      String language = AudioLanguage.iso639(stream.language());
      boolean unlabelledExtra = i > 0 && AudioLanguage.UNDETERMINED.equals(language);
      if (unlabelledExtra || !languages.add(language)) {
        continue;
      }
      int channels = Math.max(1, Math.min(2, stream.channels()));
      int rate = stream.sampleRate() == 44_100 ? 44_100 : 48_000;
      String name = i == 0 ? DEFAULT_AUDIO : DEFAULT_AUDIO + "-" + language;
      audio.add(RenditionSpec.audio(name, AUDIO_BITRATE_KBPS, channels, rate, i, language));
    }
    return audio;
  }

  private List<RenditionSpec> planVideo(SourceInfo.VideoStream video) {
    int width = video.displayWidth();
    int height = video.displayHeight();
    boolean portrait = height > width;
    int shortSide = Math.min(width, height);
    int longSide = Math.max(width, height);
    double fps = outputFrameRate(video.frameRate());
    double fpsFactor = fps <= 30 ? 1.0 : Math.min(1.5, 1.0 + 0.5 * (fps - 30) / 30);

    List<RenditionSpec> ladder = new ArrayList<>();
    for (Rung rung : rungs) {
      int outShort;
      if (shortSide >= rung.shortSide()) {
        outShort = rung.shortSide();
      } else if (ladder.isEmpty()
          && shortSide * 100 >= rung.shortSide() * (100 - NEAR_RUNG_TOLERANCE_PERCENT)) {
        outShort = even(shortSide);
      } else {
        continue;
      }
      int outLong = Math.min(even(longSide), evenRound((double) outShort * longSide / shortSide));
      double pixelShare = (double) outShort * outLong / ((double) rung.shortSide() * rung.shortSide() * 16 / 9);
      int kbps = (int) Math.round(rung.bitrateKbps() * Math.min(1.0, pixelShare) * fpsFactor);
      ladder.add(videoRendition(rung.shortSide() + "p", portrait, outShort, outLong, fps, kbps));
    }
    if (ladder.isEmpty()) {
      // Below the lowest rung: one rendition at the source's own (even) size.
      Rung lowest = rungs.getLast();
      int outShort = Math.max(2, even(shortSide));
      int outLong = Math.max(2, even(longSide));
      double pixelShare = (double) outShort * outLong / ((double) lowest.shortSide() * lowest.shortSide() * 16 / 9);
      int kbps = Math.max(MIN_VIDEO_BITRATE_KBPS,
          (int) Math.round(lowest.bitrateKbps() * Math.min(1.0, pixelShare) * fpsFactor));
      ladder.add(videoRendition(outShort + "p", portrait, outShort, outLong, fps, kbps));
    }
    return ladder;
  }

  private static RenditionSpec videoRendition(
      String name, boolean portrait, int outShort, int outLong, double fps, int kbps) {
    int w = portrait ? outShort : outLong;
    int h = portrait ? outLong : outShort;
    // Capped VBR: peaks up to 110% of the target, one-second-ish VBV buffer of twice the target.
    String profile = outShort >= 540 ? "high" : "main";
    return RenditionSpec.video(name, w, h, fps, kbps, kbps * 11 / 10, kbps * 2, profile);
  }

  /**
   * The output frame rate: unknown becomes 30, above 60 is halved until it fits, and a rate within
   * 1.5% of a broadcast rate snaps to it (phones record variable frame rates averaging 29.9x).
   */
  static double outputFrameRate(double sourceFps) {
    if (!(sourceFps > 0) || Double.isInfinite(sourceFps)) {
      return DEFAULT_FRAME_RATE;
    }
    double fps = sourceFps;
    while (fps > MAX_FRAME_RATE * 1.015) {
      fps /= 2;
    }
    double nearest = fps;
    double bestDistance = Double.MAX_VALUE;
    for (double standard : STANDARD_FRAME_RATES) {
      double distance = Math.abs(fps - standard);
      if (distance <= standard * 0.015 && distance < bestDistance) {
        nearest = standard;
        bestDistance = distance;
      }
    }
    return Math.round(Math.min(nearest, MAX_FRAME_RATE) * 1000) / 1000.0;
  }

  private static int even(int value) {
    return value - (value % 2);
  }

  private static int evenRound(double value) {
    return Math.max(2, (int) Math.round(value / 2) * 2);
  }
}
