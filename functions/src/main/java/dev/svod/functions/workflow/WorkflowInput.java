package dev.svod.functions.workflow;

import dev.svod.functions.VodConfig;

/**
 * Input of one VOD workflow execution, written by the ingest function (and by a retry of the failed
 * renditions, which runs the same workflow again).
 *
 * @param videoId the video, also the execution name of its first run
 * @param source where its source object is
 * @param backend transcode backend: {@code container}, {@code lambda} or {@code mediaconvert}
 * @param grouping rendition grouping: {@code per-rendition}, {@code first-and-rest} or {@code single}
 * @param maxConcurrency how many transcode groups run at once (Map MaxConcurrency; 0 = no limit)
 */
public record WorkflowInput(String videoId, SourceObject source, String backend, String grouping,
    int maxConcurrency) {

  /** The input for the video's source object with the deployment's backend, grouping and concurrency. */
  public static WorkflowInput forSource(String videoId, SourceObject source, VodConfig config) {
    return new WorkflowInput(videoId, source, config.transcodeBackend().wireName(), config.grouping().wireName(),
        config.maxConcurrency());
  }

  /** An S3 object. */
  public record SourceObject(String bucket, String key) {}
}
