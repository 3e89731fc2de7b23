package dev.svod.functions.workflow;

import dev.svod.media.RenditionSpec;
import java.util.List;

/**
 * One Map item of the workflow: renditions encoded by one FFmpeg process with a single decode.
 *
 * @param index position in the plan (0 is scheduled first)
 * @param renditions what to encode
 * @param taskSize the Fargate size of the container task encoding them (container backend only)
 */
public record TranscodeGroup(int index, List<RenditionSpec> renditions, TaskSize taskSize) {
  public TranscodeGroup {
    renditions = List.copyOf(renditions);
    if (taskSize == null) {
      // A group planned before groups carried a size (JSON without "taskSize").
      taskSize = TaskSize.forRenditions(renditions);
    }
  }

  /** The rendition names, for logs and error messages. */
  public List<String> names() {
    return renditions.stream().map(RenditionSpec::name).toList();
  }
}
