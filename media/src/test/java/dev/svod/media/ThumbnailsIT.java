package dev.svod.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
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

  private static JsonNode imageInfo(Path jpg) throws Exception {
    FfmpegTools tools = FfmpegTools.locate();
    var result = FfmpegProcess.run(tools, List.of(tools.ffprobe().toString(), "-v", "quiet", "-of", "json",
        "-show_entries", "stream=codec_name,width,height", jpg.toString()), Duration.ofMinutes(1), null);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout()).path("streams").get(0);
  }
}
