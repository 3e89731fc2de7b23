package dev.svod.media;

/**
 * Why a source or an encode was refused or failed. The code is stable (it is stored with a FAILED
 * video and shown by the CLI); the human-readable reason travels next to it in {@link
 * MediaException}.
 */
public enum MediaErrorCode {
  /** The file is not audio/video media at all (text, image, archive, empty file...). */
  NOT_A_VIDEO,
  /** The file looks like media but cannot be read: truncated, corrupt, unreadable from disk. */
  UNREADABLE_SOURCE,
  /** Media we refuse by policy: a playlist or other container that pulls in other files, a disallowed protocol. */
  UNSUPPORTED_INPUT,
  /** Media beyond the configured limits: dimensions, duration or stream count. */
  LIMIT_EXCEEDED,
  /** FFmpeg failed while encoding or packaging an accepted source. */
  ENCODE_FAILED,
  /**
   * A source read over the network could not be fetched (connection failure, timeout, HTTP 5xx): a
   * passing condition, so retrying may succeed; the source itself is not judged.
   */
  SOURCE_UNREACHABLE,
  /** The ffmpeg/ffprobe executables cannot be found, extracted or started. */
  FFMPEG_UNAVAILABLE
}
