package dev.svod.media;

/** How a ladder is encoded. */
public enum EncodeMode {
  /** One FFmpeg process per rendition: the widest fan-out, the source is decoded once per rendition. */
  PER_RENDITION,
  /** One FFmpeg process for a group of renditions: decoded once, scaled through a {@code split} filter. */
  SINGLE_DECODE
}
