package dev.svod.functions.transcode;

import dev.svod.functions.video.VideoService;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.AudioLanguage;
import dev.svod.media.EncodeOptions;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MasterPlaylistWriter;
import dev.svod.media.RenditionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds AWS Elemental MediaConvert {@code CreateJob} settings (the API's JSON shape, which the
 * {@code mediaconvert:createJob.sync} task passes through) from the same rendition plan the FFmpeg
 * backends encode: H.264 capped VBR at the planned size, bit rate, VBV buffer and profile, IDR every
 * {@link EncodeOptions#keyFrameSeconds()} without scene-cut key frames, AAC-LC audio, CMAF (fMP4)
 * HLS segments of {@link EncodeOptions#segmentSeconds()}, one output group per rendition under
 * {@code v/{videoId}/{rendition}/}.
 *
 * <p>MediaConvert names its files itself ({@value #PLAYLIST_BASE}{@value #NAME_MODIFIER}.m3u8 and
 * numbered {@code .cmfv}/{@code .cmfa} segments beside its own group playlist {@value #PLAYLIST_BASE}.m3u8);
 * the publish step measures them and the project still writes the one multivariant playlist.
 *
 * <p>Each audio rendition reads its own source stream through an audio selector of its own ({@code
 * Tracks}: the 1-based position among the source's audio tracks, {@code sourceAudioIndex + 1}) and
 * carries its ISO 639-2 language ({@code CustomLanguageCode}) and the {@value
 * MasterPlaylistWriter#AUDIO_GROUP} rendition group, default only for {@link LadderPlanner#DEFAULT_AUDIO}.
 */
public final class MediaConvertJobBuilder {
  /** Base name of MediaConvert's files in a rendition's directory. */
  public static final String PLAYLIST_BASE = "index";
  /** Suffix MediaConvert appends to the base name for the rendition's media playlist and segments. */
  public static final String NAME_MODIFIER = "_media";

  private final String outputBucket;
  private final EncodeOptions options;

  public MediaConvertJobBuilder(String outputBucket, EncodeOptions options) {
    this.outputBucket = outputBucket;
    this.options = options;
  }

  /** The media playlist MediaConvert writes for a rendition, relative to the video's directory. */
  public static String mediaPlaylist(String rendition) {
    return rendition + "/" + PLAYLIST_BASE + NAME_MODIFIER + ".m3u8";
  }

  /** Settings encoding {@code renditions} (a subset of the job's group) from the job's source. */
  public Map<String, Object> settings(TranscodeJob job, List<RenditionSpec> renditions) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("FileInput", "s3://" + job.source().bucket() + "/" + job.source().key());
    input.put("TimecodeSource", "ZEROBASED");
    input.put("VideoSelector", Map.of());
    Map<String, Object> audioSelectors = new LinkedHashMap<>();
    for (RenditionSpec spec : renditions) {
      if (!spec.isVideo()) {
        // The first selector is the job's default: MediaConvert falls back to it for outputs whose
        // own selector finds no audio.
        audioSelectors.putIfAbsent(audioSelector(spec), Map.of(
            "DefaultSelection", audioSelectors.isEmpty() ? "DEFAULT" : "NOT_DEFAULT",
            "SelectorType", "TRACK", "Tracks", List.of(audioTrack(spec))));
      }
    }
    if (!audioSelectors.isEmpty()) {
      input.put("AudioSelectors", audioSelectors);
    }
    List<Object> groups = new ArrayList<>();
    for (RenditionSpec spec : renditions) {
      groups.add(outputGroup(job.videoId(), spec));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("TimecodeConfig", Map.of("Source", "ZEROBASED"));
    settings.put("Inputs", List.of(input));
    settings.put("OutputGroups", groups);
    return settings;
  }

  private Map<String, Object> outputGroup(String videoId, RenditionSpec spec) {
    Map<String, Object> cmaf = new LinkedHashMap<>();
    cmaf.put("Destination", "s3://" + outputBucket + "/" + VideoService.outputPrefix(videoId) + spec.name() + "/"
        + PLAYLIST_BASE);
    cmaf.put("SegmentLength", options.segmentSeconds());
    cmaf.put("FragmentLength", options.keyFrameSeconds());
    cmaf.put("SegmentControl", "SEGMENTED_FILES");
    cmaf.put("WriteHlsManifest", "ENABLED");
    cmaf.put("WriteDashManifest", "DISABLED");
    cmaf.put("ManifestDurationFormat", "FLOATING_POINT");
    cmaf.put("CodecSpecification", "RFC_6381");
    cmaf.put("StreamInfResolution", "INCLUDE");
    cmaf.put("ClientCache", "ENABLED");
    cmaf.put("MinBufferTime", 2000);

    Map<String, Object> output = new LinkedHashMap<>();
    output.put("NameModifier", NAME_MODIFIER);
    if (spec.isVideo()) {
      output.put("ContainerSettings", Map.of("Container", "CMFC",
          "CmfcSettings", Map.of("IFrameOnlyManifest", "INCLUDE")));
      output.put("VideoDescription", video(spec));
    } else {
      output.put("ContainerSettings", Map.of("Container", "CMFC", "CmfcSettings", Map.of(
          "AudioGroupId", MasterPlaylistWriter.AUDIO_GROUP,
          "AudioTrackType", LadderPlanner.DEFAULT_AUDIO.equals(spec.name())
              ? "ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT" : "ALTERNATE_AUDIO_AUTO_SELECT")));
      output.put("AudioDescriptions", List.of(audio(spec)));
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("Name", spec.name());
    group.put("OutputGroupSettings", Map.of("Type", "CMAF_GROUP_SETTINGS", "CmafGroupSettings", cmaf));
    group.put("Outputs", List.of(output));
    return group;
  }

  private Map<String, Object> video(RenditionSpec spec) {
    long[] rate = frameRate(spec.frameRate());
    Map<String, Object> h264 = new LinkedHashMap<>();
    h264.put("RateControlMode", "VBR");
    h264.put("Bitrate", spec.bitrateKbps() * 1000);
    h264.put("MaxBitrate", spec.maxBitrateKbps() * 1000);
    h264.put("HrdBufferSize", spec.bufferKbps() * 1000);
    h264.put("CodecProfile", spec.profile() == null ? "MAIN" : spec.profile().toUpperCase(Locale.ROOT));
    h264.put("CodecLevel", "AUTO");
    h264.put("GopSize", options.keyFrameSeconds());
    h264.put("GopSizeUnits", "SECONDS");
    h264.put("GopClosedCadence", 1);
    h264.put("SceneChangeDetect", "DISABLED");
    h264.put("NumberBFramesBetweenReferenceFrames", 2);
    h264.put("FramerateControl", "SPECIFIED");
    h264.put("FramerateConversionAlgorithm", "DUPLICATE_DROP");
    h264.put("FramerateNumerator", rate[0]);
    h264.put("FramerateDenominator", rate[1]);
    h264.put("ParControl", "SPECIFIED");
    h264.put("ParNumerator", 1);
    h264.put("ParDenominator", 1);
    Map<String, Object> video = new LinkedHashMap<>();
    video.put("Width", spec.width());
    video.put("Height", spec.height());
    video.put("ScalingBehavior", "DEFAULT");
    video.put("CodecSettings", Map.of("Codec", "H_264", "H264Settings", h264));
    return video;
  }

  private static Map<String, Object> audio(RenditionSpec spec) {
    Map<String, Object> aac = new LinkedHashMap<>();
    aac.put("Bitrate", spec.bitrateKbps() * 1000);
    aac.put("CodingMode", spec.audioChannels() == 1 ? "CODING_MODE_1_0" : "CODING_MODE_2_0");
    aac.put("SampleRate", spec.audioSampleRate());
    aac.put("CodecProfile", "LC");
    aac.put("RateControlMode", "CBR");
    Map<String, Object> audio = new LinkedHashMap<>();
    audio.put("AudioSourceName", audioSelector(spec));
    audio.put("CodecSettings", Map.of("Codec", "AAC", "AacSettings", aac));
    String language = AudioLanguage.iso639(spec.language());
    if (!AudioLanguage.UNDETERMINED.equals(language)) {
      audio.put("LanguageCodeControl", "USE_CONFIGURED");
      audio.put("CustomLanguageCode", language);
    }
    return audio;
  }

  /** MediaConvert numbers a source's audio tracks from 1, in file order. */
  private static int audioTrack(RenditionSpec spec) {
    return Math.max(0, spec.sourceAudioIndex()) + 1;
  }

  private static String audioSelector(RenditionSpec spec) {
    return "Audio Selector " + audioTrack(spec);
  }

  /** Numerator and denominator: NTSC rates (29.97, 59.94, 23.976) exactly, others as integers/1000. */
  static long[] frameRate(double fps) {
    double ntsc = fps * 1001 / 1000;
    if (Math.abs(ntsc - Math.rint(ntsc)) < 0.01 && Math.abs(fps - Math.rint(fps)) > 0.01) {
      return new long[] {Math.round(ntsc) * 1000, 1001};
    }
    if (Math.abs(fps - Math.rint(fps)) < 0.001) {
      return new long[] {Math.round(fps), 1};
    }
    return new long[] {Math.round(fps * 1000), 1000};
  }
}
