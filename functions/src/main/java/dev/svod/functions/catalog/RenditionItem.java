package dev.svod.functions.catalog;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One rendition of a video: its plan, transcode progress and the measured result (see
 * {@link CatalogItem} for why a mutable bean).
 */
public final class RenditionItem extends CatalogItem {

  /** Static table schema of this item type (no bean introspection). */
  public static final TableSchema<RenditionItem> SCHEMA = StaticTableSchema.builder(RenditionItem.class)
      .newItemSupplier(RenditionItem::new)
      .extend(CatalogItem.SCHEMA)
      .addAttribute(String.class, a -> a.name("name").getter(RenditionItem::getName).setter(RenditionItem::setName))
      .addAttribute(String.class, a -> a.name("kind").getter(RenditionItem::getKind).setter(RenditionItem::setKind))
      .addAttribute(Integer.class, a -> a.name("groupIndex").getter(RenditionItem::getGroupIndex).setter(RenditionItem::setGroupIndex))
      .addAttribute(Integer.class, a -> a.name("progress").getter(RenditionItem::getProgress).setter(RenditionItem::setProgress))
      .addAttribute(Integer.class, a -> a.name("attempts").getter(RenditionItem::getAttempts).setter(RenditionItem::setAttempts))
      .addAttribute(Integer.class, a -> a.name("width").getter(RenditionItem::getWidth).setter(RenditionItem::setWidth))
      .addAttribute(Integer.class, a -> a.name("height").getter(RenditionItem::getHeight).setter(RenditionItem::setHeight))
      .addAttribute(Double.class, a -> a.name("frameRate").getter(RenditionItem::getFrameRate).setter(RenditionItem::setFrameRate))
      .addAttribute(Long.class, a -> a.name("bandwidth").getter(RenditionItem::getBandwidth).setter(RenditionItem::setBandwidth))
      .addAttribute(Long.class, a -> a.name("averageBandwidth").getter(RenditionItem::getAverageBandwidth).setter(RenditionItem::setAverageBandwidth))
      .addAttribute(String.class, a -> a.name("codecs").getter(RenditionItem::getCodecs).setter(RenditionItem::setCodecs))
      .addAttribute(String.class, a -> a.name("language").getter(RenditionItem::getLanguage).setter(RenditionItem::setLanguage))
      .addAttribute(String.class, a -> a.name("spec").getter(RenditionItem::getSpec).setter(RenditionItem::setSpec))
      .addAttribute(String.class, a -> a.name("encoded").getter(RenditionItem::getEncoded).setter(RenditionItem::setEncoded))
      .build();

  private String name;
  private String kind;
  private Integer groupIndex;
  private Integer progress;
  private Integer attempts;
  private Integer width;
  private Integer height;
  private Double frameRate;
  private Long bandwidth;
  private Long averageBandwidth;
  private String codecs;
  private String language;
  private String spec;
  private String encoded;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public Integer getGroupIndex() {
    return groupIndex;
  }

  public void setGroupIndex(Integer groupIndex) {
    this.groupIndex = groupIndex;
  }

  public Integer getProgress() {
    return progress;
  }

  public void setProgress(Integer progress) {
    this.progress = progress;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public Integer getWidth() {
    return width;
  }

  public void setWidth(Integer width) {
    this.width = width;
  }

  public Integer getHeight() {
    return height;
  }

  public void setHeight(Integer height) {
    this.height = height;
  }

  public Double getFrameRate() {
    return frameRate;
  }

  public void setFrameRate(Double frameRate) {
    this.frameRate = frameRate;
  }

  public Long getBandwidth() {
    return bandwidth;
  }

  public void setBandwidth(Long bandwidth) {
    this.bandwidth = bandwidth;
  }

  public Long getAverageBandwidth() {
    return averageBandwidth;
  }

  public void setAverageBandwidth(Long averageBandwidth) {
    this.averageBandwidth = averageBandwidth;
  }

  public String getCodecs() {
    return codecs;
  }

  public void setCodecs(String codecs) {
    this.codecs = codecs;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getSpec() {
    return spec;
  }

  public void setSpec(String spec) {
    this.spec = spec;
  }

  public String getEncoded() {
    return encoded;
  }

  public void setEncoded(String encoded) {
    this.encoded = encoded;
  }
}
