package dev.svod.functions.upload;

import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.Ids;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.VodConfig;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.UploadItem;
import dev.svod.functions.catalog.UploadStatus;
import dev.svod.functions.catalog.VideoItem;
import dev.svod.functions.catalog.VideoStatus;
import dev.svod.functions.upload.UploadModels.CompleteUploadRequest;
import dev.svod.functions.upload.UploadModels.CompletedPart;
import dev.svod.functions.upload.UploadModels.CreateUploadRequest;
import dev.svod.functions.upload.UploadModels.CreateUploadResponse;
import dev.svod.functions.upload.UploadModels.PartUrl;
import dev.svod.functions.upload.UploadModels.PresignPartsRequest;
import dev.svod.functions.upload.UploadModels.PresignPartsResponse;
import dev.svod.functions.upload.UploadModels.UploadResultResponse;
import dev.svod.functions.upload.UploadModels.UploadStatusResponse;
import dev.svod.functions.upload.UploadModels.UploadedPart;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned S3 multipart uploads of source files: create, resume (which parts arrived), re-sign,
 * complete, abort. The catalog records the video and the upload; S3 holds the parts. Completing does
 * not mark the upload UPLOADED: the S3 event does (ingest), so an upload completed by any client is
 * treated the same.
 */
public final class UploadService {

  /** Smallest part size we hand out (S3's minimum is 5 MiB; 8 MiB matches common SDK defaults). */
  public static final long MIN_PART_SIZE = 8L * 1024 * 1024;
  /** S3's limit on parts per upload. */
  public static final int MAX_PARTS = 10_000;
  /** S3's limit on one part. */
  public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
  /** Presigned URLs in the create answer; a 50 GiB file has thousands of parts, asked for in batches. */
  public static final int FIRST_BATCH = 100;
  /** Most URLs one {@code POST /uploads/{id}/parts} call signs (keeps the answer well under 6 MB). */
  public static final int MAX_BATCH = 1000;
  /** Unfinished uploads (and their CREATED video) expire through DynamoDB TTL after this. */
  public static final Duration ABANDONED_AFTER = Duration.ofDays(7);

  private static final Set<String> MEDIA_EXTENSIONS = Set.of(
      "mp4", "m4v", "mov", "qt", "mkv", "webm", "avi", "mxf", "mpg", "mpeg", "ts", "m2ts", "mts",
      "wmv", "flv", "3gp", "3g2", "ogv", "dv", "m4a", "mp3", "wav", "aac", "flac", "ogg", "opus");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final Catalog catalog;
  private final SourceUploads uploads;
  private final VodConfig config;
  private final Clock clock;

  public UploadService(Catalog catalog, S3Client s3, S3Presigner presigner, VodConfig config, Clock clock) {
    this.catalog = catalog;
    this.uploads = new SourceUploads(s3, presigner, config.sourceBucket(), config.presignTtl());
    this.config = config;
    this.clock = clock;
  }

  /** S3 prefix of everything a video keeps in the source bucket. */
  public static String sourcePrefix(String videoId) {
    return "uploads/" + videoId + "/";
  }

  /** The S3 key of a video's source file. */
  public static String sourceKey(String videoId) {
    return sourcePrefix(videoId) + "source";
  }

  /** Validates the request, creates the multipart upload and both records, signs the first parts. */
  public CreateUploadResponse create(CreateUploadRequest request) {
    if (request == null) {
      throw new InvalidRequestException("INVALID_REQUEST", "a JSON body {filename, size, contentType} is required");
    }
    String filename = validFilename(request.filename());
    long size = validSize(request.size());
    String contentType = validContentType(request.contentType(), filename);
    String title = validTitle(request.title(), filename);
    long partSize = partSizeFor(size);
    int partCount = (int) ((size + partSize - 1) / partSize);

    String videoId = Ids.newId();
    String uploadId = Ids.newId();
    String key = sourceKey(videoId);
    String s3UploadId = uploads.start(key, contentType, Map.of("video-id", videoId, "upload-id", uploadId));
    long expiry = clock.instant().plus(ABANDONED_AFTER).getEpochSecond();

    VideoItem video = new VideoItem();
    video.setVideoId(videoId);
    video.setUploadId(uploadId);
    video.setTitle(title);
    video.setFilename(filename);
    video.setContentType(contentType);
    video.setSizeBytes(size);
    video.setTtl(expiry);
    UploadItem upload = new UploadItem();
    upload.setUploadId(uploadId);
    upload.setVideoId(videoId);
    upload.setS3UploadId(s3UploadId);
    upload.setBucket(config.sourceBucket());
    upload.setObjectKey(key);
    upload.setSizeBytes(size);
    upload.setPartSize(partSize);
    upload.setPartCount(partCount);
    upload.setFilename(filename);
    upload.setContentType(contentType);
    upload.setTtl(expiry);
    try {
      catalog.createVideoAndUpload(video, upload);
    } catch (RuntimeException e) {
      uploads.abort(key, s3UploadId);
      throw e;
    }
    String expiresAt = expiresAt();
    List<Integer> first = new ArrayList<>();
    for (int part = 1; part <= Math.min(partCount, FIRST_BATCH); part++) {
      first.add(part);
    }
    return new CreateUploadResponse(uploadId, videoId, partSize, partCount, sign(upload, first), expiresAt);
  }

  /** Status and the parts S3 already holds; the first arrived part moves the upload to UPLOADING. */
  public UploadStatusResponse status(String uploadId) {
    UploadItem upload = catalog.upload(Ids.requireValid(uploadId, "upload"));
    UploadStatus status = UploadStatus.valueOf(upload.getStatus());
    List<UploadedPart> parts = status.isOpen() ? received(upload) : List.of();
    if (status == UploadStatus.CREATED && !parts.isEmpty()) {
      status = UploadStatus.valueOf(
          catalog.transitionUpload(uploadId, UploadStatus.UPLOADING, u -> {}).getStatus());
    }
    List<Integer> missing = new ArrayList<>();
    if (status.isOpen()) {
      Set<Integer> have = new TreeSet<>();
      parts.forEach(p -> have.add(p.partNumber()));
      for (int part = 1; part <= upload.getPartCount(); part++) {
        if (!have.contains(part)) {
          missing.add(part);
        }
      }
    }
    return new UploadStatusResponse(uploadId, upload.getVideoId(), status.name(), upload.getSizeBytes(),
        upload.getPartSize(), upload.getPartCount(), parts, missing, upload.getError());
  }

  /** Fresh presigned URLs for the requested parts of an open upload. */
  public PresignPartsResponse presignParts(String uploadId, PresignPartsRequest request) {
    UploadItem upload = openUpload(uploadId);
    if (request == null || request.partNumbers() == null || request.partNumbers().isEmpty()) {
      throw new InvalidRequestException("INVALID_REQUEST", "partNumbers must list at least one part");
    }
    if (request.partNumbers().size() > MAX_BATCH) {
      throw new InvalidRequestException("INVALID_REQUEST", "at most " + MAX_BATCH + " parts per request");
    }
    Set<Integer> numbers = new TreeSet<>();
    for (Integer part : request.partNumbers()) {
      numbers.add(validPartNumber(part, upload));
    }
    return new PresignPartsResponse(uploadId, sign(upload, List.copyOf(numbers)), expiresAt());
  }

  /**
   * Completes the multipart upload after checking every part against what S3 holds: missing parts
   * and wrong ETags are reported together, by part number, and nothing is completed.
   */
  public UploadResultResponse complete(String uploadId, CompleteUploadRequest request) {
    UploadItem upload = openUpload(uploadId);
    if (request == null || request.parts() == null || request.parts().isEmpty()) {
      throw new InvalidRequestException("INVALID_REQUEST", "parts must list every part with its ETag");
    }
    Map<Integer, String> claimed = new TreeMap<>();
    for (CompletedPart part : request.parts()) {
      if (part == null || part.etag() == null || part.etag().isBlank()) {
        throw new InvalidRequestException("INVALID_REQUEST", "every part needs a partNumber and an etag");
      }
      int number = validPartNumber(part.partNumber(), upload);
      if (claimed.put(number, normalizeEtag(part.etag())) != null) {
        throw new InvalidRequestException("INVALID_REQUEST", "part " + number + " is listed twice");
      }
    }
    Map<Integer, UploadedPart> held = new TreeMap<>();
    received(upload).forEach(p -> held.put(p.partNumber(), p));
    List<Integer> missing = new ArrayList<>();
    List<Integer> wrong = new ArrayList<>();
    for (int number = 1; number <= upload.getPartCount(); number++) {
      UploadedPart stored = held.get(number);
      String etag = claimed.get(number);
      if (stored == null || etag == null) {
        missing.add(number);
      } else if (!normalizeEtag(stored.etag()).equals(etag)) {
        wrong.add(number);
      }
    }
    if (!missing.isEmpty() || !wrong.isEmpty()) {
      throw new InvalidPartsException(missing, wrong);
    }
    long total = held.values().stream().mapToLong(UploadedPart::size).sum();
    if (total != upload.getSizeBytes()) {
      throw new InvalidRequestException("SIZE_MISMATCH",
          "the parts hold " + total + " bytes but the upload declared " + upload.getSizeBytes());
    }
    catalog.transitionUpload(uploadId, UploadStatus.UPLOADING, u -> {});
    try {
      uploads.complete(upload.getObjectKey(), upload.getS3UploadId(), CompletedMultipartUpload.builder()
          .parts(held.values().stream()
              .map(p -> software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                  .partNumber(p.partNumber()).eTag(p.etag()).build())
              .toList())
          .build());
    } catch (S3Exception e) {
      if (e.statusCode() != 400) {
        throw e;
      }
      // A part changed between our check and S3's (a client re-sent it): S3 names the problem.
      throw new InvalidRequestException("INVALID_PARTS", "S3 refused to complete the upload: "
          + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
    }
    return new UploadResultResponse(uploadId, upload.getVideoId(), UploadStatus.UPLOADING.name());
  }

  /** Aborts an open upload: S3 drops the parts, the upload is ABORTED and its video deleted. */
  public UploadResultResponse abort(String uploadId) {
    UploadItem upload = openUpload(uploadId);
    catalog.transitionUpload(uploadId, UploadStatus.ABORTED, u -> {});
    uploads.abort(upload.getObjectKey(), upload.getS3UploadId());
    catalog.findVideo(upload.getVideoId()).ifPresent(video -> {
      catalog.transitionVideo(video.getVideoId(), VideoStatus.DELETED, v -> {});
      catalog.deleteVideoItem(video.getVideoId());
    });
    return new UploadResultResponse(uploadId, upload.getVideoId(), UploadStatus.ABORTED.name());
  }

  /**
   * Part size for a file: at least {@link #MIN_PART_SIZE}, large enough for at most {@link #MAX_PARTS}
   * parts, rounded up to a whole MiB.
   */
  static long partSizeFor(long size) {
    long mib = 1024L * 1024;
    long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
    long rounded = (needed + mib - 1) / mib * mib;
    return Math.max(MIN_PART_SIZE, Math.min(rounded, MAX_PART_SIZE));
  }

  // ---------------------------------------------------------------- helpers

  private UploadItem openUpload(String uploadId) {
    UploadItem upload = catalog.upload(Ids.requireValid(uploadId, "upload"));
    if (!UploadStatus.valueOf(upload.getStatus()).isOpen()) {
      throw new IllegalTransitionException("upload", uploadId, upload.getStatus(),
          "changed (it is no longer open)");
    }
    return upload;
  }

  private List<UploadedPart> received(UploadItem upload) {
    try {
      return uploads.parts(upload.getObjectKey(), upload.getS3UploadId()).stream()
          .map(UploadService::uploaded).toList();
    } catch (NoSuchUploadException e) {
      return List.of();
    }
  }

  private static UploadedPart uploaded(Part part) {
    return new UploadedPart(part.partNumber(), part.eTag(), part.size());
  }

  private List<PartUrl> sign(UploadItem upload, List<Integer> partNumbers) {
    List<PartUrl> urls = new ArrayList<>(partNumbers.size());
    for (int number : partNumbers) {
      urls.add(new PartUrl(number, uploads.presignPart(upload.getObjectKey(), upload.getS3UploadId(), number,
          partLength(upload, number)).toString()));
    }
    return urls;
  }

  /** Exact length of a part (the last one is shorter); it is signed, so S3 rejects other sizes. */
  private static long partLength(UploadItem upload, int partNumber) {
    long offset = (partNumber - 1L) * upload.getPartSize();
    return Math.min(upload.getPartSize(), upload.getSizeBytes() - offset);
  }

  private String expiresAt() {
    return clock.instant().plus(config.presignTtl()).toString();
  }

  private static int validPartNumber(Integer part, UploadItem upload) {
    if (part == null || part < 1 || part > upload.getPartCount()) {
      throw new InvalidRequestException("INVALID_PART_NUMBER",
          "part numbers run from 1 to " + upload.getPartCount() + ", got " + part);
    }
    return part;
  }

  private static String normalizeEtag(String etag) {
    return etag.trim().replace("\"", "").toLowerCase(Locale.ROOT);
  }

  private static String validFilename(String filename) {
    if (filename == null || filename.isBlank()) {
      throw new InvalidRequestException("INVALID_FILENAME", "filename is required");
    }
    if (filename.length() > 255 || CONTROL.matcher(filename).find()) {
      throw new InvalidRequestException("INVALID_FILENAME",
          "filename must be at most 255 characters without control characters");
    }
    return filename.strip();
  }

  private long validSize(Long size) {
    if (size == null || size <= 0) {
      throw new InvalidRequestException("INVALID_SIZE", "size must be a positive number of bytes");
    }
    if (size > config.maxUploadBytes()) {
      throw new InvalidRequestException("UPLOAD_TOO_LARGE",
          "size " + size + " bytes exceeds the limit of " + config.maxUploadBytes() + " bytes");
    }
    return size;
  }

  private static String validContentType(String contentType, String filename) {
    String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    boolean mediaType = type.startsWith("video/") || type.startsWith("audio/");
    int dot = filename.lastIndexOf('.');
    String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (mediaType) {
      return type;
    }
    if (MEDIA_EXTENSIONS.contains(extension)) {
      return type.isEmpty() ? "application/octet-stream" : type;
    }
    throw new InvalidRequestException("UNSUPPORTED_MEDIA_TYPE",
        "contentType must be video/* or audio/*, or the filename must have a media extension; got '"
            + contentType + "' for '" + filename + "'");
  }

  private static String validTitle(String title, String filename) {
    if (title == null || title.isBlank()) {
      int dot = filename.lastIndexOf('.');
      return dot > 0 ? filename.substring(0, dot) : filename;
    }
    if (title.length() > 200 || CONTROL.matcher(title).find()) {
      throw new InvalidRequestException("INVALID_TITLE",
          "title must be at most 200 characters without control characters");
    }
    return title.strip();
  }
}
