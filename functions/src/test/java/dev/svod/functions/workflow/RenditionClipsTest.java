package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.catalog.RenditionItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionClipsTest {

  private static RenditionItem rendition(String name, String kind, String status, int width, int height) {
    RenditionItem item = new RenditionItem();
    item.setName(name);
    item.setKind(kind);
    item.setStatus(status);
    if (width > 0) {
      item.setWidth(width);
      item.setHeight(height);
    }
    return item;
  }

  @Test
  void thumbnailsUseOnlyDoneVideoRenditionsSmallestPictureFirst() {
    // Given a ladder listed in no particular order, with audio and a failed rung
    List<RenditionItem> renditions = List.of(
        rendition("720p", "VIDEO", "DONE", 1280, 720),
        rendition("audio", "AUDIO", "DONE", 0, 0),
        rendition("234p", "VIDEO", "FAILED", 416, 234),
        rendition("1080p", "VIDEO", "PROCESSING", 1920, 1080),
        rendition("360p", "VIDEO", "DONE", 640, 360));

    // When
    List<RenditionItem> video = RenditionClips.doneVideo(renditions);

    // Then: the storyboard reads the first, the poster the last
    assertThat(video).extracting(RenditionItem::getName).containsExactly("360p", "720p");
  }

  @Test
  void anAudioOnlyOrAllFailedLadderHasNoneToUse() {
    assertThat(RenditionClips.doneVideo(List.of(
        rendition("audio", "AUDIO", "DONE", 0, 0),
        rendition("180p", "VIDEO", "FAILED", 320, 180)))).isEmpty();
  }
}
