package dev.svod.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What {@link MediaProber} found in a source file; Jackson-serialisable (it travels through the
 * workflow as JSON).
 *
 * @param container the demuxer FFmpeg detected (e.g. {@code mov}, {@code matroska}); decoding forces
 *     it with {@code -f} so FFmpeg cannot switch to another demuxer
 * @param formatLongName FFmpeg's long name of that container, for people
 * @param durationSeconds duration of the whole file
 * @param sizeBytes size of the file
 * @param bitRate overall bit rate in bit/s (0 when unknown)
 * @param video the first video stream, or {@code null} for an audio-only source
 * @param audio the audio streams in file order (empty when silent)
 */
public record SourceInfo(
    String container,
    String formatLongName,
    double durationSeconds,
    long sizeBytes,
    long bitRate,
    VideoStream video,
    List<AudioStream> audio) {

  public SourceInfo {
    audio = audio == null ? List.of() : List.copyOf(audio);
  }

  /** True when the source has a video stream. */
  @JsonIgnore
  public boolean hasVideo() {
    return video != null;
  }

  /** True when the source has at least one audio stream. */
  @JsonIgnore
  public boolean hasAudio() {
    return !audio.isEmpty();
  }

  /**
   * The video stream of a source.
   *
   * @param index stream index in the file
   * @param codec FFmpeg codec name ({@code h264}, {@code hevc}, {@code prores}...)
   * @param profile codec profile as FFmpeg names it ({@code High}, {@code Main 10}), or {@code null}
   * @param codedWidth width of the stored frames
   * @param codedHeight height of the stored frames
   * @param displayWidth width as shown: sample aspect ratio applied, then rotation
   * @param displayHeight height as shown: sample aspect ratio applied, then rotation
   * @param rotation clockwise rotation in degrees to apply for display (0, 90, 180, 270)
   * @param frameRate average frames per second (0 when unknown)
   * @param pixelFormat FFmpeg pixel format ({@code yuv420p}, {@code yuv420p10le}...)
   * @param bitDepth bits per sample of the luma plane
   * @param colorTransfer transfer characteristic ({@code bt709}, {@code smpte2084}, {@code arib-std-b67}), or {@code null}
   * @param hdr true for PQ ({@code smpte2084}) or HLG ({@code arib-std-b67}) transfer
   */
  public record VideoStream(
      int index,
      String codec,
      String profile,
      int codedWidth,
      int codedHeight,
      int displayWidth,
      int displayHeight,
      int rotation,
      double frameRate,
      String pixelFormat,
      int bitDepth,
      String colorTransfer,
      boolean hdr) {}

  /**
   * An audio stream of a source.
   *
   * @param index stream index in the file
   * @param codec FFmpeg codec name ({@code aac}, {@code opus}, {@code pcm_s16le}...)
   * @param channels channel count
   * @param sampleRate samples per second
   * @param language ISO 639-2 language tag, {@code und} when the file does not say
   */
  public record AudioStream(int index, String codec, int channels, int sampleRate, String language) {}
}
