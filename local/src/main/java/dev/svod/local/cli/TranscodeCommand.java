package dev.svod.local.cli;

import dev.svod.media.EncodeMode;
import dev.svod.media.EncodeOptions;
import dev.svod.media.EncodedRendition;
import dev.svod.media.HlsTranscoder;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MediaException;
import dev.svod.media.MediaProber;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import dev.svod.media.Thumbnails;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vod transcode FILE --out DIR}: adaptive HLS, poster and storyboard in the output layout. */
@Command(
    name = "transcode",
    mixinStandardHelpOptions = true,
    description = {
      "Transcodes a media file to adaptive HLS (fMP4) under DIR: master.m3u8, one directory per",
      "rendition (index.m3u8, iframes.m3u8, init.mp4, seg_00001.m4s...), poster.jpg, storyboard.jpg/.vtt."
    })
public final class TranscodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The source media file.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "single-decode",
      converter = ModeConverter.class,
      description = "per-rendition (one FFmpeg per rendition) or single-decode (one FFmpeg, split filter). Default: ${DEFAULT-VALUE}.")
  EncodeMode mode;

  @Option(names = "--preset", paramLabel = "P", defaultValue = "veryfast",
      description = "libx264 preset (ultrafast ... veryslow). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    EncodeOptions options;
    try {
      options = EncodeOptions.defaults().withPreset(preset);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("vod transcode: " + e.getMessage());
      return 2;
    }
    try {
      SourceInfo info = new MediaProber().probe(file);
      List<RenditionSpec> ladder = new LadderPlanner().plan(info);
      stdout.println("ladder: " + String.join(", ", ladder.stream().map(ProbeCommand::describe).toList()));
      long start = System.nanoTime();
      HlsTranscoder.Result result = new HlsTranscoder().transcode(file, info, ladder, out, mode, options,
          ProgressDisplay.forConsole(stdout));
      if (info.hasVideo()) {
        Thumbnails thumbnails = new Thumbnails();
        thumbnails.poster(file, info, out.resolve(Thumbnails.POSTER));
        thumbnails.storyboard(file, info, out);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (EncodedRendition r : result.renditions()) {
        stdout.printf(Locale.ROOT, "  %-7s %-22s %9d bit/s avg %9d bit/s peak  %d segments%n", r.name(),
            r.codecs(), r.averageBandwidth(), r.bandwidth(), r.segmentCount());
      }
      stdout.printf(Locale.ROOT, "wrote %s in %.1f s%n", result.masterPlaylist(), seconds);
      return 0;
    } catch (MediaException e) {
      return CliErrors.report(spec, e, false);
    }
  }

  /** Reads {@code per-rendition} / {@code single-decode} (any case, {@code _} or {@code -}). */
  static final class ModeConverter implements ITypeConverter<EncodeMode> {
    @Override
    public EncodeMode convert(String value) {
      try {
        return EncodeMode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a mode; use per-rendition or single-decode");
      }
    }
  }
}
