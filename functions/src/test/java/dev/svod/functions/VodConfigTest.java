package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VodConfigTest {
  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put(VodConfig.SOURCE_BUCKET, "src");
    env.put(VodConfig.OUTPUT_BUCKET, "out");
    env.put(VodConfig.TABLE, "catalog");
    return env;
  }

  @Test
  void appliesDocumentedDefaults() {
    VodConfig config = VodConfig.fromMap(required());
    assertThat(config.maxUploadBytes()).isEqualTo(50L * 1024 * 1024 * 1024);
    assertThat(config.presignTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.transcodeBackend()).isEqualTo(TranscodeBackend.CONTAINER);
    assertThat(config.grouping()).isEqualTo(TranscodeGrouping.PER_RENDITION);
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.s3PathStyle()).isFalse();
  }

  @Test
  void readsEverySetting() {
    Map<String, String> env = required();
    env.put(VodConfig.PLAYBACK_BASE_URL, "https://d111.cloudfront.net/");
    env.put(VodConfig.MAX_UPLOAD_BYTES, "1000");
    env.put(VodConfig.PRESIGN_TTL_SECONDS, "600");
    env.put(VodConfig.TRANSCODE_BACKEND, "MediaConvert");
    env.put(VodConfig.TRANSCODE_GROUPING, "first_and_rest");
    env.put(VodConfig.S3_PATH_STYLE, "true");
    env.put(VodConfig.REGION, "eu-west-1");
    VodConfig config = VodConfig.fromMap(env);
    assertThat(config.playbackUrl("v1", "master.m3u8")).isEqualTo("https://d111.cloudfront.net/v/v1/master.m3u8");
    assertThat(config.maxUploadBytes()).isEqualTo(1000);
    assertThat(config.presignTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.transcodeBackend()).isEqualTo(TranscodeBackend.MEDIACONVERT);
    assertThat(config.grouping()).isEqualTo(TranscodeGrouping.FIRST_AND_REST);
    assertThat(config.s3PathStyle()).isTrue();
    assertThat(config.region()).isEqualTo("eu-west-1");
  }

  @Test
  void namesAMissingRequiredVariable() {
    Map<String, String> env = required();
    env.remove(VodConfig.TABLE);
    assertThatThrownBy(() -> VodConfig.fromMap(env)).hasMessageContaining(VodConfig.TABLE);
  }

  @Test
  void rejectsUnknownBackendAndBadNumbers() {
    Map<String, String> env = required();
    env.put(VodConfig.TRANSCODE_BACKEND, "gpu");
    assertThatThrownBy(() -> VodConfig.fromMap(env)).hasMessageContaining("gpu");
    env.put(VodConfig.TRANSCODE_BACKEND, "lambda");
    env.put(VodConfig.MAX_UPLOAD_BYTES, "lots");
    assertThatThrownBy(() -> VodConfig.fromMap(env)).hasMessageContaining(VodConfig.MAX_UPLOAD_BYTES);
  }
}
