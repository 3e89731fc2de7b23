package dev.svod.functions.catalog;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A multipart upload of a video's source file.
 *
 * <p>A mutable bean because the Enhanced Client's update with {@code IgnoreNullsMode} writes only
 * the attributes that are set: a transition sets the key, the new status and what changed.
 * Generated-style accessors; the schema below is static (no reflection at cold start).
 */
public final class UploadItem implements CatalogItem {

  /** Static table schema of this item type (no bean introspection). */
  public static final TableSchema<UploadItem> SCHEMA = StaticTableSchema.builder(UploadItem.class)
      .newItemSupplier(UploadItem::new)
      .addAttribute(String.class, a -> a.name(CatalogSchema.PARTITION_KEY).getter(UploadItem::getPk).setter(UploadItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(CatalogSchema.SORT_KEY).getter(UploadItem::getSk).setter(UploadItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name("uploadId").getter(UploadItem::getUploadId).setter(UploadItem::setUploadId))
      .addAttribute(String.class, a -> a.name("videoId").getter(UploadItem::getVideoId).setter(UploadItem::setVideoId))
      .addAttribute(String.class, a -> a.name("s3UploadId").getter(UploadItem::getS3UploadId).setter(UploadItem::setS3UploadId))
      .addAttribute(String.class, a -> a.name("bucket").getter(UploadItem::getBucket).setter(UploadItem::setBucket))
      .addAttribute(String.class, a -> a.name("objectKey").getter(UploadItem::getObjectKey).setter(UploadItem::setObjectKey))
      .addAttribute(String.class, a -> a.name("status").getter(UploadItem::getStatus).setter(UploadItem::setStatus))
      .addAttribute(String.class, a -> a.name("error").getter(UploadItem::getError).setter(UploadItem::setError))
      .addAttribute(Long.class, a -> a.name("sizeBytes").getter(UploadItem::getSizeBytes).setter(UploadItem::setSizeBytes))
      .addAttribute(Long.class, a -> a.name("partSize").getter(UploadItem::getPartSize).setter(UploadItem::setPartSize))
      .addAttribute(Integer.class, a -> a.name("partCount").getter(UploadItem::getPartCount).setter(UploadItem::setPartCount))
      .addAttribute(String.class, a -> a.name("filename").getter(UploadItem::getFilename).setter(UploadItem::setFilename))
      .addAttribute(String.class, a -> a.name("contentType").getter(UploadItem::getContentType).setter(UploadItem::setContentType))
      .addAttribute(String.class, a -> a.name("createdAt").getter(UploadItem::getCreatedAt).setter(UploadItem::setCreatedAt))
      .addAttribute(String.class, a -> a.name("updatedAt").getter(UploadItem::getUpdatedAt).setter(UploadItem::setUpdatedAt))
      .addAttribute(Long.class, a -> a.name(CatalogSchema.TTL_ATTRIBUTE).getter(UploadItem::getTtl).setter(UploadItem::setTtl))
      .build();

  private String pk;
  private String sk;
  private String uploadId;
  private String videoId;
  private String s3UploadId;
  private String bucket;
  private String objectKey;
  private String status;
  private String error;
  private Long sizeBytes;
  private Long partSize;
  private Integer partCount;
  private String filename;
  private String contentType;
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

  public String getUploadId() {
    return uploadId;
  }

  public void setUploadId(String uploadId) {
    this.uploadId = uploadId;
  }

  public String getVideoId() {
    return videoId;
  }

  public void setVideoId(String videoId) {
    this.videoId = videoId;
  }

  public String getS3UploadId() {
    return s3UploadId;
  }

  public void setS3UploadId(String s3UploadId) {
    this.s3UploadId = s3UploadId;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getObjectKey() {
    return objectKey;
  }

  public void setObjectKey(String objectKey) {
    this.objectKey = objectKey;
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

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  public Long getPartSize() {
    return partSize;
  }

  public void setPartSize(Long partSize) {
    this.partSize = partSize;
  }

  public Integer getPartCount() {
    return partCount;
  }

  public void setPartCount(Integer partCount) {
    this.partCount = partCount;
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
