package dev.svod.functions.video;

import dev.svod.functions.Ids;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.catalog.SourceSummary;
import dev.svod.functions.catalog.UploadStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.upload.UploadService;
import dev.svod.functions.video.VideoViews.PlaybackView;
import dev.svod.functions.video.VideoViews.RenditionView;
import dev.svod.functions.video.VideoViews.SigningView;
import dev.svod.functions.video.VideoViews.VideoListView;
import dev.svod.functions.video.VideoViews.VideoSummaryView;
import dev.svod.functions.video.VideoViews.VideoView;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads and deletes videos: listing newest first, details with renditions, removal of everything. */
public final class VideoService {
  public static final int DEFAULT_PAGE = 20;
  public static final int MAX_PAGE = 100;

  private final Catalog catalog;
  private final S3Client s3;
  private final VodConfig config;
  private final PlaybackSigner signer;

  /** Unsigned playback URLs (the distribution serves anyone holding the URL). */
  public VideoService(Catalog catalog, S3Client s3, VodConfig config) {
    this(catalog, s3, config, null);
  }

  /** Playback URLs signed by {@code signer} when not null (a distribution with a trusted key group). */
  public VideoService(Catalog catalog, S3Client s3, VodConfig config, PlaybackSigner signer) {
    this.catalog = catalog;
    this.s3 = s3;
    this.config = config;
    this.signer = signer;
  }

  /** S3 prefix of a video's outputs in the output bucket. */
  public static String outputPrefix(String videoId) {
    return "v/" + videoId + "/";
  }

  /**
   * Videos newest first.
   *
   * @param status optional status filter (case-insensitive)
   * @param limit optional page size, 1 to {@link #MAX_PAGE}
   * @param cursor optional cursor from the previous page
   */
  public VideoListView list(String status, String limit, String cursor) {
    VideoStatus filter = null;
    if (status != null && !status.isBlank()) {
      try {
        filter = VideoStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("INVALID_STATUS", "status must be one of "
            + List.of(VideoStatus.values()) + ", got '" + status + "'");
      }
    }
    int pageSize = DEFAULT_PAGE;
    if (limit != null && !limit.isBlank()) {
      try {
        pageSize = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        pageSize = -1;
      }
      if (pageSize < 1 || pageSize > MAX_PAGE) {
        throw new InvalidRequestException("INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE);
      }
    }
    Catalog.VideoPage page = catalog.listVideos(filter, pageSize, cursor);
    return new VideoListView(page.videos().stream().map(this::summary).toList(), page.nextCursor());
  }

  /** A video with its renditions and playback URLs. */
  public VideoView get(String videoId) {
    VideoItem video = catalog.video(Ids.requireValid(videoId, "video"));
    List<RenditionView> renditions = catalog.renditions(videoId).stream().map(VideoService::rendition).toList();
    // Shown only where it explains the status: items written before transitions removed a recovered
    // failure's reason may still hold one.
    boolean explains = VideoStatus.valueOf(video.getStatus()).reportsError();
    return new VideoView(video.getVideoId(), video.getTitle(), video.getStatus(), explains ? video.getError() : null,
        video.getFilename(), video.getSizeBytes(), video.getCreatedAt(), video.getUpdatedAt(),
        video.getSettledAt(),
        video.getSource() == null ? null : Json.read(video.getSource(), SourceSummary.class),
        renditions, playback(video));
  }

  /**
   * Deletes a video: marks it DELETED (so a running workflow's next conditional write fails instead
   * of resurrecting it), removes its source (and any unfinished upload) and outputs, then its records.
   */
  public void delete(String videoId) {
    VideoItem video = catalog.video(Ids.requireValid(videoId, "video"));
    catalog.transitionVideo(videoId, VideoStatus.DELETED, v -> {});
    if (video.getUploadId() != null) {
      catalog.findUpload(video.getUploadId())
          .filter(upload -> UploadStatus.valueOf(upload.getStatus()).isOpen())
          .ifPresent(upload -> {
            try {
              s3.abortMultipartUpload(b -> b.bucket(config.sourceBucket()).key(upload.getObjectKey())
                  .uploadId(upload.getS3UploadId()));
            } catch (NoSuchUploadException alreadyGone) {
              // completed or aborted meanwhile; the object, if any, is deleted below
            }
          });
    }
    deletePrefix(config.sourceBucket(), UploadService.sourcePrefix(videoId));
    deletePrefix(config.outputBucket(), outputPrefix(videoId));
    catalog.deleteVideoRecords(video);
  }

  private void deletePrefix(String bucket, String prefix) {
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
      List<ObjectIdentifier> keys = page.contents().stream()
          .map(S3Object::key).map(key -> ObjectIdentifier.builder().key(key).build()).toList();
      if (!keys.isEmpty()) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
      }
    }
  }

  private VideoSummaryView summary(VideoItem video) {
    PlaybackView playback = playback(video);
    Double duration = video.getSource() == null ? null
        : Json.read(video.getSource(), SourceSummary.class).durationSeconds();
    return new VideoSummaryView(video.getVideoId(), video.getTitle(), video.getStatus(), video.getCreatedAt(),
        duration, playback == null ? null : playback.poster(), playback == null ? null : playback.hls());
  }

  private PlaybackView playback(VideoItem video) {
    String status = video.getStatus();
    if (!VideoStatus.READY.name().equals(status) && !VideoStatus.PARTIALLY_READY.name().equals(status)) {
      return null;
    }
    String id = video.getVideoId();
    boolean storyboard = Boolean.TRUE.equals(video.getStoryboard());
    PlaybackSigner.Grant grant = signer == null ? null : signer.grant(config.playbackUrl(id, ""));
    Function<String, String> url = file -> grant == null
        ? config.playbackUrl(id, file) : grant.sign(config.playbackUrl(id, file));
    return new PlaybackView(url.apply("master.m3u8"),
        Boolean.TRUE.equals(video.getPoster()) ? url.apply("poster.jpg") : null,
        storyboard ? url.apply("storyboard.jpg") : null,
        storyboard ? url.apply("storyboard.vtt") : null,
        grant == null ? null : new SigningView(grant.query(), grant.expiresAt().toString()));
  }

  private static RenditionView rendition(RenditionItem r) {
    return new RenditionView(r.getName(), r.getKind(), r.getStatus(),
        r.getProgress() == null ? 0 : r.getProgress(), r.getAttempts() == null ? 0 : r.getAttempts(),
        r.getWidth(), r.getHeight(), r.getFrameRate(), r.getBandwidth(), r.getAverageBandwidth(),
        r.getCodecs(), r.getLanguage(), RenditionStatus.valueOf(r.getStatus()).reportsError() ? r.getError() : null);
  }
}
