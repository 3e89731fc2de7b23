package dev.svod.functions.catalog;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A video: its status, what the probe found, and where to play it.
 *
 * <p>A mutable bean because the Enhanced Client's update with {@code IgnoreNullsMode} writes only
 * the attributes that are set: a transition sets the key, the new status and what changed.
 * Generated-style accessors; the schema below is static (no reflection at cold start).
 */
public final class VideoItem implements CatalogItem {

  /** Static table schema of this item type (no bean introspection). */
  public static final TableSchema<VideoItem> SCHEMA = StaticTableSchema.builder(VideoItem.class)
      .newItemSupplier(VideoItem::new)
      .addAttribute(String.class, a -> a.name(CatalogSchema.PARTITION_KEY).getter(VideoItem::getPk).setter(VideoItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(CatalogSchema.SORT_KEY).getter(VideoItem::getSk).setter(VideoItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_CREATED_PK).getter(VideoItem::getGsi1pk).setter(VideoItem::setGsi1pk).tags(secondaryPartitionKey(CatalogSchema.GSI_BY_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_CREATED_SK).getter(VideoItem::getGsi1sk).setter(VideoItem::setGsi1sk).tags(secondarySortKey(CatalogSchema.GSI_BY_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_STATUS_PK).getter(VideoItem::getGsi2pk).setter(VideoItem::setGsi2pk).tags(secondaryPartitionKey(CatalogSchema.GSI_BY_STATUS_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_STATUS_SK).getter(VideoItem::getGsi2sk).setter(VideoItem::setGsi2sk).tags(secondarySortKey(CatalogSchema.GSI_BY_STATUS_CREATED)))
      .addAttribute(String.class, a -> a.name("videoId").getter(VideoItem::getVideoId).setter(VideoItem::setVideoId))
      .addAttribute(String.class, a -> a.name("uploadId").getter(VideoItem::getUploadId).setter(VideoItem::setUploadId))
      .addAttribute(String.class, a -> a.name("title").getter(VideoItem::getTitle).setter(VideoItem::setTitle))
      .addAttribute(String.class, a -> a.name("filename").getter(VideoItem::getFilename).setter(VideoItem::setFilename))
      .addAttribute(String.class, a -> a.name("contentType").getter(VideoItem::getContentType).setter(VideoItem::setContentType))
      .addAttribute(Long.class, a -> a.name("sizeBytes").getter(VideoItem::getSizeBytes).setter(VideoItem::setSizeBytes))
      .addAttribute(String.class, a -> a.name("status").getter(VideoItem::getStatus).setter(VideoItem::setStatus))
      .addAttribute(String.class, a -> a.name("error").getter(VideoItem::getError).setter(VideoItem::setError))
      .addAttribute(String.class, a -> a.name("source").getter(VideoItem::getSource).setter(VideoItem::setSource))
      .addAttribute(String.class, a -> a.name("plan").getter(VideoItem::getPlan).setter(VideoItem::setPlan))
      .addAttribute(Boolean.class, a -> a.name("poster").getter(VideoItem::getPoster).setter(VideoItem::setPoster))
      .addAttribute(Boolean.class, a -> a.name("storyboard").getter(VideoItem::getStoryboard).setter(VideoItem::setStoryboard))
      .addAttribute(String.class, a -> a.name("createdAt").getter(VideoItem::getCreatedAt).setter(VideoItem::setCreatedAt))
      .addAttribute(String.class, a -> a.name("updatedAt").getter(VideoItem::getUpdatedAt).setter(VideoItem::setUpdatedAt))
      .addAttribute(Long.class, a -> a.name(CatalogSchema.TTL_ATTRIBUTE).getter(VideoItem::getTtl).setter(VideoItem::setTtl))
      .build();

  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String videoId;
  private String uploadId;
  private String title;
  private String filename;
  private String contentType;
  private Long sizeBytes;
  private String status;
  private String error;
  private String source;
  private String plan;
  private Boolean poster;
  private Boolean storyboard;
  private String createdAt;
  private String updatedAt;
  private Long ttl;

  @Override
  public String getPk() {
    return pk;
  }

  @Override
  public void setPk(String pk) {
    this.pk = pk;
  }

  @Override
  public String getSk() {
    return sk;
  }

  @Override
  public void setSk(String sk) {
    this.sk = sk;
  }

  public String getGsi1pk() {
    return gsi1pk;
  }

  public void setGsi1pk(String gsi1pk) {
    this.gsi1pk = gsi1pk;
  }

  public String getGsi1sk() {
    return gsi1sk;
  }

  public void setGsi1sk(String gsi1sk) {
    this.gsi1sk = gsi1sk;
  }

  public String getGsi2pk() {
    return gsi2pk;
  }

  public void setGsi2pk(String gsi2pk) {
    this.gsi2pk = gsi2pk;
  }

  public String getGsi2sk() {
    return gsi2sk;
  }

  public void setGsi2sk(String gsi2sk) {
    this.gsi2sk = gsi2sk;
  }

  public String getVideoId() {
    return videoId;
  }

  public void setVideoId(String videoId) {
    this.videoId = videoId;
  }

  public String getUploadId() {
    return uploadId;
  }

  public void setUploadId(String uploadId) {
    this.uploadId = uploadId;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getFilename() {
    return filename;
  }

  public void setFilename(String filename) {
    this.filename = filename;
  }

  public String getContentType() {
    return contentType;
  }

  public void setContentType(String contentType) {
    this.contentType = contentType;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  @Override
  public String getStatus() {
    return status;
  }

  @Override
  public void setStatus(String status) {
    this.status = status;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getPlan() {
    return plan;
  }

  public void setPlan(String plan) {
    this.plan = plan;
  }

  public Boolean getPoster() {
    return poster;
  }

  public void setPoster(Boolean poster) {
    this.poster = poster;
  }

  public Boolean getStoryboard() {
    return storyboard;
  }

  public void setStoryboard(Boolean storyboard) {
    this.storyboard = storyboard;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  @Override
  public String getUpdatedAt() {
    return updatedAt;
  }

  @Override
  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  public Long getTtl() {
    return ttl;
  }

  public void setTtl(Long ttl) {
    this.ttl = ttl;
  }
}
