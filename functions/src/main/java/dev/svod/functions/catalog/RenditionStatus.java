package dev.svod.functions.catalog;

import java.util.EnumSet;
import java.util.Set;

/** Rendition lifecycle (DESIGN.md): PENDING → PROCESSING → DONE, or FAILED. */
public enum RenditionStatus {
  PENDING, PROCESSING, DONE, FAILED;

  /** A failed rendition may be processed again (the group retries only its own renditions). */
  public Set<RenditionStatus> allowedFrom() {
    return switch (this) {
      case PENDING -> EnumSet.noneOf(RenditionStatus.class);
      case PROCESSING -> EnumSet.of(PENDING, PROCESSING, FAILED);
      case DONE -> EnumSet.of(PROCESSING);
      case FAILED -> EnumSet.of(PENDING, PROCESSING);
    };
  }

  /**
   * Whether a rendition in this status reports the reason of a failure (FAILED alone). Entering any
   * other status, as a retried rendition does, removes a stored reason.
   */
  public boolean reportsError() {
    return this == FAILED;
  }
}
