package dev.svod.functions.workflow;

import dev.svod.functions.workflow.WorkflowInput.SourceObject;
import dev.svod.media.SourceInfo;

/**
 * What one transcode task needs (the Map item's input, for every backend): the same JSON reaches the
 * Lambda as its payload and the ECS container through {@code VOD_TRANSCODE_JOB}.
 *
 * @param videoId the video
 * @param source its source object
 * @param sourceInfo what the probe found (the encoder forces the probed demuxer)
 * @param group the renditions to encode
 */
public record TranscodeJob(String videoId, SourceObject source, SourceInfo sourceInfo, TranscodeGroup group) {}
