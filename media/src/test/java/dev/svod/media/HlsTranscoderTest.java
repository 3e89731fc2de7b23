package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsTranscoderTest {

  @Test
  void singleDecodeSplitsOneDecodedStreamIntoEveryVideoRendition() {
    var source = new SourceInfo("mov", "mov", 10, 1, 1,
        new SourceInfo.VideoStream(0, "h264", null, 1920, 1080, 1920, 1080, 0, 29.97, "yuv420p", 8, null, false), List.of());
    List<RenditionSpec> ladder = new LadderPlanner().plan(source).subList(1, 3);

    String graph = HlsTranscoder.filterGraph(source, ladder);

    assertThat(graph).isEqualTo("[0:v:0]fps=30000/1001,split=2[s0][s1]"
        + ";[s0]scale=1280:720:flags=bicubic,setsar=1,format=yuv420p[v0]"
        + ";[s1]scale=960:540:flags=bicubic,setsar=1,format=yuv420p[v1]");
  }

  @Test
  void encodeOptionsSurviveJson() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    EncodeOptions options = EncodeOptions.defaults().withPreset("fast").withParallelism(3);
    assertThat(json.readValue(json.writeValueAsString(options), EncodeOptions.class)).isEqualTo(options);
  }

  @Test
  void frameRatesAreExactRationals() {
    assertThat(HlsTranscoder.rational(29.97)).isEqualTo("30000/1001");
    assertThat(HlsTranscoder.rational(59.94)).isEqualTo("60000/1001");
    assertThat(HlsTranscoder.rational(25)).isEqualTo("25");
    assertThat(HlsTranscoder.rational(12.5)).isEqualTo("12.500");
  }

  @Test
  void progressLinesBecomeIncreasingPercents() {
    List<Integer> seen = new ArrayList<>();
    var parser = new HlsTranscoder.ProgressParser(10, seen::add);
    for (String line : List.of("frame=1", "out_time_us=N/A", "out_time_us=2500000", "progress=continue",
        "out_time_us=2500000", "out_time_us=9999999", "progress=end")) {
      parser.accept(line);
    }
    assertThat(seen).containsExactly(25, 99, 100);
  }
}
