package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsTranscoderIT {
  private static final EncodeOptions FAST = EncodeOptions.defaults().withPreset("ultrafast");

  private final MediaProber prober = new MediaProber();
  private final LadderPlanner planner = new LadderPlanner();
  private final HlsTranscoder transcoder = new HlsTranscoder();

  @TempDir Path out;

  @Test
  void doneWhen12SecondsOf720pWithAudioBecomeAppleConformantHls() throws Exception {
    // Given the clip: 12 s, 1280x720, 30 fps, with audio
    Path clip = TestMedia.clip(1280, 720, "30", 12, true);
    SourceInfo info = prober.probe(clip);
    List<RenditionSpec> ladder = planner.plan(info);
    List<Integer> progress = new CopyOnWriteArrayList<>();

    // When
    HlsTranscoder.Result result = transcoder.transcode(clip, info, ladder, out, EncodeMode.SINGLE_DECODE,
        EncodeOptions.defaults(), (names, percent) -> progress.add(percent));

    // Then: renditions 720p and below plus audio, every rule holds
    assertThat(result.renditions()).extracting(EncodedRendition::name)
        .containsExactly("720p", "540p", "360p", "234p", "audio");
    HlsVerifier verifier = new HlsVerifier(out);
    verifier.verifyAll();
    assertThat(verifier.master.variants()).hasSize(4);
    assertThat(verifier.master.iFrameVariants()).hasSize(4);
    assertThat(verifier.master.alternativeRenditions()).singleElement()
        .satisfies(a -> assertThat(a.language()).contains("und"));
    assertThat(Files.readString(out.resolve("master.m3u8")))
        .contains("CODECS=\"avc1.64001f,mp4a.40.2\"", "RESOLUTION=1280x720", "FRAME-RATE=30.0");
    // capped VBR lands near each target bit rate
    for (EncodedRendition r : result.renditions()) {
      RenditionSpec spec = ladder.stream().filter(s -> s.name().equals(r.name())).findFirst().orElseThrow();
      assertThat((double) r.averageBandwidth()).as(r.name())
          .isCloseTo(spec.bitrateKbps() * 1000.0, org.assertj.core.data.Percentage.withPercentage(15));
    }
    assertThat(progress).isNotEmpty().isSorted().endsWith(100);
  }

  @Test
  void perRenditionModeWritesTheSameLayoutAtNtscFrameRates() throws Exception {
    Path clip = TestMedia.clip(320, 180, "30000/1001", 8, true);
    SourceInfo info = prober.probe(clip);

    HlsTranscoder.Result result = transcoder.transcode(clip, info, planner.plan(info), out,
        EncodeMode.PER_RENDITION, FAST, ProgressListener.NONE);

    assertThat(result.renditions()).extracting(EncodedRendition::name).containsExactly("180p", "audio");
    assertThat(result.renditions().getFirst().frameRate()).isEqualTo(29.97);
    new HlsVerifier(out).verifyAll();
    for (String file : List.of("180p/index.m3u8", "180p/iframes.m3u8", "180p/init.mp4", "180p/seg_00001.m4s",
        "audio/index.m3u8", "audio/init.mp4", "audio/seg_00001.m4s", "master.m3u8")) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    assertThat(out.resolve("180p/.encoded.mp4")).doesNotExist();
  }

  @Test
  void encodesAnyGroupInOneProcessAndTheMasterCanBeRebuiltFromStoredDescriptors() throws Exception {
    // Given a 360p source whose ladder is 360p, 234p, audio
    Path clip = TestMedia.clip(640, 360, "25", 4, true);
    SourceInfo info = prober.probe(clip);
    List<RenditionSpec> ladder = planner.plan(info);
    assertThat(ladder).extracting(RenditionSpec::name).containsExactly("360p", "234p", "audio");

    // When two groups are encoded separately, as the workflow's tasks do
    List<EncodedRendition> done = new ArrayList<>();
    done.addAll(transcoder.encode(clip, info, List.of(ladder.get(1), ladder.get(2)), out, FAST, ProgressListener.NONE));
    assertThat(out.resolve("360p")).doesNotExist();
    done.addAll(transcoder.encode(clip, info, List.of(ladder.get(0)), out, FAST, ProgressListener.NONE));

    // Then descriptors that went through JSON are enough for the master playlist
    ObjectMapper json = new ObjectMapper();
    EncodedRendition[] stored = json.readValue(json.writeValueAsString(done), EncodedRendition[].class);
    new MasterPlaylistWriter().write(List.of(stored), out.resolve("master.m3u8"));
    new HlsVerifier(out).verifyAll();
  }

  @Test
  void reEncodingARenditionReplacesWhatAnEarlierAttemptLeft() throws Exception {
    Path clip = TestMedia.clip(320, 180, "30", 3, false);
    SourceInfo info = prober.probe(clip);
    Path stale = Files.createDirectories(out.resolve("180p")).resolve("seg_00042.m4s");
    Files.writeString(stale, "left over by a failed attempt");

    transcoder.encode(clip, info, planner.plan(info), out, FAST, ProgressListener.NONE);

    assertThat(stale).doesNotExist();
    assertThat(out.resolve("180p/seg_00001.m4s")).isNotEmptyFile();
  }

  @Test
  void silentVideoHasNoAudioGroup() throws Exception {
    Path clip = TestMedia.clip(320, 180, "30", 3, false);
    SourceInfo info = prober.probe(clip);

    transcoder.transcode(clip, info, planner.plan(info), out, EncodeMode.SINGLE_DECODE, FAST, ProgressListener.NONE);

    HlsVerifier verifier = new HlsVerifier(out);
    assertThat(verifier.master.alternativeRenditions()).isEmpty();
    assertThat(verifier.master.variants()).singleElement().satisfies(v -> assertThat(v.audio()).isEmpty());
    verifier.verifyAll();
  }

  @Test
  void rotatedPhoneVideoIsEncodedUpright() throws Exception {
    Path clip = TestMedia.rotated(TestMedia.clip(320, 180, "30", 3, false));
    SourceInfo info = prober.probe(clip);

    transcoder.transcode(clip, info, planner.plan(info), out, EncodeMode.SINGLE_DECODE, FAST, ProgressListener.NONE);

    assertThat(Files.readString(out.resolve("master.m3u8"))).contains("RESOLUTION=180x320");
    new HlsVerifier(out).verifyAll();
  }

  @Test
  void hdrSourceIsToneMappedTo8BitSdr() throws Exception {
    Path clip = TestMedia.hdr(320, 180, 3);
    SourceInfo info = prober.probe(clip);
    assertThat(info.video().hdr()).isTrue();
    assertThat(info.video().bitDepth()).isEqualTo(10);

    transcoder.transcode(clip, info, planner.plan(info), out, EncodeMode.SINGLE_DECODE, FAST, ProgressListener.NONE);

    var stream = HlsVerifier.ffprobe(out.resolve("180p/init.mp4"), out.resolve("180p/seg_00001.m4s"), 0,
        Files.size(out.resolve("180p/seg_00001.m4s")), "stream=pix_fmt,color_transfer").path("streams").get(0);
    assertThat(stream.path("pix_fmt").asText()).isEqualTo("yuv420p");
    assertThat(stream.path("color_transfer").asText()).isNotEqualTo("smpte2084");
    new HlsVerifier(out).verifyAll();
  }

  @Test
  void audioOnlySourceBecomesAudioOnlyHls() throws Exception {
    Path tone = TestMedia.audioOnly(7, "fra");
    SourceInfo info = prober.probe(tone);

    HlsTranscoder.Result result = transcoder.transcode(tone, info, planner.plan(info), out,
        EncodeMode.SINGLE_DECODE, FAST, ProgressListener.NONE);

    assertThat(result.renditions()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("audio");
      assertThat(r.codecs()).isEqualTo("mp4a.40.2");
      assertThat(r.language()).isEqualTo("fra");
    });
    var master = new MasterPlaylistParser().readPlaylist(Files.readString(out.resolve("master.m3u8")));
    assertThat(master.variants()).singleElement().satisfies(v -> assertThat(v.uri()).isEqualTo("audio/index.m3u8"));
    new HlsVerifier(out).verifyAll();
  }

  @Test
  void everyLanguageOfTheSourceBecomesAnAudioRenditionEncodedFromItsOwnStream() throws Exception {
    // Given a clip with English 440 Hz, untagged 550 Hz and German 880 Hz audio streams
    Path clip = TestMedia.multiAudio(4);
    SourceInfo info = prober.probe(clip);
    List<RenditionSpec> ladder = planner.plan(info);
    assertThat(ladder).extracting(RenditionSpec::name).containsExactly("180p", "audio", "audio-deu");

    // When the whole ladder is encoded by one FFmpeg process
    HlsTranscoder.Result result = transcoder.transcode(clip, info, ladder, out, EncodeMode.SINGLE_DECODE, FAST,
        ProgressListener.NONE);

    // Then each audio rendition is AAC-LC holding its own source stream's tone
    assertThat(result.renditions()).filteredOn(r -> !r.isVideo())
        .extracting(r -> r.name() + ":" + r.language() + ":" + r.codecs())
        .containsExactly("audio:eng:mp4a.40.2", "audio-deu:deu:mp4a.40.2");
    assertThat(HlsVerifier.toneFrequency(out.resolve("audio"))).isCloseTo(440, org.assertj.core.data.Offset.offset(10.0));
    assertThat(HlsVerifier.toneFrequency(out.resolve("audio-deu"))).isCloseTo(880, org.assertj.core.data.Offset.offset(10.0));
    Path germanSegment = out.resolve("audio-deu/seg_00001.m4s");
    assertThat(HlsVerifier.ffprobe(out.resolve("audio-deu/init.mp4"), germanSegment, 0, Files.size(germanSegment),
        "stream_tags=language").at("/streams/0/tags/language").asText()).isEqualTo("deu");
    // And the master offers both languages, English by default
    HlsVerifier verifier = new HlsVerifier(out);
    assertThat(verifier.master.alternativeRenditions())
        .extracting(a -> a.language().orElseThrow() + "|" + a.name() + "|" + a.defaultRendition().orElse(false))
        .containsExactly("en|English|true", "de|Deutsch|false");
    verifier.verifyAll();
  }

  @Test
  void audioOnlySourceWithSeveralLanguagesIsEncodedPerRendition() throws Exception {
    // Given the audio streams of the multi-language clip as an audio-only source
    SourceInfo probed = prober.probe(TestMedia.multiAudio(4));
    SourceInfo info = new SourceInfo(probed.container(), probed.formatLongName(), probed.durationSeconds(),
        probed.sizeBytes(), probed.bitRate(), null, probed.audio());

    // When each rendition gets its own FFmpeg process
    transcoder.transcode(TestMedia.multiAudio(4), info, planner.plan(info), out, EncodeMode.PER_RENDITION, FAST,
        ProgressListener.NONE);

    // Then one audio-only variant with German as the alternative, each from its own stream
    HlsVerifier verifier = new HlsVerifier(out);
    assertThat(verifier.master.variants()).singleElement().satisfies(v -> assertThat(v.uri()).isEqualTo("audio/index.m3u8"));
    assertThat(verifier.master.alternativeRenditions()).extracting(a -> a.uri().orElse("in variant"))
        .containsExactly("in variant", "audio-deu/index.m3u8");
    assertThat(HlsVerifier.toneFrequency(out.resolve("audio-deu"))).isCloseTo(880, org.assertj.core.data.Offset.offset(10.0));
    verifier.verifyAll();
  }

  @Test
  void truncatedSourceWhoseHeaderSurvivedFailsAsUnreadable() throws Exception {
    // Given a "fast start" MP4 (header first) cut in half: the probe still sees the full duration
    Path clip = TestMedia.fastStart(TestMedia.clip(320, 180, "30", 6, true));
    byte[] bytes = Files.readAllBytes(clip);
    Path cut = Files.write(out.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    SourceInfo info = prober.probe(cut);

    // When / Then
    assertThatThrownBy(() -> transcoder.encode(cut, info, planner.plan(info), out.resolve("hls"), FAST, ProgressListener.NONE))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo(MediaErrorCode.UNREADABLE_SOURCE));
  }

  @Test
  void ffmpegFailureIsATypedEncodeError() {
    Path clip = TestMedia.clip(320, 180, "30", 3, true);
    SourceInfo info = prober.probe(clip);
    RenditionSpec missingStream = RenditionSpec.audio("audio", 128, 2, 48000, 5, "und");

    assertThatThrownBy(() -> transcoder.encode(clip, info, List.of(missingStream), out, FAST, ProgressListener.NONE))
        .isInstanceOfSatisfying(MediaException.class, e -> {
          assertThat(e.code()).isEqualTo(MediaErrorCode.ENCODE_FAILED);
          assertThat(e.reason()).contains("audio").doesNotContain("\n");
        });
  }
}
