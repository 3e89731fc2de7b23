package dev.svod.media;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One rendition to encode, as planned by {@link LadderPlanner}. Jackson-serialisable: the workflow
 * passes groups of these to the transcode tasks.
 *
 * @param name rendition name and output directory ({@code 1080p}, {@code 720p}, ..., {@code audio} for the
 *     default audio, {@code audio-deu} for a further language)
 * @param type video or audio
 * @param width output width in pixels (even), 0 for audio
 * @param height output height in pixels (even), 0 for audio
 * @param frameRate output frames per second, 0 for audio
 * @param bitrateKbps target (average) bit rate of the encoded stream
 * @param maxBitrateKbps capped-VBR ceiling ({@code -maxrate})
 * @param bufferKbps VBV buffer size ({@code -bufsize})
 * @param profile H.264 profile ({@code high}, {@code main}), or {@code null} for audio
 * @param audioChannels output channels (audio only)
 * @param audioSampleRate output sample rate (audio only)
 * @param sourceAudioIndex which audio stream of the source (0 = first audio stream), audio only
 * @param language ISO 639-2/T language of the audio ({@code und} when unknown), audio only
 */
public record RenditionSpec(
    String name,
    RenditionType type,
    int width,
    int height,
    double frameRate,
    int bitrateKbps,
    int maxBitrateKbps,
    int bufferKbps,
    String profile,
    int audioChannels,
    int audioSampleRate,
    int sourceAudioIndex,
    String language) {

  /** A video rendition. */
  public static RenditionSpec video(
      String name, int width, int height, double frameRate, int bitrateKbps, int maxBitrateKbps,
      int bufferKbps, String profile) {
    return new RenditionSpec(name, RenditionType.VIDEO, width, height, frameRate, bitrateKbps,
        maxBitrateKbps, bufferKbps, profile, 0, 0, -1, null);
  }

  /** An AAC-LC audio rendition of the given source audio stream. */
  public static RenditionSpec audio(
      String name, int bitrateKbps, int channels, int sampleRate, int sourceAudioIndex, String language) {
    return new RenditionSpec(name, RenditionType.AUDIO, 0, 0, 0, bitrateKbps, bitrateKbps,
        bitrateKbps * 2, null, channels, sampleRate, sourceAudioIndex, language);
  }

  /** True for a video rendition. */
  @JsonIgnore
  public boolean isVideo() {
    return type == RenditionType.VIDEO;
  }
}
