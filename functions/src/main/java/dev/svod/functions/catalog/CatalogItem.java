package dev.svod.functions.catalog;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * What every item of the catalog table has: its key, the video it belongs to, a status, the reason
 * of a failure and the time of the last change.
 *
 * <p>Items are mutable beans because a change writes only the attributes that are set: a transition
 * sets the new status and what changed (see {@code Catalog}).
 * Schemas are static (no reflection at cold start); each item type's schema {@code extend}s
 * {@link #SCHEMA} so these attributes are declared once.
 */
public abstract class CatalogItem {

  /** Attribute of a failure's reason, removed when the item enters a status that reports none. */
  static final String ERROR = "error";

  /** Static schema of the common attributes, extended by every item type's own schema. */
  static final StaticTableSchema<CatalogItem> SCHEMA = StaticTableSchema.builder(CatalogItem.class)
      .addAttribute(String.class, a -> a.name(CatalogSchema.PARTITION_KEY).getter(CatalogItem::getPk).setter(CatalogItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(CatalogSchema.SORT_KEY).getter(CatalogItem::getSk).setter(CatalogItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name("videoId").getter(CatalogItem::getVideoId).setter(CatalogItem::setVideoId))
      .addAttribute(String.class, a -> a.name("status").getter(CatalogItem::getStatus).setter(CatalogItem::setStatus))
      .addAttribute(String.class, a -> a.name(ERROR).getter(CatalogItem::getError).setter(CatalogItem::setError))
      .addAttribute(String.class, a -> a.name("updatedAt").getter(CatalogItem::getUpdatedAt).setter(CatalogItem::setUpdatedAt))
      .build();

  private String pk;
  private String sk;
  private String videoId;
  private String status;
  private String error;
  private String updatedAt;

  public String getPk() {
    return pk;
  }

  public void setPk(String pk) {
    this.pk = pk;
  }

  public String getSk() {
    return sk;
  }

  public void setSk(String sk) {
    this.sk = sk;
  }

  public String getVideoId() {
    return videoId;
  }

  public void setVideoId(String videoId) {
    this.videoId = videoId;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }
}
