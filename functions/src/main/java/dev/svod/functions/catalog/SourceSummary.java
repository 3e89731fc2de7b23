package dev.svod.functions.catalog;

/**
 * What the probe found, as stored with a video and shown by {@code GET /videos/{id}} (a stable
 * subset of the media core's {@code SourceInfo}, so the API does not change with it).
 *
 * @param durationSeconds length of the source
 * @param width display width (rotation applied), 0 for audio-only
 * @param height display height, 0 for audio-only
 * @param fps average frame rate, 0 for audio-only
 * @param container FFmpeg's container name
 * @param videoCodec codec of the video stream, null for audio-only
 * @param audioCodec codec of the first audio stream, null when silent
 * @param audioTracks number of audio streams
 * @param hdr true for PQ/HLG sources
 * @param sizeBytes file size
 * @param bitRate overall bit rate in bit/s
 */
public record SourceSummary(double durationSeconds, int width, int height, double fps, String container,
    String videoCodec, String audioCodec, int audioTracks, boolean hdr, long sizeBytes, long bitRate) {}
