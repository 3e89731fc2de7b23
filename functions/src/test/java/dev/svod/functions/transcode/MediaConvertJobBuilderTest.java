package dev.svod.functions.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.Json;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.EncodeOptions;
import dev.svod.media.LadderPlanner;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaConvertJobBuilderTest {

  private static TranscodeJob sampleJob() throws IOException {
    try (InputStream in = MediaConvertJobBuilderTest.class.getResourceAsStream("/events/workflow/mediaconvert-job.json")) {
      return Json.MAPPER.readValue(in, TranscodeJob.class);
    }
  }

  @Test
  void buildsOneCmafGroupPerRenditionFromThePlan() throws IOException {
    TranscodeJob job = sampleJob();
    var settings = new MediaConvertJobBuilder("svod-output", EncodeOptions.defaults())
        .settings(job, job.group().renditions());
    JsonNode json = Json.MAPPER.valueToTree(settings);

    assertThat(json.at("/Inputs/0/FileInput").asText())
        .isEqualTo("s3://svod-source/uploads/Xq3kR7vT2mNc8pLw1yZb0A/source");
    JsonNode group = json.at("/OutputGroups/0");
    assertThat(group.at("/OutputGroupSettings/CmafGroupSettings/Destination").asText())
        .isEqualTo("s3://svod-output/v/Xq3kR7vT2mNc8pLw1yZb0A/234p/index");
    assertThat(group.at("/OutputGroupSettings/CmafGroupSettings/SegmentLength").asInt()).isEqualTo(6);
    JsonNode h264 = group.at("/Outputs/0/VideoDescription/CodecSettings/H264Settings");
    assertThat(group.at("/Outputs/0/VideoDescription/Width").asInt()).isEqualTo(416);
    assertThat(h264.get("Bitrate").asInt()).isEqualTo(145_000);
    assertThat(h264.get("MaxBitrate").asInt()).isEqualTo(159_000);
    assertThat(h264.get("GopSize").asInt()).isEqualTo(2);
    assertThat(h264.get("SceneChangeDetect").asText()).isEqualTo("DISABLED");
    assertThat(h264.get("CodecProfile").asText()).isEqualTo("MAIN");
  }

  @Test
  void everyAudioRenditionReadsItsOwnSourceTrackAndCarriesItsLanguage() throws IOException {
    // Given the sample job's source with English, commentary and German audio tracks, planned as the
    // audio of the first group
    TranscodeJob sample = sampleJob();
    SourceInfo info = sample.sourceInfo();
    SourceInfo multi = new SourceInfo(info.container(), info.formatLongName(), info.durationSeconds(), info.sizeBytes(),
        info.bitRate(), info.video(), List.of(new SourceInfo.AudioStream(1, "aac", 2, 48000, "eng"),
            new SourceInfo.AudioStream(2, "aac", 2, 48000, "eng"), new SourceInfo.AudioStream(3, "ac3", 6, 48000, "ger")));
    List<RenditionSpec> audio = new LadderPlanner().plan(multi).stream().filter(r -> !r.isVideo()).toList();

    // When
    JsonNode json = Json.MAPPER.valueToTree(new MediaConvertJobBuilder("svod-output", EncodeOptions.defaults())
        .settings(sample, audio));

    // Then one selector per source track, the default's first
    JsonNode selectors = json.at("/Inputs/0/AudioSelectors");
    assertThat(selectors.at("/Audio Selector 1/Tracks/0").asInt()).isEqualTo(1);
    assertThat(selectors.at("/Audio Selector 1/DefaultSelection").asText()).isEqualTo("DEFAULT");
    assertThat(selectors.at("/Audio Selector 3/Tracks/0").asInt()).isEqualTo(3);
    assertThat(selectors.at("/Audio Selector 3/DefaultSelection").asText()).isEqualTo("NOT_DEFAULT");
    assertThat(selectors.size()).isEqualTo(2);
    // And each output reads its own selector, tagged with its language, in the one audio group
    JsonNode english = json.at("/OutputGroups/0");
    JsonNode german = json.at("/OutputGroups/1");
    assertThat(german.at("/OutputGroupSettings/CmafGroupSettings/Destination").asText())
        .isEqualTo("s3://svod-output/v/Xq3kR7vT2mNc8pLw1yZb0A/audio-deu/index");
    assertThat(english.at("/Outputs/0/AudioDescriptions/0/AudioSourceName").asText()).isEqualTo("Audio Selector 1");
    assertThat(german.at("/Outputs/0/AudioDescriptions/0/AudioSourceName").asText()).isEqualTo("Audio Selector 3");
    assertThat(english.at("/Outputs/0/AudioDescriptions/0/CustomLanguageCode").asText()).isEqualTo("eng");
    assertThat(german.at("/Outputs/0/AudioDescriptions/0/CustomLanguageCode").asText()).isEqualTo("deu");
    assertThat(german.at("/Outputs/0/AudioDescriptions/0/LanguageCodeControl").asText()).isEqualTo("USE_CONFIGURED");
    assertThat(english.at("/Outputs/0/ContainerSettings/CmfcSettings/AudioGroupId").asText()).isEqualTo("aac");
    assertThat(english.at("/Outputs/0/ContainerSettings/CmfcSettings/AudioTrackType").asText())
        .isEqualTo("ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT");
    assertThat(german.at("/Outputs/0/ContainerSettings/CmfcSettings/AudioTrackType").asText())
        .isEqualTo("ALTERNATE_AUDIO_AUTO_SELECT");
  }

  @Test
  void aVideoOnlyJobSelectsNoAudio() throws IOException {
    TranscodeJob job = sampleJob();

    JsonNode json = Json.MAPPER.valueToTree(new MediaConvertJobBuilder("svod-output", EncodeOptions.defaults())
        .settings(job, job.group().renditions()));

    assertThat(json.at("/Inputs/0").has("AudioSelectors")).isFalse();
  }

  @Test
  void keepsNtscFrameRatesExact() {
    assertThat(MediaConvertJobBuilder.frameRate(29.97)).containsExactly(30000, 1001);
    assertThat(MediaConvertJobBuilder.frameRate(23.976)).containsExactly(24000, 1001);
    assertThat(MediaConvertJobBuilder.frameRate(25)).containsExactly(25, 1);
    assertThat(MediaConvertJobBuilder.frameRate(12.5)).containsExactly(12500, 1000);
  }
}
