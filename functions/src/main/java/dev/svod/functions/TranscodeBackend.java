package dev.svod.functions;

import java.util.Locale;

/**
 * Where the transcode step of the workflow runs; chosen per deployment ({@code VOD_TRANSCODE_BACKEND})
 * and carried in each execution's input as {@code backend} so the state machine's Choice can route it.
 */
public enum TranscodeBackend {
  /** FFmpeg in an ECS Fargate task ({@code ecs:runTask.sync}); the AWS default. */
  CONTAINER,
  /** FFmpeg inside a Lambda function ({@code lambda:invoke}); short sources, LocalStack, the local runtime. */
  LAMBDA,
  /** AWS Elemental MediaConvert ({@code mediaconvert:createJob.sync}). */
  MEDIACONVERT;

  /** The lower-case name used in environment variables and the workflow input. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code container|lambda|mediaconvert} (case-insensitive). */
  public static TranscodeBackend parse(String value) {
    for (TranscodeBackend backend : values()) {
      if (backend.wireName().equalsIgnoreCase(value.trim())) {
        return backend;
      }
    }
    throw new IllegalArgumentException(
        "unknown transcode backend '" + value + "' (expected container, lambda or mediaconvert)");
  }
}
