package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.Json;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskSizeTest {

  @Test
  void everySizeUsedIsAFargateCombination() {
    assertThat(TaskSize.VIDEO)
        .allSatisfy(size -> assertThat(TaskSize.isFargate(size.cpu(), size.memoryMiB())).isTrue());
    assertThat(TaskSize.isFargate(TaskSize.AUDIO.cpu(), TaskSize.AUDIO.memoryMiB())).isTrue();
    assertThat(TaskSize.VIDEO).isSortedAccordingTo(Comparator.comparingInt(TaskSize::cpu));
  }

  @Test
  void knowsTheFargateTable() {
    assertThat(TaskSize.isFargate(256, 2048)).isTrue();
    assertThat(TaskSize.isFargate(4096, 30720)).isTrue();
    assertThat(TaskSize.isFargate(8192, 20480)).isTrue();
    assertThat(TaskSize.isFargate(16384, 122880)).isTrue();
    assertThat(TaskSize.isFargate(256, 4096)).isFalse();
    assertThat(TaskSize.isFargate(1024, 1024)).isFalse();
    assertThat(TaskSize.isFargate(8192, 18432)).isFalse(); // 8 vCPU: 4 GiB steps
    assertThat(TaskSize.isFargate(3072, 8192)).isFalse();
  }

  @Test
  void rejectsASizeFargateWouldRefuse() {
    assertThatThrownBy(() -> new TaskSize(1024, 16384, 21)).hasMessageContaining("not a Fargate task size");
    assertThatThrownBy(() -> new TaskSize(1024, 2048, 20)).hasMessageContaining("ephemeral storage");
    assertThatThrownBy(() -> new TaskSize(1024, 2048, 201)).hasMessageContaining("ephemeral storage");
  }

  @Test
  void travelsAsJsonWithTheGroupAndIsFilledInForAGroupWithoutOne() {
    List<RenditionSpec> audio = List.of(RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng"));
    TranscodeGroup group = new TranscodeGroup(0, audio, TaskSize.forRenditions(audio));

    String json = Json.write(group);
    assertThat(json).contains("\"taskSize\":{\"cpu\":512,\"memoryMiB\":1024,\"storageGiB\":50}");
    assertThat(Json.read(json, TranscodeGroup.class)).isEqualTo(group);
    assertThat(Json.read(json.replaceAll(",\"taskSize\":\\{[^}]*}", ""), TranscodeGroup.class).taskSize())
        .isEqualTo(TaskSize.AUDIO);
  }

  @Test
  void storageHoldsTheSourceAndTwiceTheGroupsOutputPlusAMargin() {
    // Given a 45 GiB, two-hour source and its 1080p rung (6600 kbit/s at most: 5.53 GiB in 2 h)
    SourceInfo film = source(45L << 30, 7200);
    RenditionSpec top = RenditionSpec.video("1080p", 1920, 1080, 30, 6000, 6600, 12000, "high");

    // When / Then 45 + 2 x 5.53 + 2 = 58.1 GiB, rounded up
    assertThat(TaskSize.forGroup(List.of(top), film).storageGiB()).isEqualTo(59);
    // and a small source gets the least that can be asked for
    assertThat(TaskSize.forGroup(List.of(top), source(20_000_000, 10)).storageGiB()).isEqualTo(TaskSize.MIN_STORAGE_GIB);
  }

  @Test
  void theLowestRungOfA4k60SourceGetsTheCoresToDecodeIt() {
    // Given the 234p rung (3 Mpx/s to encode) of a 1080p30 and of a 2160p60 source
    RenditionSpec lowest = RenditionSpec.video("234p", 416, 234, 30, 145, 159, 290, "main");

    // When / Then decoding 1080p30 still fits one vCPU, decoding 4K60 (0.25 x 498 Mpx/s) takes eight
    assertThat(TaskSize.forGroup(List.of(lowest), video(1920, 1080, 30)).cpu()).isEqualTo(1024);
    assertThat(TaskSize.forGroup(List.of(lowest), video(3840, 2160, 60)).cpu()).isEqualTo(8192);
    // and the 1080p rung of a 1080p source (62 Mpx/s + its decode) keeps 4 vCPU
    RenditionSpec top = RenditionSpec.video("1080p", 1920, 1080, 30, 6000, 6600, 12000, "high");
    assertThat(TaskSize.forGroup(List.of(top), video(1920, 1080, 30)).cpu()).isEqualTo(4096);
  }

  @Test
  void aTenBitHevc4kSourceGetsMoreCoresThanTheSameH264Source() {
    // Given the 234p rung (3 Mpx/s) of a 2160p24 source (199 Mpx/s to decode)
    RenditionSpec lowest = RenditionSpec.video("234p", 416, 234, 30, 145, 159, 290, "main");

    // When / Then as 8-bit H.264 (0.25 x 199 + 3 = 53 units) it fits 4 vCPU; as 10-bit HEVC, which
    // decodes 1.8 times slower (0.25 x 1.8 x 199 + 3 = 93 units), it needs 8
    assertThat(TaskSize.forGroup(List.of(lowest), video(3840, 2160, 24)).cpu()).isEqualTo(4096);
    assertThat(TaskSize.forGroup(List.of(lowest), video("hevc", 10, "yuv420p10le", 3840, 2160, 24)).cpu())
        .isEqualTo(8192);
  }

  @ParameterizedTest(name = "{0} {1}-bit {2}: {3} CPU units")
  @CsvSource({
      "mpeg2video, 8, yuv420p, 1024",
      "h264, 8, yuv420p, 2048",
      "h264, 10, yuv420p10le, 4096",
      "hevc, 8, yuv420p, 4096",
      "prores, 10, yuv422p10le, 4096",
      "prores, 12, yuv444p12le, 8192",
      "vc1, 8, yuv420p, 4096"})
  void weighsTheSourceDecodeByItsCodecAndBitDepth(String codec, int bitDepth, String pixelFormat, int cpu) {
    // Given the 234p rung (3 Mpx/s) of a 1080p60 source: 31 units of decode as 8-bit H.264
    RenditionSpec lowest = RenditionSpec.video("234p", 416, 234, 30, 145, 159, 290, "main");

    // When / Then MPEG-2 (0.3) fits 1 vCPU, H.264 (1.0) 2, a slower or unknown codec (2.0) takes 4 and
    // ProRes 4444 (3.8) 8
    assertThat(TaskSize.forGroup(List.of(lowest), video(codec, bitDepth, pixelFormat, 1920, 1080, 60)).cpu())
        .isEqualTo(cpu);
  }

  private static SourceInfo video(int width, int height, double fps) {
    return video("h264", 8, "yuv420p", width, height, fps);
  }

  private static SourceInfo video(String codec, int bitDepth, String pixelFormat, int width, int height, double fps) {
    return new SourceInfo("mov", "QuickTime / MOV", 60, 100_000_000, 13_000_000, new SourceInfo.VideoStream(0,
        codec, null, width, height, width, height, 0, fps, pixelFormat, bitDepth, "bt709", false), List.of());
  }

  static SourceInfo source(long sizeBytes, double seconds) {
    return new SourceInfo("mov", "QuickTime / MOV", seconds, sizeBytes, sizeBytes * 8 / (long) seconds, null, List.of());
  }
}
