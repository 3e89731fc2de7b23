package dev.svod.local.cli;

import dev.svod.functions.TempDirectory;
import dev.svod.media.EncodeMode;
import dev.svod.media.EncodeOptions;
import dev.svod.media.HlsTranscoder;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MediaException;
import dev.svod.media.MediaProber;
import dev.svod.media.ProgressListener;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import dev.svod.media.ffmpeg.ChildCpuClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vod bench transcode FILE}: encodes the file's full ladder once per mode and compares wall
 * time and the CPU time of the FFmpeg processes.
 *
 * <p>CPU is the user+system time of the finished FFmpeg children as the kernel accounts it for this
 * JVM ({@code cutime}+{@code cstime} of {@code /proc/self/stat}, what {@code time(1)} reports for
 * children), read before and after each mode; nothing else starts child processes meanwhile.
 */
@Command(
    name = "transcode",
    mixinStandardHelpOptions = true,
    description = "Encodes FILE's ladder in per-rendition and in single-decode mode; prints wall s, CPU s, "
        + "CPU s per output minute and the ratio between the modes.")
public final class BenchTranscodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The source media file.")
  Path file;

  @Option(names = "--preset", paramLabel = "P", defaultValue = "veryfast",
      description = "libx264 preset. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "FFmpeg processes at once in per-rendition mode. Default: number of cores.")
  Integer parallelism;

  /** One mode's measurement. */
  record Measurement(EncodeMode mode, double wallSeconds, double cpuSeconds) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (ChildCpuClock.reapedChildrenCpu().isEmpty()) {
      spec.commandLine().getErr().println("vod bench transcode: child CPU accounting needs Linux /proc");
      return 1;
    }
    EncodeOptions options;
    try {
      options = EncodeOptions.defaults().withPreset(preset);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("vod bench transcode: " + e.getMessage());
      return 2;
    }
    if (parallelism != null) {
      options = options.withParallelism(parallelism);
    }
    try {
      SourceInfo info = new MediaProber().probe(file);
      List<RenditionSpec> ladder = new LadderPlanner().plan(info);
      HlsTranscoder transcoder = new HlsTranscoder();
      double outputMinutes = info.durationSeconds() / 60;
      out.printf(Locale.ROOT, "source: %s, %.1f s; ladder: %s; preset %s; %d cores, per-rendition parallelism %d%n",
          file.getFileName(), info.durationSeconds(),
          String.join(", ", ladder.stream().map(RenditionSpec::name).toList()), preset,
          Runtime.getRuntime().availableProcessors(), options.parallelism());
      out.printf(Locale.ROOT, "%-14s %8s %8s %18s%n", "mode", "wall s", "CPU s", "CPU s/output min");
      Measurement[] results = new Measurement[2];
      EncodeMode[] modes = {EncodeMode.PER_RENDITION, EncodeMode.SINGLE_DECODE};
      for (int i = 0; i < modes.length; i++) {
        try (TempDirectory scratch = new TempDirectory("vod-bench-")) {
          Path dir = scratch.path();
          Duration cpuBefore = ChildCpuClock.reapedChildrenCpu().orElseThrow();
          long start = System.nanoTime();
          transcoder.transcode(file, info, ladder, dir, modes[i], options, ProgressListener.NONE);
          double wall = (System.nanoTime() - start) / 1e9;
          double cpu = ChildCpuClock.reapedChildrenCpu().orElseThrow().minus(cpuBefore).toMillis() / 1000.0;
          results[i] = new Measurement(modes[i], wall, cpu);
          out.printf(Locale.ROOT, "%-14s %8.2f %8.2f %18.2f%n", label(modes[i]), wall, cpu, cpu / outputMinutes);
          out.flush();
        }
      }
      out.printf(Locale.ROOT, "ratio per-rendition/single-decode: wall %.2fx, CPU %.2fx%n",
          results[0].wallSeconds() / results[1].wallSeconds(), results[0].cpuSeconds() / results[1].cpuSeconds());
      return 0;
    } catch (MediaException e) {
      return CliErrors.report(spec, e, false);
    }
  }

  private static String label(EncodeMode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

}
