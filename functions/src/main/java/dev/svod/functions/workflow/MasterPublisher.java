package dev.svod.functions.workflow;

import dev.svod.functions.Json;
import dev.svod.functions.OutputStore;
import dev.svod.functions.catalog.Catalog;
import dev.svod.functions.catalog.RenditionItem;
import dev.svod.functions.catalog.RenditionStatus;
import dev.svod.functions.video.VideoService;
import dev.svod.media.EncodedRendition;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MasterPlaylistWriter;
import dev.svod.media.RenditionType;
import java.util.List;

/**
 * Rewrites {@code v/{videoId}/master.m3u8} from every DONE rendition's stored descriptor, once the
 * video is playable.
 *
 * <p>Parallel groups publish concurrently; each writer re-reads the DONE set after its PUT and writes
 * again until what it wrote is current, so the last playlist standing lists every DONE rendition.
 */
public final class MasterPublisher {
  private static final int MAX_ROUNDS = 5;

  private final Catalog catalog;
  private final OutputStore output;
  private final String outputBucket;
  private final MasterPlaylistWriter writer = new MasterPlaylistWriter();

  public MasterPublisher(Catalog catalog, OutputStore output, String outputBucket) {
    this.catalog = catalog;
    this.output = output;
    this.outputBucket = outputBucket;
  }

  /** The S3 key of a video's multivariant playlist. */
  public static String masterKey(String videoId) {
    return VideoService.outputPrefix(videoId) + "master.m3u8";
  }

  /**
   * A video can be played when a video rendition is DONE and its default audio rendition ({@link
   * LadderPlanner#DEFAULT_AUDIO}) is settled (DONE or FAILED), so the first playable master already
   * carries the sound; an audio-only source when an audio rendition is DONE.
   */
  public static boolean isPlayable(List<RenditionItem> renditions) {
    boolean videoPlanned = renditions.stream().anyMatch(r -> RenditionType.VIDEO.name().equals(r.getKind()));
    if (!videoPlanned) {
      return renditions.stream().anyMatch(MasterPublisher::isDone);
    }
    boolean videoDone = renditions.stream()
        .anyMatch(r -> RenditionType.VIDEO.name().equals(r.getKind()) && isDone(r));
    // Variants name the audio group from the start, so a player never starts silent; the default
    // audio must be settled, further languages join the group as they finish.
    boolean defaultAudioSettled = renditions.stream()
        .filter(r -> LadderPlanner.DEFAULT_AUDIO.equals(r.getName()))
        .allMatch(r -> isDone(r) || RenditionStatus.FAILED.name().equals(r.getStatus()));
    return videoDone && defaultAudioSettled;
  }

  /**
   * Writes the master playlist if the video is playable.
   *
   * @return whether it is playable (and the playlist written)
   */
  public boolean publish(String videoId) {
    List<String> written = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<RenditionItem> renditions = catalog.renditions(videoId);
      if (!isPlayable(renditions)) {
        return false;
      }
      List<EncodedRendition> done = renditions.stream().filter(MasterPublisher::isDone)
          .map(r -> Json.read(r.getEncoded(), EncodedRendition.class)).toList();
      List<String> names = done.stream().map(EncodedRendition::name).sorted().toList();
      if (names.equals(written)) {
        return true;
      }
      output.putText(outputBucket, masterKey(videoId), writer.write(done));
      written = names;
    }
    return true;
  }

  private static boolean isDone(RenditionItem rendition) {
    return RenditionStatus.DONE.name().equals(rendition.getStatus()) && rendition.getEncoded() != null;
  }
}
