package dev.svod.functions.catalog;

import java.util.EnumSet;
import java.util.Set;

/** Video lifecycle (DESIGN.md): CREATED → PROCESSING → PARTIALLY_READY → READY, or FAILED; DELETED. */
public enum VideoStatus {
  CREATED, PROCESSING, PARTIALLY_READY, READY, FAILED, DELETED;

  /**
   * Statuses this one may be entered from. Re-entering the same status is allowed where a retried
   * workflow step repeats it (PROCESSING, PARTIALLY_READY); a video never goes back from READY, and a
   * playable video (PARTIALLY_READY) is not turned FAILED by a later error.
   */
  public Set<VideoStatus> allowedFrom() {
    return switch (this) {
      case CREATED -> EnumSet.noneOf(VideoStatus.class);
      case PROCESSING -> EnumSet.of(CREATED, PROCESSING);
      case PARTIALLY_READY -> EnumSet.of(PROCESSING, PARTIALLY_READY);
      case READY -> EnumSet.of(PROCESSING, PARTIALLY_READY);
      case FAILED -> EnumSet.of(CREATED, PROCESSING);
      case DELETED -> EnumSet.of(CREATED, PROCESSING, PARTIALLY_READY, READY, FAILED);
    };
  }

  /**
   * Whether a video in this status reports the reason of a failure: why nothing is playable (FAILED)
   * or which renditions failed (PARTIALLY_READY). Entering any other status removes a stored reason.
   */
  public boolean reportsError() {
    return this == FAILED || this == PARTIALLY_READY;
  }
}
