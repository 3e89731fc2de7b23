package dev.svod.local.contract.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Architecture;

/** The parts of the LocalStack deployment that need no Docker. */
class LocalStackSetupTest {

  @Test
  void containerUsesTheImagePinnedInTheComposeFile() {
    // Given localstack/docker-compose.yml, when the suite picks its image, then it is pinned
    var image = LocalStackStack.image();
    assertThat(image.getRepository()).isEqualTo("localstack/localstack");
    assertThat(image.getVersionPart()).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void lambdaArchitectureFollowsTheFfmpegThePackageCarries(@TempDir Path dir) throws Exception {
    // Given packages with the x86_64 and the arm64 Linux FFmpeg
    Path x86 = packageWith(dir.resolve("x86"), "ffmpeg-8.1.2-1.5.14-linux-x86_64-gpl.jar");
    Path arm = packageWith(dir.resolve("arm"), "ffmpeg-8.1.2-1.5.14-linux-arm64-gpl.jar");

    // Then the functions are created for the matching architecture
    assertThat(LocalStackDeployer.architectureOf(x86)).isEqualTo(Architecture.X86_64);
    assertThat(LocalStackDeployer.architectureOf(arm)).isEqualTo(Architecture.ARM64);
  }

  @Test
  void packageWithoutLinuxFfmpegIsRefusedWithTheCommandThatBuildsIt(@TempDir Path dir)
      throws Exception {
    Path mac = packageWith(dir, "ffmpeg-8.1.2-1.5.14-macosx-arm64-gpl.jar");

    assertThatThrownBy(() -> LocalStackDeployer.architectureOf(mac))
        .hasMessageContaining("-Ddeploy.ffmpeg.classifier=linux-x86_64-gpl");
    assertThatThrownBy(() -> LocalStackDeployer.architectureOf(dir.resolve("missing")))
        .hasMessageContaining("No Lambda package");
  }

  private static Path packageWith(Path dir, String ffmpegJar) throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.write(dir.resolve("lib/functions-0.1.0-SNAPSHOT.jar"), new byte[] {1});
    Files.write(dir.resolve("lib").resolve(ffmpegJar), new byte[] {1});
    return dir;
  }
}
