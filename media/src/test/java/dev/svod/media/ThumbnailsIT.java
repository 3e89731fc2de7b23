package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsIT {
  private final Thumbnails thumbnails = new Thumbnails();

  @TempDir Path out;

  @Test
  void posterIsAJpegAtTheDisplaySize() throws Exception {
    Path clip = TestMedia.clip(320, 180, "30", 4, false);
    thumbnails.poster(clip, new MediaProber().probe(clip), out.resolve(Thumbnails.POSTER));

    JsonNode image = imageInfo(out.resolve(Thumbnails.POSTER));
    assertThat(image.path("codec_name").asText()).isEqualTo("mjpeg");
    assertThat(image.path("width").asInt()).isEqualTo(320);
    assertThat(image.path("height").asInt()).isEqualTo(180);
  }

  @Test
  void storyboardHasOneTilePerIntervalAndACuePointingAtEach() throws Exception {
    Path clip = TestMedia.clip(320, 180, "30", 12, false);
    SourceInfo info = new MediaProber().probe(clip);

    Thumbnails.Storyboard board = thumbnails.storyboard(clip, info, out);

    assertThat(board.tiles()).isEqualTo(12);
    assertThat(board.columns()).isEqualTo(10);
    assertThat(board.rows()).isEqualTo(2);
    JsonNode image = imageInfo(out.resolve(Thumbnails.STORYBOARD_IMAGE));
    assertThat(image.path("width").asInt()).isEqualTo(10 * 160);
    assertThat(image.path("height").asInt()).isEqualTo(2 * 90);
    List<String> lines = Files.readAllLines(out.resolve(Thumbnails.STORYBOARD_VTT));
    assertThat(lines.getFirst()).isEqualTo("WEBVTT");
    assertThat(lines).contains("00:00:00.000 --> 00:00:01.000", "storyboard.jpg#xywh=0,0,160,90",
        "00:00:11.000 --> 00:00:12.000", "storyboard.jpg#xywh=160,90,160,90");
    assertThat(lines.stream().filter(l -> l.contains("#xywh=")).count()).isEqualTo(12);
  }

  @Test
  void storyboardOfAnHlsRenditionsJoinedSegmentsFollowsTheVideoTimeline() throws Exception {
    // Given a 12 s clip packaged as HLS fMP4 (two 6 s segments), joined back: init + segments in order
    Path rendition = hlsRendition(TestMedia.clip(320, 180, "30", 12, false));
    Path joined = join(out.resolve("joined.mp4"), rendition, "seg_00001.m4s", "seg_00002.m4s");
    Path boardDir = Files.createDirectories(out.resolve("board"));

    // When
    Thumbnails.Storyboard board = thumbnails.storyboard(joined, new MediaProber().probe(joined), boardDir);

    // Then: the same layout and cues as from the source
    assertThat(board.tiles()).isEqualTo(12);
    List<String> lines = Files.readAllLines(boardDir.resolve(Thumbnails.STORYBOARD_VTT));
    assertThat(lines).contains("00:00:00.000 --> 00:00:01.000", "00:00:11.000 --> 00:00:12.000");
    assertThat(imageInfo(boardDir.resolve(Thumbnails.STORYBOARD_IMAGE)).path("width").asInt()).isEqualTo(10 * 160);
  }

  @Test
  void posterFromOneSegmentIsTheFrameAtTheSameTimeOfTheWholeVideo() throws Exception {
    // Given the rendition as a whole and its second segment alone (it starts at 6 s)
    Path rendition = hlsRendition(TestMedia.clip(320, 180, "30", 12, false));
    Path whole = join(out.resolve("whole.mp4"), rendition, "seg_00001.m4s", "seg_00002.m4s");
    Path second = join(out.resolve("second.mp4"), rendition, "seg_00002.m4s");
    MediaProber prober = new MediaProber();

    // When: 7.5 s into the video, i.e. 1.5 s into the second segment
    thumbnails.poster(whole, prober.probe(whole), 7.5, out.resolve("from-whole.jpg"));
    thumbnails.poster(second, prober.probe(second), 1.5, out.resolve("from-segment.jpg"));
    thumbnails.poster(whole, prober.probe(whole), 1.5, out.resolve("early.jpg"));

    // Then: the very same frame (same JPEG), and not just any frame
    assertThat(Files.readAllBytes(out.resolve("from-segment.jpg"))).isEqualTo(Files.readAllBytes(out.resolve("from-whole.jpg")));
    assertThat(Files.readAllBytes(out.resolve("early.jpg"))).isNotEqualTo(Files.readAllBytes(out.resolve("from-whole.jpg")));
    assertThat(imageInfo(out.resolve("from-segment.jpg")).path("width").asInt()).isEqualTo(320);
  }

  private Path hlsRendition(Path clip) {
    SourceInfo info = new MediaProber().probe(clip);
    List<RenditionSpec> ladder = new LadderPlanner().plan(info);
    Path hls = out.resolve("hls");
    new HlsTranscoder().transcode(clip, info, ladder, hls, EncodeMode.SINGLE_DECODE,
        EncodeOptions.defaults().withPreset("ultrafast"), ProgressListener.NONE);
    return hls.resolve(ladder.getFirst().name());
  }

  private static Path join(Path target, Path renditionDir, String... segments) throws Exception {
    try (OutputStream joined = Files.newOutputStream(target)) {
      Files.copy(renditionDir.resolve("init.mp4"), joined);
      for (String segment : segments) {
        Files.copy(renditionDir.resolve(segment), joined);
      }
    }
    return target;
  }

  private static JsonNode imageInfo(Path jpg) throws Exception {
    FfmpegTools tools = FfmpegTools.locate();
    var result = FfmpegProcess.run(tools, List.of(tools.ffprobe().toString(), "-v", "quiet", "-of", "json",
        "-show_entries", "stream=codec_name,width,height", jpg.toString()), Duration.ofMinutes(1), null);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout()).path("streams").get(0);
  }
}
