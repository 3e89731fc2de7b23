package dev.svod.functions.workflow;

import static dev.svod.functions.workflow.TaskSizeTest.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.TranscodeGrouping;
import dev.svod.media.LadderPlanner;
import dev.svod.media.SourceInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchSpaceTest {
  private static final SourceInfo.VideoStream HD = new SourceInfo.VideoStream(0, "h264", "High", 1920, 1080,
      1920, 1080, 0, 30, "yuv420p", 8, "bt709", false);

  @Test
  void refusesASourceTooLargeForALambdasDiskWithAReasonAndAWayOut() {
    // Given a 12 GiB, 40 min 1080p upload planned per rendition
    SourceInfo big = withVideo(source(12L << 30, 2400));
    List<TranscodeGroup> groups = plan(big);

    // When / Then the Lambda backend refuses it before anything is downloaded
    assertThatThrownBy(() -> ScratchSpace.requireRoom(big, groups, TranscodeBackend.LAMBDA))
        .isInstanceOf(BadSourceException.class)
        .hasMessageStartingWith("LIMIT_EXCEEDED")
        .hasMessageContaining("12.0 GiB, 40 min source needs 17.7 GiB", "the lambda backend has 10 GiB",
            "container or MediaConvert backend");
    // while a Fargate task gets the disk it needs, and MediaConvert needs none
    assertThatCode(() -> ScratchSpace.requireRoom(big, groups, TranscodeBackend.CONTAINER)).doesNotThrowAnyException();
    assertThatCode(() -> ScratchSpace.requireRoom(big, groups, TranscodeBackend.MEDIACONVERT)).doesNotThrowAnyException();
    assertThat(groups).extracting(g -> g.taskSize().storageGiB()).containsOnly(TaskSize.MIN_STORAGE_GIB);
  }

  @Test
  void refusesASourceBeyondTheLargestFargateDisk() {
    SourceInfo huge = withVideo(source(190L << 30, 6 * 3600));

    assertThatThrownBy(() -> ScratchSpace.requireRoom(huge, plan(huge), TranscodeBackend.CONTAINER))
        .isInstanceOf(BadSourceException.class)
        .hasMessageContaining("the container backend has 200 GiB", "split the source");
  }

  @Test
  void aShortSourceFitsEveryBackend() {
    SourceInfo clip = withVideo(source(50_000_000, 60));

    for (TranscodeBackend backend : TranscodeBackend.values()) {
      assertThatCode(() -> ScratchSpace.requireRoom(clip, plan(clip), backend)).doesNotThrowAnyException();
    }
  }

  private static List<TranscodeGroup> plan(SourceInfo source) {
    return TranscodePlanner.group(new LadderPlanner().plan(source), TranscodeGrouping.PER_RENDITION, source);
  }

  private static SourceInfo withVideo(SourceInfo source) {
    return new SourceInfo(source.container(), source.formatLongName(), source.durationSeconds(), source.sizeBytes(),
        source.bitRate(), HD, List.of());
  }
}
