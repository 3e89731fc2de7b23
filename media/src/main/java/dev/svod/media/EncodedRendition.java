package dev.svod.media;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An encoded, packaged rendition with everything the multivariant playlist needs, measured from the
 * files that were written. Jackson-serialisable: the workflow stores it with a DONE rendition and
 * {@link MasterPlaylistWriter} rebuilds {@code master.m3u8} from stored descriptors alone.
 *
 * @param name rendition name, also its directory under the video's output ({@code 720p}, {@code audio})
 * @param type video or audio
 * @param uri media playlist relative to the master ({@code 720p/index.m3u8})
 * @param iFrameUri I-frame playlist relative to the master ({@code 720p/iframes.m3u8}), {@code null} for audio
 * @param width encoded width (0 for audio)
 * @param height encoded height (0 for audio)
 * @param frameRate encoded frames per second (0 for audio)
 * @param codecs RFC 6381 codec string read from the stream ({@code avc1.64001f}, {@code mp4a.40.2})
 * @param bandwidth peak segment bit rate in bit/s, measured
 * @param averageBandwidth average bit rate over all segments in bit/s, measured
 * @param iFrameBandwidth peak bit rate of the I-frame playlist in bit/s (0 for audio)
 * @param iFrameAverageBandwidth average bit rate of the I-frame playlist in bit/s (0 for audio)
 * @param language ISO 639-2 language of audio ({@code und} when unknown), {@code null} for video
 * @param channels audio channel count (0 for video)
 * @param durationSeconds total duration of the segments
 * @param segmentCount number of media segments
 * @param sizeBytes bytes written: init segment plus media segments
 */
public record EncodedRendition(
    String name,
    RenditionType type,
    String uri,
    String iFrameUri,
    int width,
    int height,
    double frameRate,
    String codecs,
    long bandwidth,
    long averageBandwidth,
    long iFrameBandwidth,
    long iFrameAverageBandwidth,
    String language,
    int channels,
    double durationSeconds,
    int segmentCount,
    long sizeBytes) {

  /** True for a video rendition. */
  @JsonIgnore
  public boolean isVideo() {
    return type == RenditionType.VIDEO;
  }
}
