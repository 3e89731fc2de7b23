package dev.svod.functions.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.svod.functions.IllegalTransitionException;
import dev.svod.functions.InvalidRequestException;
import dev.svod.functions.Json;
import dev.svod.functions.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The catalog of uploads, videos and renditions in the one DynamoDB table ({@link CatalogSchema}).
 *
 * <p>Every status change is a conditional update: it succeeds only from the statuses the target's
 * {@code allowedFrom()} lists, otherwise an {@link IllegalTransitionException} names the current
 * status. Nothing is silently overwritten. Entering a status that reports no failure (a retried
 * rendition PROCESSING or DONE, a video READY) removes the stored {@code error} in the same write, so
 * no item keeps the reason of a failure it has recovered from.
 */
public final class Catalog {

  static final String VIDEO_PREFIX = "VIDEO#";
  static final String UPLOAD_PREFIX = "UPLOAD#";
  static final String VIDEO_SK = "VIDEO";
  static final String UPLOAD_SK = "UPLOAD";
  static final String RENDITION_PREFIX = "RENDITION#";
  /** Partition value of the newest-first index: every video shares it. */
  static final String ALL_VIDEOS = "VIDEO";
  static final String STATUS_PREFIX = "STATUS#";

  /** Condition of every create: no item with this key yet. */
  private static final Expression ITEM_ABSENT =
      Expression.builder().expression("attribute_not_exists(pk)").build();
  /**
   * Creation times with exactly three fraction digits, so that they sort as text: the list index's
   * sort key starts with one, and {@code Instant.toString()} writes {@code 06:00:01Z} for a whole
   * second but {@code 06:00:01.500Z} half a second later, which sorts before it.
   */
  private static final DateTimeFormatter SORTABLE_TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final DynamoDbEnhancedClient enhanced;
  private final DynamoDbTable<VideoItem> videos;
  private final DynamoDbTable<UploadItem> uploads;
  private final DynamoDbTable<RenditionItem> renditions;
  private final Clock clock;

  public Catalog(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, Clock.systemUTC());
  }

  public Catalog(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    this.videos = enhanced.table(tableName, VideoItem.SCHEMA);
    this.uploads = enhanced.table(tableName, UploadItem.SCHEMA);
    this.renditions = enhanced.table(tableName, RenditionItem.SCHEMA);
    this.clock = clock;
  }

  /** A page of videos and the opaque cursor of the next one (null on the last page). */
  public record VideoPage(List<VideoItem> videos, String nextCursor) {}

  // ---------------------------------------------------------------- creation

  /**
   * Writes a new video and its upload, both CREATED, in one transaction; fails if either id exists.
   * Fills in keys, index attributes, status and timestamps.
   */
  public void createVideoAndUpload(VideoItem video, UploadItem upload) {
    String now = SORTABLE_TIME.format(clock.instant());
    video.setPk(VIDEO_PREFIX + video.getVideoId());
    video.setSk(VIDEO_SK);
    video.setStatus(VideoStatus.CREATED.name());
    video.setCreatedAt(now);
    video.setUpdatedAt(now);
    indexVideo(video);
    upload.setPk(UPLOAD_PREFIX + upload.getUploadId());
    upload.setSk(UPLOAD_SK);
    upload.setStatus(UploadStatus.CREATED.name());
    upload.setCreatedAt(now);
    upload.setUpdatedAt(now);
    try {
      enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
          .addPutItem(videos, PutItemEnhancedRequest.builder(VideoItem.class).item(video)
              .conditionExpression(ITEM_ABSENT).build())
          .addPutItem(uploads, PutItemEnhancedRequest.builder(UploadItem.class).item(upload)
              .conditionExpression(ITEM_ABSENT).build())
          .build());
    } catch (TransactionCanceledException e) {
      throw new IllegalStateException("video " + video.getVideoId() + " or upload "
          + upload.getUploadId() + " already exists", e);
    }
  }

  /**
   * Writes the planned renditions as PENDING unless they already exist (a repeated plan step keeps
   * the progress of renditions it wrote before).
   */
  public void putRenditionsIfAbsent(String videoId, Collection<RenditionItem> planned) {
    String now = clock.instant().toString();
    for (RenditionItem rendition : planned) {
      rendition.setPk(VIDEO_PREFIX + videoId);
      rendition.setSk(RENDITION_PREFIX + rendition.getName());
      rendition.setVideoId(videoId);
      rendition.setStatus(RenditionStatus.PENDING.name());
      rendition.setProgress(0);
      rendition.setAttempts(0);
      rendition.setUpdatedAt(now);
      try {
        renditions.putItem(PutItemEnhancedRequest.builder(RenditionItem.class).item(rendition)
            .conditionExpression(ITEM_ABSENT)
            .build());
      } catch (ConditionalCheckFailedException alreadyPlanned) {
        // Planned by an earlier attempt of the same step: keep its status and progress.
      }
    }
  }

  /**
   * Claims a retry of a PARTIALLY_READY video's FAILED renditions in one transaction: the video's
   * retry counter goes up by one (conditioned on the value just read and on the status), every FAILED
   * one of {@code renditions} goes FAILED → PROCESSING, its earlier encoded result removed so the
   * workflow encodes it again and its failure's reason removed (the video keeps its own until the
   * retry settles it), and every other one must still have the status it was read with. The video's
   * {@code settledAt} goes in the same write: its run is starting over. Of
   * two concurrent claims at most one succeeds; a later one finds nothing FAILED.
   *
   * @param renditions the video's renditions as just read
   * @return the retry's number (1 for the first), or empty when the video or a rendition changed
   *     meanwhile (another retry claimed them, the video was deleted) and nothing was written
   */
  public OptionalInt claimRetry(String videoId, Collection<RenditionItem> renditions) {
    VideoItem video = videos.getItem(r -> r.key(videoKey(videoId)).consistentRead(true));
    if (video == null) {
      return OptionalInt.empty();
    }
    int previous = video.getRetries() == null ? 0 : video.getRetries();
    String now = clock.instant().toString();
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
        .key(keyOf(VIDEO_PREFIX + videoId, VIDEO_SK))
        .updateExpression("SET #retries = :next, #updatedAt = :now REMOVE #settledAt")
        .conditionExpression("#status = :partial AND (attribute_not_exists(#retries) OR #retries = :previous)")
        .expressionAttributeNames(Map.of("#retries", VideoItem.RETRIES, "#updatedAt", "updatedAt",
            "#status", "status", "#settledAt", VideoItem.SETTLED_AT))
        .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(Integer.toString(previous + 1)),
            ":previous", AttributeValue.fromN(Integer.toString(previous)), ":now", AttributeValue.fromS(now),
            ":partial", AttributeValue.fromS(VideoStatus.PARTIALLY_READY.name())))
        .build()).build());
    for (RenditionItem rendition : renditions) {
      Map<String, AttributeValue> key = keyOf(VIDEO_PREFIX + videoId, RENDITION_PREFIX + rendition.getName());
      if (RenditionStatus.FAILED.name().equals(rendition.getStatus())) {
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName).key(key)
            .updateExpression("SET #status = :processing, #progress = :zero, #updatedAt = :now REMOVE #encoded, #error")
            .conditionExpression("#status = :failed")
            .expressionAttributeNames(Map.of("#status", "status", "#progress", "progress",
                "#updatedAt", "updatedAt", "#encoded", "encoded", "#error", CatalogItem.ERROR))
            .expressionAttributeValues(Map.of(":processing", AttributeValue.fromS(RenditionStatus.PROCESSING.name()),
                ":failed", AttributeValue.fromS(RenditionStatus.FAILED.name()), ":zero", AttributeValue.fromN("0"),
                ":now", AttributeValue.fromS(now)))
            .build()).build());
      } else {
        writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(tableName).key(key)
            .conditionExpression("#status = :read")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(Map.of(":read", AttributeValue.fromS(rendition.getStatus())))
            .build()).build());
      }
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(writes));
      return OptionalInt.of(previous + 1);
    } catch (TransactionCanceledException conditionFailedOrConflict) {
      return OptionalInt.empty();
    }
  }

  // ---------------------------------------------------------------- reads

  public Optional<VideoItem> findVideo(String videoId) {
    return Optional.ofNullable(videos.getItem(videoKey(videoId)));
  }

  public VideoItem video(String videoId) {
    return findVideo(videoId).orElseThrow(() -> new NotFoundException("video", videoId));
  }

  public Optional<UploadItem> findUpload(String uploadId) {
    return Optional.ofNullable(uploads.getItem(uploadKey(uploadId)));
  }

  public UploadItem upload(String uploadId) {
    return findUpload(uploadId).orElseThrow(() -> new NotFoundException("upload", uploadId));
  }

  public Optional<RenditionItem> findRendition(String videoId, String name) {
    return Optional.ofNullable(renditions.getItem(renditionKey(videoId, name)));
  }

  /** The video's renditions ordered by name (one strongly consistent Query). */
  public List<RenditionItem> renditions(String videoId) {
    List<RenditionItem> result = new ArrayList<>();
    renditions.query(QueryEnhancedRequest.builder()
            .queryConditional(QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(VIDEO_PREFIX + videoId).sortValue(RENDITION_PREFIX).build()))
            .consistentRead(true)
            .build())
        .items().forEach(result::add);
    return result;
  }

  /**
   * Videos newest first, optionally of one status.
   *
   * @param cursor the {@link VideoPage#nextCursor()} of the previous page, or null for the first
   * @throws InvalidRequestException when the cursor was not produced by this method
   */
  public VideoPage listVideos(VideoStatus status, int limit, String cursor) {
    DynamoDbIndex<VideoItem> index = status == null
        ? videos.index(CatalogSchema.GSI_BY_CREATED)
        : videos.index(CatalogSchema.GSI_BY_STATUS_CREATED);
    String partition = status == null ? ALL_VIDEOS : STATUS_PREFIX + status.name();
    QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build()))
        .scanIndexForward(false)
        .limit(limit);
    if (cursor != null && !cursor.isBlank()) {
      request.exclusiveStartKey(decodeCursor(cursor));
    }
    SdkIterable<Page<VideoItem>> pages = index.query(request.build());
    Page<VideoItem> page = pages.iterator().next();
    Map<String, AttributeValue> last = page.lastEvaluatedKey();
    return new VideoPage(page.items(), last == null || last.isEmpty() ? null : encodeCursor(last));
  }

  // ---------------------------------------------------------------- transitions

  /**
   * Moves a video to {@code target} if its current status allows it, writing also what
   * {@code changes} sets on the (otherwise empty) item.
   *
   * @return the item after the update
   * @throws IllegalTransitionException when the current status does not allow it
   * @throws NotFoundException when the video does not exist
   */
  public VideoItem transitionVideo(String videoId, VideoStatus target, Consumer<VideoItem> changes) {
    return moveVideo(videoId, target, target.allowedFrom(), changes);
  }

  /**
   * Ends a workflow run over the video: moves it to {@code target} from one of {@code from} (which
   * may hold {@code target} itself, for a step repeated after its write) with {@code error} as its
   * reason (null: none for a status that reports no failure, else the stored one stays), and stamps
   * {@code settledAt} in the same write, so nobody sees the final status without the marker.
   *
   * @throws IllegalTransitionException when the current status is not one of {@code from}
   */
  public VideoItem settleVideo(String videoId, VideoStatus target, Collection<VideoStatus> from, String error) {
    String now = clock.instant().toString();
    return moveVideo(videoId, target, from, v -> {
      v.setError(error);
      v.setSettledAt(now);
    });
  }

  private VideoItem moveVideo(String videoId, VideoStatus target, Collection<VideoStatus> from,
      Consumer<VideoItem> changes) {
    // The status index's sort key (creation time) never changes; only its partition follows the status.
    return change(videoRef(videoId), target.name(), statusNames(from), staleError(target.reportsError()),
        changes.andThen(v -> v.setGsi2pk(STATUS_PREFIX + target.name())));
  }

  /**
   * Marks that a workflow run has started over a PARTIALLY_READY video: removes its {@code settledAt}.
   *
   * @throws IllegalTransitionException when the video is no longer PARTIALLY_READY
   */
  public VideoItem reopenVideo(String videoId) {
    return change(videoRef(videoId), null, List.of(VideoStatus.PARTIALLY_READY.name()),
        List.of(VideoItem.SETTLED_AT), v -> {});
  }

  /** Moves an upload to {@code target}; see {@link #transitionVideo}. */
  public UploadItem transitionUpload(String uploadId, UploadStatus target, Consumer<UploadItem> changes) {
    // No upload records a failure's reason: nothing to remove.
    return change(uploadRef(uploadId), target.name(), statusNames(target.allowedFrom()), List.of(), changes);
  }

  /** Moves a rendition to {@code target}; see {@link #transitionVideo}. */
  public RenditionItem transitionRendition(String videoId, String name, RenditionStatus target,
      Consumer<RenditionItem> changes) {
    return change(renditionRef(videoId, name), target.name(), statusNames(target.allowedFrom()),
        staleError(target.reportsError()), changes);
  }

  /**
   * Updates attributes of a rendition that is still PROCESSING (progress, the encoded result) without
   * changing its status.
   */
  public RenditionItem updateProcessingRendition(String videoId, String name, Consumer<RenditionItem> changes) {
    return change(renditionRef(videoId, name), null, List.of(RenditionStatus.PROCESSING.name()), List.of(), changes);
  }

  /** Updates attributes of a video in one of {@code expected} statuses without changing the status. */
  public VideoItem updateVideo(String videoId, Collection<VideoStatus> expected, Consumer<VideoItem> changes) {
    return change(videoRef(videoId), null, statusNames(expected), List.of(), changes);
  }

  // ---------------------------------------------------------------- deletion

  /** Deletes the video's item, its renditions and its upload record. */
  public void deleteVideoRecords(VideoItem video) {
    for (RenditionItem rendition : renditions(video.getVideoId())) {
      renditions.deleteItem(renditionKey(video.getVideoId(), rendition.getName()));
    }
    if (video.getUploadId() != null) {
      uploads.deleteItem(uploadKey(video.getUploadId()));
    }
    videos.deleteItem(videoKey(video.getVideoId()));
  }

  /** Deletes the video item alone (an aborted upload's video, already DELETED). */
  public void deleteVideoItem(String videoId) {
    videos.deleteItem(videoKey(videoId));
  }

  /**
   * Removes the expiry of a finished upload and its video (the Enhanced Client's update cannot remove
   * an attribute, hence the plain UpdateItem).
   */
  public void keepForever(String uploadId, String videoId) {
    removeTtl(UPLOAD_PREFIX + uploadId, UPLOAD_SK);
    removeTtl(VIDEO_PREFIX + videoId, VIDEO_SK);
  }

  private void removeTtl(String pk, String sk) {
    try {
      dynamoDb.updateItem(b -> b.tableName(tableName)
          .key(keyOf(pk, sk))
          .updateExpression("REMOVE #ttl")
          .conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(Map.of("#ttl", CatalogSchema.TTL_ATTRIBUTE, "#pk", CatalogSchema.PARTITION_KEY)));
    } catch (ConditionalCheckFailedException gone) {
      // the item was deleted meanwhile: nothing to keep
    }
  }

  // ---------------------------------------------------------------- helpers

  /** One item of one type: where it lives and how to name it in errors. */
  private record ItemRef<T extends CatalogItem>(DynamoDbTable<T> table, Supplier<T> factory, Key key,
      String entity, String id) {}

  private ItemRef<VideoItem> videoRef(String videoId) {
    return new ItemRef<>(videos, VideoItem::new, videoKey(videoId), "video", videoId);
  }

  private ItemRef<UploadItem> uploadRef(String uploadId) {
    return new ItemRef<>(uploads, UploadItem::new, uploadKey(uploadId), "upload", uploadId);
  }

  private ItemRef<RenditionItem> renditionRef(String videoId, String name) {
    return new ItemRef<>(renditions, RenditionItem::new, renditionKey(videoId, name),
        "rendition", videoId + "/" + name);
  }

  /** The stored failure reason an item entering a status loses: none when the status reports one. */
  private static List<String> staleError(boolean statusReportsError) {
    return statusReportsError ? List.of() : List.of(CatalogItem.ERROR);
  }

  /**
   * Writes the attributes {@code changes} sets (and {@code newStatus} unless null) if the item exists
   * in one of the {@code allowed} statuses and removes the {@code removed} ones that {@code changes}
   * does not set (a new error replaces a stale one), leaving every other attribute as it is.
   *
   * <p>A plain UpdateItem rather than the Enhanced Client's: that one can SET the attributes an item
   * carries, or REMOVE every attribute it leaves null, but not remove one chosen attribute in the same
   * conditional write. The item schema still maps the attributes both ways.
   */
  private <T extends CatalogItem> T change(ItemRef<T> ref, String newStatus, Collection<String> allowed,
      List<String> removed, Consumer<T> changes) {
    T update = ref.factory().get();
    changes.accept(update);
    if (newStatus != null) {
      update.setStatus(newStatus);
    }
    update.setUpdatedAt(clock.instant().toString());
    Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#pk", CatalogSchema.PARTITION_KEY));
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> placeholders = new ArrayList<>();
    for (String status : allowed) {
      String placeholder = ":allowed" + placeholders.size();
      placeholders.add(placeholder);
      values.put(placeholder, AttributeValue.fromS(status));
    }
    if (placeholders.isEmpty()) {
      throw new IllegalArgumentException("no status leads to " + newStatus);
    }
    Map<String, AttributeValue> set = ref.table().tableSchema().itemToMap(update, true);
    List<String> assignments = new ArrayList<>();
    set.forEach((attribute, value) -> {
      String placeholder = "set" + assignments.size();
      names.put("#" + placeholder, attribute);
      values.put(":" + placeholder, value);
      assignments.add("#" + placeholder + " = :" + placeholder);
    });
    List<String> removedNames = new ArrayList<>();
    for (String attribute : removed) {
      if (!set.containsKey(attribute)) {
        String placeholder = "#remove" + removedNames.size();
        names.put(placeholder, attribute);
        removedNames.add(placeholder);
      }
    }
    String updateExpression = "SET " + String.join(", ", assignments)
        + (removedNames.isEmpty() ? "" : " REMOVE " + String.join(", ", removedNames));
    String condition = "attribute_exists(#pk) AND #status IN (" + String.join(", ", placeholders) + ")";
    try {
      return ref.table().tableSchema().mapToItem(dynamoDb.updateItem(b -> b.tableName(tableName)
          .key(ref.key().primaryKeyMap(ref.table().tableSchema()))
          .updateExpression(updateExpression)
          .conditionExpression(condition)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes());
    } catch (ConditionalCheckFailedException e) {
      T current = ref.table().getItem(ref.key());
      if (current == null) {
        throw new NotFoundException(ref.entity(), ref.id());
      }
      throw new IllegalTransitionException(ref.entity(), ref.id(), current.getStatus(),
          newStatus != null ? newStatus : "changed while " + current.getStatus() + " (expected " + allowed + ")");
    }
  }

  private static List<String> statusNames(Collection<? extends Enum<?>> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }

  private static void indexVideo(VideoItem video) {
    String sortKey = video.getCreatedAt() + "#" + video.getVideoId();
    video.setGsi1pk(ALL_VIDEOS);
    video.setGsi1sk(sortKey);
    video.setGsi2pk(STATUS_PREFIX + video.getStatus());
    video.setGsi2sk(sortKey);
  }

  private static Map<String, AttributeValue> keyOf(String pk, String sk) {
    return Map.of(CatalogSchema.PARTITION_KEY, AttributeValue.fromS(pk), CatalogSchema.SORT_KEY, AttributeValue.fromS(sk));
  }

  private static Key videoKey(String videoId) {
    return Key.builder().partitionValue(VIDEO_PREFIX + videoId).sortValue(VIDEO_SK).build();
  }

  private static Key uploadKey(String uploadId) {
    return Key.builder().partitionValue(UPLOAD_PREFIX + uploadId).sortValue(UPLOAD_SK).build();
  }

  private static Key renditionKey(String videoId, String name) {
    return Key.builder().partitionValue(VIDEO_PREFIX + videoId).sortValue(RENDITION_PREFIX + name).build();
  }

  /** The cursor is the index's LastEvaluatedKey (all string attributes) as base64url JSON. */
  private static String encodeCursor(Map<String, AttributeValue> key) {
    Map<String, String> plain = new HashMap<>();
    key.forEach((name, value) -> plain.put(name, value.s()));
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(plain));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, AttributeValue> decodeCursor(String cursor) {
    try {
      Map<String, String> plain = Json.MAPPER.readValue(
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
          new TypeReference<Map<String, String>>() {});
      if (!plain.keySet().containsAll(List.of(CatalogSchema.PARTITION_KEY, CatalogSchema.SORT_KEY))) {
        throw new IllegalArgumentException("missing key attributes");
      }
      Map<String, AttributeValue> key = new HashMap<>();
      plain.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
      return key;
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new InvalidRequestException("INVALID_CURSOR", "cursor is not one this API returned");
    }
  }
}
