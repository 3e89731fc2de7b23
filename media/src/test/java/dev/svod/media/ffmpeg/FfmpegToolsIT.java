package dev.svod.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FfmpegToolsIT {

  @Test
  void bundledFfmpegIsExtractedOnceAndRuns() {
    FfmpegTools tools = FfmpegTools.locate();

    assertThat(tools.ffmpeg()).isExecutable();
    assertThat(tools.ffprobe()).isExecutable();
    assertThat(tools.ffmpeg().getParent().getFileName().toString()).endsWith(FfmpegTools.platform() + "-gpl");
    var result = FfmpegProcess.run(tools, List.of(tools.ffmpeg().toString(), "-hide_banner", "-encoders"),
        Duration.ofMinutes(1), null);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("libx264", "aac");
  }

  @Test
  void environmentOverridesTheBundledBuild() {
    FfmpegTools tools = FfmpegTools.resolve(Map.of("VOD_FFMPEG", "/opt/ff/ffmpeg", "VOD_FFPROBE", "/opt/ff/ffprobe"));
    assertThat(tools.ffmpeg()).isEqualTo(Path.of("/opt/ff/ffmpeg"));
    assertThat(tools.ffprobe()).isEqualTo(Path.of("/opt/ff/ffprobe"));
    assertThat(tools.environmentFor(tools.ffmpeg())).isEmpty();
    assertThat(FfmpegTools.locate().environmentFor(FfmpegTools.locate().ffmpeg())).containsKey("LD_LIBRARY_PATH");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void missingOptionalLibraryIsReplacedInTheExtractedCopyOnly(@TempDir Path dir) throws Exception {
    Path library = Files.copy(FfmpegTools.locate().ffmpeg().resolveSibling(libavdevice()), dir.resolve("libavdevice.so"));
    List<String> before = ElfDependencyPatcher.neededLibraries(library);
    String optional = before.stream().filter(n -> n.startsWith("libxcb.so")).findFirst().orElseThrow();

    assertThat(ElfDependencyPatcher.patch(library, optional)).isTrue();

    List<String> after = ElfDependencyPatcher.neededLibraries(library);
    assertThat(after).doesNotContain(optional).contains(ElfDependencyPatcher.REPLACEMENT).hasSameSizeAs(before);
    assertThat(ElfDependencyPatcher.patch(library, optional)).isFalse();
  }

  private static String libavdevice() throws Exception {
    try (var files = Files.list(FfmpegTools.locate().ffmpeg().getParent())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("libavdevice.so")).findFirst().orElseThrow();
    }
  }
}
