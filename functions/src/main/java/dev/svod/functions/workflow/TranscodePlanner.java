package dev.svod.functions.workflow;

import dev.svod.functions.TranscodeGrouping;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders and groups a ladder into transcode tasks for the shortest time to first playable: the
 * cheapest playable renditions (the lowest video rung and the audio) come first, so the video turns
 * PARTIALLY_READY as early as possible; see {@link TranscodeGrouping} for the modes. Each group is
 * sized for its work ({@link TaskSize#forGroup}).
 */
public final class TranscodePlanner {
  private TranscodePlanner() {}

  /**
   * Groups {@code ladder} (any order) of {@code source} by {@code grouping}; group indexes follow
   * scheduling order.
   */
  public static List<TranscodeGroup> group(List<RenditionSpec> ladder, TranscodeGrouping grouping,
      SourceInfo source) {
    List<RenditionSpec> video = ladder.stream().filter(RenditionSpec::isVideo)
        .sorted(Comparator.comparingLong(TranscodePlanner::pixelRate)).toList();
    // The planner's order: the default audio (the source's first stream) first.
    List<RenditionSpec> audio = ladder.stream().filter(r -> !r.isVideo()).toList();
    List<List<RenditionSpec>> groups = new ArrayList<>();
    switch (grouping) {
      case PER_RENDITION -> {
        // The default audio and the lowest rung make the video playable; further languages join
        // its audio group when they are done, so they wait behind that first playable pair.
        List<RenditionSpec> order = new ArrayList<>();
        audio.stream().limit(1).forEach(order::add);
        video.stream().limit(1).forEach(order::add);
        audio.stream().skip(1).forEach(order::add);
        video.stream().skip(1).forEach(order::add);
        order.forEach(r -> groups.add(List.of(r)));
      }
      case FIRST_AND_REST -> {
        List<RenditionSpec> first = new ArrayList<>();
        if (!video.isEmpty()) {
          first.add(video.getFirst());
        }
        first.addAll(audio);
        if (!first.isEmpty()) {
          groups.add(first);
        }
        if (video.size() > 1) {
          groups.add(video.subList(1, video.size()));
        }
      }
      case SINGLE -> {
        List<RenditionSpec> all = new ArrayList<>(video);
        all.addAll(audio);
        if (!all.isEmpty()) {
          groups.add(all);
        }
      }
    }
    List<TranscodeGroup> result = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      result.add(new TranscodeGroup(i, groups.get(i), TaskSize.forGroup(groups.get(i), source)));
    }
    return result;
  }

  /** Encoding cost proxy: pixels per second (audio sorts first, costing least). */
  static long pixelRate(RenditionSpec spec) {
    return Math.round((long) spec.width() * spec.height() * Math.max(1, spec.frameRate()));
  }
}
