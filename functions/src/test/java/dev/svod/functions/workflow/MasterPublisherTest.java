package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.media.RenditionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterPublisherTest {

  @Test
  void aVideoPlaysOnceItsDefaultAudioIsSettledWhileFurtherLanguagesStillEncode() {
    // Given the lowest rung DONE and a German track still waiting
    RenditionItem lowest = rendition("234p", RenditionType.VIDEO, RenditionStatus.DONE);
    RenditionItem german = rendition("audio-deu", RenditionType.AUDIO, RenditionStatus.PENDING);

    // When / Then it is not playable before the default audio is settled, and is once it is DONE,
    // or FAILED (then it plays with the languages that did finish)
    assertThat(MasterPublisher.isPlayable(List.of(lowest, german,
        rendition("audio", RenditionType.AUDIO, RenditionStatus.PROCESSING)))).isFalse();
    assertThat(MasterPublisher.isPlayable(List.of(lowest, german,
        rendition("audio", RenditionType.AUDIO, RenditionStatus.DONE)))).isTrue();
    assertThat(MasterPublisher.isPlayable(List.of(lowest, german,
        rendition("audio", RenditionType.AUDIO, RenditionStatus.FAILED)))).isTrue();
  }

  @Test
  void noVideoRenditionDoneMeansNotPlayable() {
    assertThat(MasterPublisher.isPlayable(List.of(
        rendition("234p", RenditionType.VIDEO, RenditionStatus.PROCESSING),
        rendition("audio", RenditionType.AUDIO, RenditionStatus.DONE)))).isFalse();
  }

  private static RenditionItem rendition(String name, RenditionType kind, RenditionStatus status) {
    RenditionItem item = new RenditionItem();
    item.setName(name);
    item.setKind(kind.name());
    item.setStatus(status.name());
    if (status == RenditionStatus.DONE) {
      item.setEncoded("{}");
    }
    return item;
  }
}
