package dev.svod.functions.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.NotFoundException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.testing.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogIT {
  private final LocalAws aws = LocalAws.get();
  private Catalog catalog;
  private int created;

  @BeforeEach
  void setUp() {
    VodConfig config = aws.newConfig();
    catalog = new Catalog(aws.dynamoDb(), config.tableName(), new Clock() {
      // Each read of the clock is one second later, so creation order is unambiguous.
      private Instant now = Instant.parse("2026-11-21T06:00:00Z");

      @Override
      public synchronized Instant instant() {
        now = now.plusSeconds(1);
        return now;
      }

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    });
  }

  private String newVideo() {
    created++;
    VideoItem video = new VideoItem();
    video.setVideoId("video" + created);
    video.setUploadId("upload" + created);
    video.setTitle("Video " + created);
    UploadItem upload = new UploadItem();
    upload.setUploadId("upload" + created);
    upload.setVideoId("video" + created);
    catalog.createVideoAndUpload(video, upload);
    return video.getVideoId();
  }

  @Test
  void rejectsIllegalVideoTransitionsNamingTheCurrentStatus() {
    String id = newVideo();

    assertThatThrownBy(() -> catalog.transitionVideo(id, VideoStatus.READY, v -> {}))
        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
          assertThat(e.currentStatus()).isEqualTo("CREATED");
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.getMessage()).contains("CREATED").contains("READY");
        });
    catalog.transitionVideo(id, VideoStatus.PROCESSING, v -> {});
    catalog.transitionVideo(id, VideoStatus.READY, v -> {});

    assertThatThrownBy(() -> catalog.transitionVideo(id, VideoStatus.PROCESSING, v -> {}))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> catalog.transitionVideo(id, VideoStatus.FAILED, v -> v.setError("late")))
        .isInstanceOf(IllegalTransitionException.class);
    VideoItem stored = catalog.video(id);
    assertThat(stored.getStatus()).isEqualTo("READY");
    assertThat(stored.getError()).isNull();
  }

  @Test
  void rejectsIllegalUploadAndRenditionTransitions() {
    String id = newVideo();
    catalog.transitionUpload("upload1", UploadStatus.ABORTED, u -> {});
    assertThatThrownBy(() -> catalog.transitionUpload("upload1", UploadStatus.UPLOADED, u -> {}))
        .isInstanceOf(IllegalTransitionException.class);

    RenditionItem rendition = new RenditionItem();
    rendition.setName("360p");
    catalog.putRenditionsIfAbsent(id, List.of(rendition));
    assertThatThrownBy(() -> catalog.transitionRendition(id, "360p", RenditionStatus.DONE, r -> {}))
        .isInstanceOf(IllegalTransitionException.class);
    catalog.transitionRendition(id, "360p", RenditionStatus.PROCESSING, r -> r.setAttempts(1));
    catalog.updateProcessingRendition(id, "360p", r -> r.setProgress(40));
    catalog.transitionRendition(id, "360p", RenditionStatus.DONE, r -> r.setProgress(100));
    assertThatThrownBy(() -> catalog.updateProcessingRendition(id, "360p", r -> r.setProgress(10)))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(catalog.findRendition(id, "360p").orElseThrow().getProgress()).isEqualTo(100);
  }

  @Test
  void reportsMissingItemsAsNotFound() {
    assertThatThrownBy(() -> catalog.transitionVideo("ghost", VideoStatus.PROCESSING, v -> {}))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void replanningKeepsRenditionProgress() {
    String id = newVideo();
    RenditionItem planned = new RenditionItem();
    planned.setName("audio");
    catalog.putRenditionsIfAbsent(id, List.of(planned));
    catalog.transitionRendition(id, "audio", RenditionStatus.PROCESSING, r -> {});

    RenditionItem again = new RenditionItem();
    again.setName("audio");
    catalog.putRenditionsIfAbsent(id, List.of(again));

    assertThat(catalog.renditions(id)).extracting(RenditionItem::getStatus).containsExactly("PROCESSING");
  }

  @Test
  void listsNewestFirstWithOpaqueCursorsAndStatusFilter() {
    for (int i = 0; i < 5; i++) {
      newVideo();
    }
    catalog.transitionVideo("video2", VideoStatus.PROCESSING, v -> {});
    catalog.transitionVideo("video4", VideoStatus.PROCESSING, v -> {});

    List<String> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Catalog.VideoPage page = catalog.listVideos(null, 2, cursor);
      page.videos().forEach(v -> all.add(v.getVideoId()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(all).containsExactly("video5", "video4", "video3", "video2", "video1");
    assertThat(catalog.listVideos(VideoStatus.PROCESSING, 10, null).videos())
        .extracting(VideoItem::getVideoId).containsExactly("video4", "video2");
    assertThat(catalog.listVideos(VideoStatus.CREATED, 10, null).videos())
        .extracting(VideoItem::getVideoId).containsExactly("video5", "video3", "video1");
    assertThatThrownBy(() -> catalog.listVideos(null, 2, "not-a-cursor"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
  }
}
