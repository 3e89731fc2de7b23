package dev.svod.functions.workflow;

import dev.svod.media.RenditionSpec;
import java.util.List;

/**
 * One Map item of the workflow: renditions encoded by one FFmpeg process with a single decode.
 *
 * @param index position in the plan (0 is scheduled first)
 * @param renditions what to encode
 */
public record TranscodeGroup(int index, List<RenditionSpec> renditions) {
  public TranscodeGroup {
    renditions = List.copyOf(renditions);
  }

  /** The rendition names, for logs and error messages. */
  public List<String> names() {
    return renditions.stream().map(RenditionSpec::name).toList();
  }
}
