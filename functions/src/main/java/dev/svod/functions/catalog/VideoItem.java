package dev.svod.functions.catalog;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A video: its status, what the probe found, and where to play it (see {@link CatalogItem} for why a
 * mutable bean).
 */
public final class VideoItem extends SourceFileItem {
  /** Attribute counting the retries of failed renditions (absent before the first). */
  static final String RETRIES = "retries";
  /** Attribute marking that the video's last workflow run has ended (absent while one runs). */
  static final String SETTLED_AT = "settledAt";

  /** Static table schema of this item type (no bean introspection). */
  public static final TableSchema<VideoItem> SCHEMA = StaticTableSchema.builder(VideoItem.class)
      .newItemSupplier(VideoItem::new)
      .extend(SourceFileItem.SCHEMA)
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_CREATED_PK).getter(VideoItem::getGsi1pk).setter(VideoItem::setGsi1pk).tags(secondaryPartitionKey(CatalogSchema.GSI_BY_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_CREATED_SK).getter(VideoItem::getGsi1sk).setter(VideoItem::setGsi1sk).tags(secondarySortKey(CatalogSchema.GSI_BY_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_STATUS_PK).getter(VideoItem::getGsi2pk).setter(VideoItem::setGsi2pk).tags(secondaryPartitionKey(CatalogSchema.GSI_BY_STATUS_CREATED)))
      .addAttribute(String.class, a -> a.name(CatalogSchema.GSI_STATUS_SK).getter(VideoItem::getGsi2sk).setter(VideoItem::setGsi2sk).tags(secondarySortKey(CatalogSchema.GSI_BY_STATUS_CREATED)))
      .addAttribute(String.class, a -> a.name("title").getter(VideoItem::getTitle).setter(VideoItem::setTitle))
      .addAttribute(String.class, a -> a.name("source").getter(VideoItem::getSource).setter(VideoItem::setSource))
      .addAttribute(String.class, a -> a.name("plan").getter(VideoItem::getPlan).setter(VideoItem::setPlan))
      .addAttribute(Boolean.class, a -> a.name("poster").getter(VideoItem::getPoster).setter(VideoItem::setPoster))
      .addAttribute(Boolean.class, a -> a.name("storyboard").getter(VideoItem::getStoryboard).setter(VideoItem::setStoryboard))
      .addAttribute(Integer.class, a -> a.name(RETRIES).getter(VideoItem::getRetries).setter(VideoItem::setRetries))
      .addAttribute(String.class, a -> a.name(SETTLED_AT).getter(VideoItem::getSettledAt).setter(VideoItem::setSettledAt))
      .build();

  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String title;
  private String source;
  private String plan;
  private Boolean poster;
  private Boolean storyboard;
  private Integer retries;
  private String settledAt;

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

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
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

  /** How many retries of failed renditions were started (null before the first). */
  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  /**
   * When the video's last workflow run ended (ISO instant), written by the step that settles it and
   * removed when a run starts over the same video; null while a run is in progress. The rendition
   * statuses cannot tell: between a failed transcode task and the workflow's retry of it, its
   * renditions are FAILED although the run goes on.
   */
  public String getSettledAt() {
    return settledAt;
  }

  public void setSettledAt(String settledAt) {
    this.settledAt = settledAt;
  }
}
