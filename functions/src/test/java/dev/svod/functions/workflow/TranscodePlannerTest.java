package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.TranscodeGrouping;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodePlannerTest {
  private static final List<RenditionSpec> LADDER = List.of(
      RenditionSpec.video("1080p", 1920, 1080, 30, 6000, 6600, 12000, "high"),
      RenditionSpec.video("720p", 1280, 720, 30, 3000, 3300, 6000, "high"),
      RenditionSpec.video("360p", 640, 360, 30, 730, 803, 1460, "main"),
      RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng"));
  /** A 10 s, 20 MB source: every group fits Fargate's smallest explicit storage. */
  private static final SourceInfo SOURCE = new SourceInfo("mov", "QuickTime / MOV", 10, 20_000_000, 16_000_000,
      null, List.of());

  @Test
  void perRenditionSchedulesAudioAndTheLowestRungFirst() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.PER_RENDITION, SOURCE);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("audio"), List.of("360p"), List.of("720p"), List.of("1080p"));
    assertThat(groups).extracting(TranscodeGroup::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void firstAndRestPutsTheCheapestPlayableRungWithAudioAlone() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.FIRST_AND_REST, SOURCE);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("360p", "audio"), List.of("720p", "1080p"));
  }

  @Test
  void singleEncodesTheWholeLadderInOneGroup() {
    List<TranscodeGroup> groups = TranscodePlanner.group(LADDER, TranscodeGrouping.SINGLE, SOURCE);
    assertThat(groups).extracting(TranscodeGroup::names)
        .containsExactly(List.of("360p", "720p", "1080p", "audio"));
  }

  @Test
  void audioOnlyAndSilentSourcesGetOneGroupEach() {
    assertThat(TranscodePlanner.group(List.of(LADDER.get(3)), TranscodeGrouping.FIRST_AND_REST, SOURCE))
        .extracting(TranscodeGroup::names).containsExactly(List.of("audio"));
    assertThat(TranscodePlanner.group(LADDER.subList(2, 3), TranscodeGrouping.FIRST_AND_REST, SOURCE))
        .extracting(TranscodeGroup::names).containsExactly(List.of("360p"));
  }

  @Test
  void perRenditionPutsFurtherLanguagesAfterTheFirstPlayablePair() {
    // Given a ladder with a German track besides the default audio
    List<RenditionSpec> ladder = new ArrayList<>(LADDER);
    ladder.add(RenditionSpec.audio("audio-deu", 128, 2, 48000, 1, "deu"));

    // When / Then the default audio and the lowest rung come first: they make the video playable
    assertThat(TranscodePlanner.group(ladder, TranscodeGrouping.PER_RENDITION, SOURCE))
        .extracting(TranscodeGroup::names)
        .containsExactly(List.of("audio"), List.of("360p"), List.of("audio-deu"), List.of("720p"), List.of("1080p"));
  }

  @Test
  void sizesEachGroupsTaskForItsPixelRate() {
    // Given the 234p rung of a 1080p ladder, the audio, and the top rungs
    RenditionSpec lowest = RenditionSpec.video("234p", 416, 234, 30, 145, 159, 290, "main");
    List<RenditionSpec> ladder = List.of(LADDER.get(0), LADDER.get(1), lowest, LADDER.get(3));

    // When grouped per rendition and first-and-rest
    List<TranscodeGroup> perRendition = TranscodePlanner.group(ladder, TranscodeGrouping.PER_RENDITION, SOURCE);
    List<TranscodeGroup> firstAndRest = TranscodePlanner.group(ladder, TranscodeGrouping.FIRST_AND_REST, SOURCE);

    // Then audio alone gets the smallest task, the lowest rung 1 vCPU, 720p 2 and 1080p 4 vCPU
    assertThat(perRendition).extracting(TranscodeGroup::taskSize).containsExactly(
        new TaskSize(512, 1024, 21), new TaskSize(1024, 2048, 21), new TaskSize(2048, 4096, 21),
        new TaskSize(4096, 8192, 21));
    // and the group sharing one decode for 720p + 1080p (90 Mpx/s) the largest
    assertThat(firstAndRest).extracting(TranscodeGroup::taskSize)
        .containsExactly(new TaskSize(1024, 2048, 21), new TaskSize(8192, 16384, 21));
  }

  @Test
  void aGroupBeyondTheLargestSizeStillGetsTheLargest() {
    RenditionSpec uhd60 = RenditionSpec.video("2160p", 3840, 2160, 60, 16000, 17600, 32000, "high");

    assertThat(TranscodePlanner.group(List.of(uhd60, LADDER.get(0)), TranscodeGrouping.SINGLE, SOURCE))
        .singleElement().extracting(TranscodeGroup::taskSize).extracting(TaskSize::cpu)
        .isEqualTo(TaskSize.VIDEO.getLast().cpu());
  }
}
