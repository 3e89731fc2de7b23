package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.TranscodeGrouping;
import dev.svod.media.RenditionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodePlannerTest {
  private static final List<RenditionSpec> LADDER = List.of(
      RenditionSpec.video("1080p", 1920, 1080, 30, 6000, 6600, 12000, "high"),
      RenditionSpec.video("720p", 1280, 720, 30, 3000, 3300, 6000, "high"),
      RenditionSpec.video("360p", 640, 360, 30, 730, 803, 1460, "main"),
      RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng"));

  @Test
  void perRenditionSchedulesAudioAndTheLowestRungFirst() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.PER_RENDITION);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("audio"), List.of("360p"), List.of("720p"), List.of("1080p"));
    assertThat(groups).extracting(TranscodeGroup::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void firstAndRestPutsTheCheapestPlayableRungWithAudioAlone() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.FIRST_AND_REST);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("360p", "audio"), List.of("720p", "1080p"));
  }

  @Test
  void singleEncodesTheWholeLadderInOneGroup() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.SINGLE);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("360p", "720p", "1080p", "audio"));
  }

  @Test
  void audioOnlyAndSilentSourcesGetOneGroupEach() {
    assertThat(TranscodePlanner.group(List.of(LADDER.get(3)), TranscodeGrouping.FIRST_AND_REST))
        .extracting(TranscodeGroup::names).containsExactly(List.of("audio"));
    assertThat(TranscodePlanner.group(LADDER.subList(2, 3), TranscodeGrouping.FIRST_AND_REST))
        .extracting(TranscodeGroup::names).containsExactly(List.of("360p"));
  }
}
