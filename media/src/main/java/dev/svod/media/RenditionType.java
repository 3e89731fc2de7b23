package dev.svod.media;

/** Whether a rendition carries video (H.264) or audio only (AAC-LC). */
public enum RenditionType {
  VIDEO,
  AUDIO
}
