package dev.svod.functions.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.functions.Json;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.media.EncodeOptions;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MediaConvertJobBuilderTest {

  @Test
  void buildsOneCmafGroupPerRenditionFromThePlan() throws IOException {
    TranscodeJob job;
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/mediaconvert-job.json")) {
      job = Json.MAPPER.readValue(in, TranscodeJob.class);
    }
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
  void keepsNtscFrameRatesExact() {
    assertThat(MediaConvertJobBuilder.frameRate(29.97)).containsExactly(30000, 1001);
    assertThat(MediaConvertJobBuilder.frameRate(23.976)).containsExactly(24000, 1001);
    assertThat(MediaConvertJobBuilder.frameRate(25)).containsExactly(25, 1);
    assertThat(MediaConvertJobBuilder.frameRate(12.5)).containsExactly(12500, 1000);
  }
}
