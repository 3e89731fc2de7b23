package dev.svod.functions.workflow;

/**
 * Input of one VOD workflow execution, written by the ingest function.
 *
 * @param videoId the video, also the execution name
 * @param source where its source object is
 * @param backend transcode backend: {@code container}, {@code lambda} or {@code mediaconvert}
 * @param grouping rendition grouping: {@code per-rendition}, {@code first-and-rest} or {@code single}
 * @param maxConcurrency how many transcode groups run at once (Map MaxConcurrency; 0 = no limit)
 */
public record WorkflowInput(String videoId, SourceObject source, String backend, String grouping,
    int maxConcurrency) {

  /** An S3 object. */
  public record SourceObject(String bucket, String key) {}
}
