package dev.svod.functions.catalog;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An item describing an uploaded source file: a video and its upload both carry the file's name,
 * type and size, the upload's id, when they were created and when DynamoDB may expire them.
 */
public abstract class SourceFileItem extends CatalogItem {

  /** Static schema of the source-file attributes (plus {@link CatalogItem#SCHEMA}). */
  static final StaticTableSchema<SourceFileItem> SCHEMA = StaticTableSchema.builder(SourceFileItem.class)
      .extend(CatalogItem.SCHEMA)
      .addAttribute(String.class, a -> a.name("uploadId").getter(SourceFileItem::getUploadId).setter(SourceFileItem::setUploadId))
      .addAttribute(String.class, a -> a.name("filename").getter(SourceFileItem::getFilename).setter(SourceFileItem::setFilename))
      .addAttribute(String.class, a -> a.name("contentType").getter(SourceFileItem::getContentType).setter(SourceFileItem::setContentType))
      .addAttribute(Long.class, a -> a.name("sizeBytes").getter(SourceFileItem::getSizeBytes).setter(SourceFileItem::setSizeBytes))
      .addAttribute(String.class, a -> a.name("createdAt").getter(SourceFileItem::getCreatedAt).setter(SourceFileItem::setCreatedAt))
      .addAttribute(Long.class, a -> a.name(CatalogSchema.TTL_ATTRIBUTE).getter(SourceFileItem::getTtl).setter(SourceFileItem::setTtl))
      .build();

  private String uploadId;
  private String filename;
  private String contentType;
  private Long sizeBytes;
  private String createdAt;
  private Long ttl;

  public String getUploadId() {
    return uploadId;
  }

  public void setUploadId(String uploadId) {
    this.uploadId = uploadId;
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

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  public Long getTtl() {
    return ttl;
  }

  public void setTtl(Long ttl) {
    this.ttl = ttl;
  }
}
