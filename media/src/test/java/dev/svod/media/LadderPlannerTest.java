package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LadderPlannerTest {
  private final LadderPlanner planner = new LadderPlanner();

  private static SourceInfo video(int width, int height, int rotation, double fps, boolean audio) {
    int dw = rotation % 180 == 0 ? width : height;
    int dh = rotation % 180 == 0 ? height : width;
    var v = new SourceInfo.VideoStream(0, "h264", "High", width, height, dw, dh, rotation, fps, "yuv420p", 8, null, false);
    var a = audio ? List.of(new SourceInfo.AudioStream(1, "aac", 6, 48000, "eng")) : List.<SourceInfo.AudioStream>of();
    return new SourceInfo("mov", "QuickTime / MOV", 60, 1, 1, v, a);
  }

  private static String table(List<RenditionSpec> ladder) {
    return String.join(" ", ladder.stream()
        .map(r -> r.isVideo() ? r.name() + "=" + r.width() + "x" + r.height() + "@" + r.bitrateKbps() : r.name())
        .toList());
  }

  @ParameterizedTest(name = "{0}x{1} rot {2}")
  @CsvSource(delimiter = '|', value = {
    "3840|2160|0  |1080p=1920x1080@6000 720p=1280x720@3000 540p=960x540@2000 360p=640x360@730 234p=416x234@145 audio",
    "1920|1080|0  |1080p=1920x1080@6000 720p=1280x720@3000 540p=960x540@2000 360p=640x360@730 234p=416x234@145 audio",
    "1280|720 |0  |720p=1280x720@3000 540p=960x540@2000 360p=640x360@730 234p=416x234@145 audio",
    "854 |480 |0  |360p=640x360@730 234p=416x234@145 audio",
    "1918|1078|0  |1080p=1918x1078@5983 720p=1282x720@3000 540p=960x540@2000 360p=640x360@730 234p=416x234@145 audio",
    "1080|1920|0  |1080p=1080x1920@6000 720p=720x1280@3000 540p=540x960@2000 360p=360x640@730 234p=234x416@145 audio",
    "1920|1080|90 |1080p=1080x1920@6000 720p=720x1280@3000 540p=540x960@2000 360p=360x640@730 234p=234x416@145 audio",
    "160 |90  |0  |90p=160x90@64 audio",
  })
  void plansTheAppleLadderWithoutUpscaling(int width, int height, int rotation, String expected) {
    // Given a source of that size, When planning, Then the rungs are exactly these
    assertThat(table(planner.plan(video(width, height, rotation, 30, true)))).isEqualTo(expected);
  }

  @Test
  void everyVideoDimensionIsEvenAndKeepsTheDisplayAspectRatio() {
    for (int[] size : new int[][] {{1918, 1078}, {1440, 1080}, {720, 576}, {1000, 999}, {333, 241}}) {
      for (RenditionSpec r : planner.plan(video(size[0], size[1], 0, 30, false))) {
        assertThat(r.width() % 2).isZero();
        assertThat(r.height() % 2).isZero();
        assertThat((double) r.width() / r.height()).isCloseTo((double) size[0] / size[1], org.assertj.core.data.Offset.offset(0.02));
        assertThat(r.width()).isLessThanOrEqualTo(size[0]);
      }
    }
  }

  @ParameterizedTest(name = "{0} fps")
  @CsvSource({"25, 25, 3000", "29.97, 29.97, 3000", "29.87, 29.97, 3000", "50, 50, 4000", "60, 60, 4500",
      "120, 60, 4500", "119.88, 59.94, 4497", "0, 30, 3000", "15, 15, 3000"})
  void keepsFrameRatesUpTo60AndScalesBitrateForHighRates(double sourceFps, double outputFps, int kbps720) {
    List<RenditionSpec> ladder = planner.plan(video(1280, 720, 0, sourceFps, false));
    assertThat(ladder.getFirst().frameRate()).isEqualTo(outputFps);
    assertThat(ladder.getFirst().bitrateKbps()).isEqualTo(kbps720);
    assertThat(ladder.getFirst().maxBitrateKbps()).isGreaterThan(kbps720);
  }

  @Test
  void silentSourceHasNoAudioRendition() {
    assertThat(planner.plan(video(1280, 720, 0, 30, false))).noneMatch(r -> r.type() == RenditionType.AUDIO);
  }

  @Test
  void audioOnlySourceGetsOneStereoAacRendition() {
    var source = new SourceInfo("mov", "m4a", 30, 1, 1, null,
        List.of(new SourceInfo.AudioStream(0, "opus", 6, 96000, "fra")));
    assertThat(planner.plan(source)).containsExactly(RenditionSpec.audio("audio", 128, 2, 48000, 0, "fra"));
  }

  private static SourceInfo withAudio(String... languages) {
    List<SourceInfo.AudioStream> audio = new java.util.ArrayList<>();
    for (int i = 0; i < languages.length; i++) {
      audio.add(new SourceInfo.AudioStream(i + 1, "aac", 2, 48000, languages[i]));
    }
    var v = new SourceInfo.VideoStream(0, "h264", "High", 320, 180, 320, 180, 0, 25, "yuv420p", 8, null, false);
    return new SourceInfo("mov", "QuickTime / MOV", 60, 1, 1, v, audio);
  }

  private List<String> audioPlan(SourceInfo source) {
    return planner.plan(source).stream().filter(r -> !r.isVideo())
        .map(r -> r.name() + "#" + r.sourceAudioIndex() + ":" + r.language()).toList();
  }

  @Test
  void everyLanguageGetsItsOwnRenditionAndTheFirstStreamKeepsTheNameAudio() {
    // Given English, German (bibliographic code) and French streams
    SourceInfo source = withAudio("eng", "ger", "fra");

    // When / Then: one rendition each, named by ISO 639-2/T code, each reading its own stream
    assertThat(audioPlan(source)).containsExactly("audio#0:eng", "audio-deu#1:deu", "audio-fra#2:fra");
  }

  @Test
  void keepsOnlyTheFirstStreamOfEachLanguage() {
    // Given a second English stream (commentary) and a German one tagged two ways
    SourceInfo source = withAudio("eng", "eng", "deu", "ger", "en");

    assertThat(audioPlan(source)).containsExactly("audio#0:eng", "audio-deu#2:deu");
  }

  @Test
  void skipsUntaggedStreamsAfterTheFirstButKeepsAnUntaggedFirstStream() {
    assertThat(audioPlan(withAudio("eng", "und", null, "", "spa"))).containsExactly("audio#0:eng", "audio-spa#4:spa");
    assertThat(audioPlan(withAudio(null, "deu", "und"))).containsExactly("audio#0:und", "audio-deu#1:deu");
  }

  @Test
  void capsAudioAtEightLanguages() {
    // Given eleven languages
    SourceInfo source = withAudio("eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "swe", "jpn", "kor");

    // When
    List<RenditionSpec> audio = planner.plan(source).stream().filter(r -> !r.isVideo()).toList();

    // Then the first eight, with unique names
    assertThat(audio).hasSize(LadderPlanner.MAX_AUDIO_RENDITIONS);
    assertThat(audio).extracting(RenditionSpec::name).doesNotHaveDuplicates().endsWith("audio-pol");
  }

  @Test
  void aSingleAudioStreamPlansExactlyTheOneAudioRendition() {
    assertThat(planner.plan(withAudio("eng")).getLast()).isEqualTo(RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng"));
    assertThat(planner.plan(withAudio((String) null)).getLast()).isEqualTo(RenditionSpec.audio("audio", 128, 2, 48000, 0, "und"));
  }

  @Test
  void renditionSpecsSurviveJson() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    List<RenditionSpec> ladder = planner.plan(video(1920, 1080, 0, 30, true));
    String json = mapper.writeValueAsString(ladder);
    RenditionSpec[] back = mapper.readValue(json, RenditionSpec[].class);
    assertThat(back).containsExactlyElementsOf(ladder);
    assertThat(json).doesNotContain("\"video\":");
  }
}
