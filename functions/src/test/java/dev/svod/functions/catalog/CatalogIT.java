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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CatalogIT {
  private final LocalAws aws = LocalAws.get();
  private Catalog catalog;
  private String tableName;
  private int created;

  @BeforeEach
  void setUp() {
    VodConfig config = aws.newConfig();
    tableName = config.tableName();
    catalog = new Catalog(aws.dynamoDb(), config.tableName(), new Clock() {
      // Each read of the clock is half a second later, so creation order is unambiguous and
      // whole seconds alternate with fractional ones (Instant.toString drops a zero fraction).
      private Instant now = Instant.parse("2026-11-21T06:00:00Z");

      @Override
      public synchronized Instant instant() {
        now = now.plusMillis(500);
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

  /** A new video, PARTIALLY_READY, whose rendition {@code name} FAILED; both say why. */
  private String partiallyReadyWithFailed(String name) {
    String id = newVideo();
    RenditionItem rendition = new RenditionItem();
    rendition.setName(name);
    catalog.putRenditionsIfAbsent(id, List.of(rendition));
    catalog.transitionVideo(id, VideoStatus.PROCESSING, v -> {});
    catalog.transitionRendition(id, name, RenditionStatus.PROCESSING, r -> r.setAttempts(1));
    catalog.transitionRendition(id, name, RenditionStatus.FAILED, r -> r.setError("capacity"));
    catalog.transitionVideo(id, VideoStatus.PARTIALLY_READY, v -> v.setError("some renditions failed: " + name));
    return id;
  }

  /** The item exactly as stored, read with the low-level client rather than through an item schema. */
  private Map<String, AttributeValue> stored(String pk, String sk) {
    return aws.dynamoDb().getItem(b -> b.tableName(tableName).consistentRead(true).key(Map.of(
        CatalogSchema.PARTITION_KEY, AttributeValue.fromS(pk), CatalogSchema.SORT_KEY, AttributeValue.fromS(sk))))
        .item();
  }

  private Map<String, AttributeValue> storedVideo(String id) {
    return stored(Catalog.VIDEO_PREFIX + id, Catalog.VIDEO_SK);
  }

  private Map<String, AttributeValue> storedRendition(String id, String name) {
    return stored(Catalog.VIDEO_PREFIX + id, Catalog.RENDITION_PREFIX + name);
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

  @Test
  void aRenditionThatSucceedsOnRetryKeepsNoError() {
    // Given a rendition that failed
    String id = partiallyReadyWithFailed("360p");

    // When the workflow retries it and it is encoded this time
    RenditionItem retried = catalog.transitionRendition(id, "360p", RenditionStatus.PROCESSING, r -> r.setAttempts(2));
    Map<String, AttributeValue> whileProcessing = storedRendition(id, "360p");
    RenditionItem done = catalog.transitionRendition(id, "360p", RenditionStatus.DONE, r -> r.setProgress(100));

    // Then the stored item lost the old reason as soon as it was processed again, and kept the rest
    assertThat(retried.getError()).isNull();
    assertThat(whileProcessing).doesNotContainKey(CatalogItem.ERROR)
        .containsEntry("status", AttributeValue.fromS("PROCESSING"));
    assertThat(done.getError()).isNull();
    assertThat(storedRendition(id, "360p")).doesNotContainKey(CatalogItem.ERROR)
        .containsEntry("status", AttributeValue.fromS("DONE"))
        .containsEntry("attempts", AttributeValue.fromN("2"))
        .containsEntry("progress", AttributeValue.fromN("100"))
        .containsEntry("name", AttributeValue.fromS("360p"));
  }

  @Test
  void aClaimedRetryRemovesTheRenditionsErrorWhileTheVideoKeepsItsOwn() {
    // Given a partially ready video whose rendition failed
    String id = partiallyReadyWithFailed("720p");

    // When a retry claims the failed rendition
    assertThat(catalog.claimRetry(id, catalog.renditions(id))).hasValue(1);

    // Then the rendition is processed again without the old reason; the video, still partially
    // ready until the retry settles it, still says what failed
    assertThat(storedRendition(id, "720p")).doesNotContainKey(CatalogItem.ERROR)
        .containsEntry("status", AttributeValue.fromS("PROCESSING"));
    assertThat(storedVideo(id)).containsEntry(CatalogItem.ERROR, AttributeValue.fromS("some renditions failed: 720p"))
        .containsEntry("status", AttributeValue.fromS("PARTIALLY_READY"));
  }

  @Test
  void settlingAVideoMarksItsRunEndedAndAClaimedRetryRemovesTheMark() {
    // Given a partially ready video whose failed rendition waits for a retry
    String id = partiallyReadyWithFailed("720p");
    assertThat(storedVideo(id)).doesNotContainKey(VideoItem.SETTLED_AT);

    // When its run ends (PARTIALLY_READY again, keeping the stored reason) and a retry then claims it
    VideoItem settled = catalog.settleVideo(id, VideoStatus.PARTIALLY_READY, List.of(VideoStatus.PARTIALLY_READY), null);
    Map<String, AttributeValue> whileSettled = storedVideo(id);
    assertThat(catalog.claimRetry(id, catalog.renditions(id))).hasValue(1);

    // Then the marker was written with the status, and the claim removed it in its transaction
    assertThat(settled.getSettledAt()).isNotNull();
    assertThat(whileSettled).containsEntry(VideoItem.SETTLED_AT, AttributeValue.fromS(settled.getSettledAt()))
        .containsEntry(CatalogItem.ERROR, AttributeValue.fromS("some renditions failed: 720p"));
    assertThat(storedVideo(id)).doesNotContainKey(VideoItem.SETTLED_AT)
        .containsEntry("retries", AttributeValue.fromN("1"))
        .containsEntry("status", AttributeValue.fromS("PARTIALLY_READY"));
  }

  @Test
  void settlingAVideoReadyOrFailedMarksItsRunEndedAndOnlyAPartiallyReadyOneReopens() {
    // Given a processing video and a new one
    String ready = partiallyReadyWithFailed("360p");
    String failed = newVideo();

    // When their runs end READY and FAILED
    catalog.settleVideo(ready, VideoStatus.READY, VideoStatus.READY.allowedFrom(), null);
    catalog.settleVideo(failed, VideoStatus.FAILED, VideoStatus.FAILED.allowedFrom(), "NOT_A_VIDEO");

    // Then both carry the marker, the status (indexed) and the right reason; neither can be reopened
    assertThat(storedVideo(ready)).containsKey(VideoItem.SETTLED_AT).doesNotContainKey(CatalogItem.ERROR)
        .containsEntry("status", AttributeValue.fromS("READY"));
    assertThat(storedVideo(failed)).containsKey(VideoItem.SETTLED_AT)
        .containsEntry(CatalogItem.ERROR, AttributeValue.fromS("NOT_A_VIDEO"));
    assertThat(catalog.listVideos(VideoStatus.FAILED, 10, null).videos()).extracting(VideoItem::getVideoId)
        .contains(failed);
    assertThatThrownBy(() -> catalog.reopenVideo(ready)).isInstanceOf(IllegalTransitionException.class);
    assertThat(storedVideo(ready)).containsKey(VideoItem.SETTLED_AT);
  }

  @Test
  void aVideoReadyAfterRetryKeepsNoError() {
    // Given a partially ready video whose failed rendition a retry encoded
    String id = partiallyReadyWithFailed("720p");
    catalog.claimRetry(id, catalog.renditions(id));
    catalog.transitionRendition(id, "720p", RenditionStatus.DONE, r -> r.setProgress(100));

    // When the retry settles the video READY
    VideoItem ready = catalog.transitionVideo(id, VideoStatus.READY, v -> {});

    // Then neither the video nor the rendition stores a reason any more; the rest of the video stays
    assertThat(ready.getError()).isNull();
    assertThat(storedVideo(id)).doesNotContainKey(CatalogItem.ERROR)
        .containsEntry("status", AttributeValue.fromS("READY"))
        .containsEntry("title", AttributeValue.fromS(ready.getTitle()))
        .containsEntry("retries", AttributeValue.fromN("1"));
    assertThat(storedRendition(id, "720p")).doesNotContainKey(CatalogItem.ERROR);
    assertThat(catalog.listVideos(VideoStatus.READY, 10, null).videos()).extracting(VideoItem::getVideoId)
        .contains(id);
  }

  @Test
  void failedItemsKeepTheirError() {
    // Given a rendition that failed, a video that failed and a partially ready video
    String partial = partiallyReadyWithFailed("360p");
    String failed = newVideo();
    catalog.transitionVideo(failed, VideoStatus.FAILED, v -> v.setError("NOT_A_VIDEO"));

    // When they change without recovering: PARTIALLY_READY entered again without a new reason, another
    // attribute of the failed video updated, the failed rendition refused a move to DONE
    catalog.transitionVideo(partial, VideoStatus.PARTIALLY_READY, v -> {});
    catalog.updateVideo(failed, List.of(VideoStatus.FAILED), v -> v.setTitle("renamed"));
    assertThatThrownBy(() -> catalog.transitionRendition(partial, "360p", RenditionStatus.DONE, r -> {}))
        .isInstanceOf(IllegalTransitionException.class);

    // Then every one still stores its reason
    assertThat(storedRendition(partial, "360p")).containsEntry(CatalogItem.ERROR, AttributeValue.fromS("capacity"));
    assertThat(storedVideo(partial))
        .containsEntry(CatalogItem.ERROR, AttributeValue.fromS("some renditions failed: 360p"));
    assertThat(storedVideo(failed)).containsEntry(CatalogItem.ERROR, AttributeValue.fromS("NOT_A_VIDEO"))
        .containsEntry("title", AttributeValue.fromS("renamed"));
  }
}
