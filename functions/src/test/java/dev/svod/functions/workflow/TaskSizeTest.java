package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.Json;
import dev.svod.media.RenditionSpec;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    assertThatThrownBy(() -> new TaskSize(1024, 16384)).hasMessageContaining("not a Fargate task size");
  }

  @Test
  void travelsAsJsonWithTheGroupAndIsFilledInForAGroupWithoutOne() {
    TranscodeGroup group = new TranscodeGroup(0, List.of(RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng")));

    String json = Json.write(group);
    assertThat(json).contains("\"taskSize\":{\"cpu\":512,\"memoryMiB\":1024}");
    assertThat(Json.read(json, TranscodeGroup.class)).isEqualTo(group);
    assertThat(Json.read(json.replaceAll(",\"taskSize\":\\{[^}]*}", ""), TranscodeGroup.class).taskSize())
        .isEqualTo(TaskSize.AUDIO);
  }
}
