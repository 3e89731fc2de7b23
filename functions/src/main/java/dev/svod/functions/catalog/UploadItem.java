package dev.svod.functions.catalog;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A multipart upload of a video's source file (see {@link CatalogItem} for why a mutable bean). */
public final class UploadItem extends SourceFileItem {

  /** Static table schema of this item type (no bean introspection). */
  public static final TableSchema<UploadItem> SCHEMA = StaticTableSchema.builder(UploadItem.class)
      .newItemSupplier(UploadItem::new)
      .extend(SourceFileItem.SCHEMA)
      .addAttribute(String.class, a -> a.name("s3UploadId").getter(UploadItem::getS3UploadId).setter(UploadItem::setS3UploadId))
      .addAttribute(String.class, a -> a.name("bucket").getter(UploadItem::getBucket).setter(UploadItem::setBucket))
      .addAttribute(String.class, a -> a.name("objectKey").getter(UploadItem::getObjectKey).setter(UploadItem::setObjectKey))
      .addAttribute(Long.class, a -> a.name("partSize").getter(UploadItem::getPartSize).setter(UploadItem::setPartSize))
      .addAttribute(Integer.class, a -> a.name("partCount").getter(UploadItem::getPartCount).setter(UploadItem::setPartCount))
      .build();

  private String s3UploadId;
  private String bucket;
  private String objectKey;
  private Long partSize;
  private Integer partCount;

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
}
