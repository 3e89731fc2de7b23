package dev.svod.functions.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * Upload lifecycle (DESIGN.md): CREATED → UPLOADING → UPLOADED, or FAILED / ABORTED. UPLOADING means
 * the client has started sending parts (S3 holds at least one) or asked to complete.
 */
public enum UploadStatus {
  CREATED, UPLOADING, UPLOADED, FAILED, ABORTED;

  /** Statuses this one may be entered from; UPLOADED also directly from CREATED (S3 event raced the API). */
  public Set<UploadStatus> allowedFrom() {
    return switch (this) {
      case CREATED -> EnumSet.noneOf(UploadStatus.class);
      case UPLOADING -> EnumSet.of(CREATED, UPLOADING);
      case UPLOADED -> EnumSet.of(CREATED, UPLOADING);
      case FAILED, ABORTED -> EnumSet.of(CREATED, UPLOADING);
    };
  }

  /** Whether the client may still send, re-sign or complete parts. */
  public boolean isOpen() {
    return this == CREATED || this == UPLOADING;
  }
}
