package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.OutputStore;
import dev.svod.functions.VodConfig;
import dev.svod.functions.testing.LocalAws;
import dev.svod.media.EncodedRendition;
import dev.svod.media.RenditionSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class MediaConvertOutputsIT {
  private final LocalAws aws = LocalAws.get();
  private final VodConfig config = aws.newConfig();
  private final OutputStore output = new OutputStore(aws.s3());

  private void put(String key, byte[] body) {
    aws.s3().putObject(b -> b.bucket(config.outputBucket()).key(key), RequestBody.fromBytes(body));
  }

  @Test
  void measuresBandwidthsFromSegmentsAndReadsCodecsFromMediaConvertsPlaylist() {
    String dir = "v/vid1/360p/";
    put(dir + "index.m3u8", """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=700000,CODECS="avc1.4d401e",RESOLUTION=640x360,FRAME-RATE=30.000
        index_media.m3u8
        #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,CODECS="avc1.4d401e",RESOLUTION=640x360,URI="index_media_Iframe.m3u8"
        """.getBytes());
    put(dir + "index_media.m3u8", """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:6
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-MAP:URI="index_media_init.cmfv"
        #EXTINF:6.000,
        index_media_1.cmfv
        #EXTINF:2.000,
        index_media_2.cmfv
        #EXT-X-ENDLIST
        """.getBytes());
    put(dir + "index_media_1.cmfv", new byte[600_000]);
    put(dir + "index_media_2.cmfv", new byte[300_000]);

    EncodedRendition measured = new MediaConvertOutputs(output, config.outputBucket())
        .measure("vid1", RenditionSpec.video("360p", 640, 360, 30, 730, 803, 1460, "main")).orElseThrow();

    assertThat(measured.uri()).isEqualTo("360p/index_media.m3u8");
    assertThat(measured.iFrameUri()).isEqualTo("360p/index_media_Iframe.m3u8");
    assertThat(measured.codecs()).isEqualTo("avc1.4d401e");
    assertThat(measured.bandwidth()).isEqualTo(1_200_000); // 300 kB in 2 s
    assertThat(measured.averageBandwidth()).isEqualTo(900_000); // 900 kB in 8 s
    assertThat(measured.segmentCount()).isEqualTo(2);
  }

  @Test
  void findsNothingWhenMediaConvertWroteNothing() {
    assertThat(new MediaConvertOutputs(output, config.outputBucket())
        .measure("vid2", RenditionSpec.audio("audio", 128, 2, 48000, 0, "eng"))).isEmpty();
  }

  @Test
  void derivesAnAvcCodecStringWhenThePlaylistHasNone() {
    assertThat(MediaConvertOutputs.fallbackAvcCodec(RenditionSpec.video("1080p", 1920, 1080, 30, 6000, 6600, 12000, "high")))
        .isEqualTo("avc1.640028");
    assertThat(MediaConvertOutputs.fallbackAvcCodec(RenditionSpec.video("360p", 640, 360, 30, 730, 803, 1460, "main")))
        .isEqualTo("avc1.4d401e");
  }
}
