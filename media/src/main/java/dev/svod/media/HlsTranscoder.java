package dev.svod.media;

import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import dev.svod.media.hls.HlsPackager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Encodes renditions to HLS fMP4 with FFmpeg (libx264 capped VBR, AAC-LC) and packages them with
 * {@link HlsPackager}; the transcode entry point of the workflow and of {@code vod transcode}.
 *
 * <p>{@link #encode} runs ONE FFmpeg process for any group of renditions: the source is decoded
 * once, its frame rate fixed with {@code fps}, and a {@code split} filter feeds one scaler and
 * encoder per video rendition; each audio rendition encodes its own source audio stream ({@code
 * 0:a:<sourceAudioIndex>}), its track tagged with its language. Key frames
 * are forced every {@link EncodeOptions#keyFrameSeconds()} (no scene-cut key frames), and each
 * key frame starts a new fMP4 fragment, so 6 s segments always start with an IDR frame. The source
 * is opened with {@link MediaProber#decodeInput} (safe input options, the probed demuxer forced).
 */
public final class HlsTranscoder {
  private static final String ENCODED_FILE = ".encoded.mp4";
  /**
   * PQ/HLG sources are tone-mapped to BT.709 SDR (zimg + Hable) because the ladder is 8-bit H.264,
   * which players show as SDR; without it HDR sources would look washed out.
   */
  static final String HDR_TO_SDR = "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
      + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv";

  private final FfmpegTools tools;

  public HlsTranscoder(FfmpegTools tools) {
    this.tools = tools;
  }

  /** A transcoder with the bundled FFmpeg. */
  public HlsTranscoder() {
    this(FfmpegTools.locate());
  }

  /**
   * The result of a whole ladder.
   *
   * @param renditions encoded renditions in ladder order
   * @param masterPlaylist the written {@code master.m3u8}
   */
  public record Result(List<EncodedRendition> renditions, Path masterPlaylist) {}

  /**
   * Encodes a ladder in the given mode into {@code outDir/{rendition}/} and writes {@code
   * outDir/master.m3u8}. Progress is reported for the whole ladder (every rendition name, overall
   * percent).
   */
  public Result transcode(Path source, SourceInfo info, List<RenditionSpec> ladder, Path outDir,
      EncodeMode mode, EncodeOptions options, ProgressListener listener) {
    List<String> all = ladder.stream().map(RenditionSpec::name).toList();
    Map<String, Integer> percents = new LinkedHashMap<>();
    all.forEach(n -> percents.put(n, 0));
    ProgressListener overall = (names, percent) -> {
      int total;
      synchronized (percents) {
        names.forEach(n -> percents.put(n, percent));
        total = (int) Math.round(percents.values().stream().mapToInt(Integer::intValue).average().orElse(0));
      }
      listener.onProgress(all, total);
    };
    List<EncodedRendition> encoded = mode == EncodeMode.SINGLE_DECODE
        ? encode(source, info, ladder, outDir, options, overall)
        : encodeEach(source, info, ladder, outDir, options, overall);
    Path master = outDir.resolve("master.m3u8");
    new MasterPlaylistWriter().write(encoded, master);
    return new Result(encoded, master);
  }

  private List<EncodedRendition> encodeEach(Path source, SourceInfo info, List<RenditionSpec> ladder,
      Path outDir, EncodeOptions options, ProgressListener listener) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), ladder.size()));
    try {
      List<Future<List<EncodedRendition>>> futures = new ArrayList<>();
      for (RenditionSpec spec : ladder) {
        futures.add(pool.submit(() -> encode(source, info, List.of(spec), outDir, options, listener)));
      }
      List<EncodedRendition> out = new ArrayList<>();
      for (Future<List<EncodedRendition>> f : futures) {
        out.addAll(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof MediaException m ? m
          : new MediaException(MediaErrorCode.ENCODE_FAILED, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Encodes {@code group} (any non-empty subset of a ladder) in one FFmpeg process (single decode)
   * into {@code outDir/{rendition}/}, replacing what an earlier attempt left there.
   *
   * @return one measured descriptor per rendition, in group order
   * @throws MediaException {@code ENCODE_FAILED} with FFmpeg's last error line, {@code
   *     UNREADABLE_SOURCE} when the source turns out truncated while decoding
   * @throws IllegalArgumentException for a group the source cannot feed (video without video...)
   */
  public List<EncodedRendition> encode(Path source, SourceInfo info, List<RenditionSpec> group, Path outDir,
      EncodeOptions options, ProgressListener listener) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode");
    }
    List<String> names = group.stream().map(RenditionSpec::name).toList();
    List<String> command = command(source, info, group, outDir, options);
    try {
      for (RenditionSpec spec : group) {
        prepareDirectory(outDir.resolve(spec.name()));
      }
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED, "cannot prepare " + outDir + ": " + e.getMessage(), e);
    }
    ProgressParser progress = new ProgressParser(info.durationSeconds(), percent -> listener.onProgress(names, percent));
    FfmpegProcess.Result result = FfmpegProcess.run(tools, command, options.timeout(), progress::accept);
    if (result.stderr().contains("partial file")) {
      // FFmpeg encodes what it could read and still exits 0; a short output must not pass as done.
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE,
          "the source ends before its declared duration: the file is truncated or damaged");
    }
    if (result.exitCode() != 0) {
      throw new MediaException(MediaErrorCode.ENCODE_FAILED,
          "ffmpeg failed encoding " + String.join(",", names) + ": " + result.lastErrorLine());
    }
    List<EncodedRendition> out = new ArrayList<>();
    for (RenditionSpec spec : group) {
      Path dir = outDir.resolve(spec.name());
      Path encoded = dir.resolve(ENCODED_FILE);
      try {
        out.add(HlsPackager.packageRendition(spec, encoded, dir, options.segmentSeconds()));
        Files.delete(encoded);
      } catch (IOException e) {
        throw new MediaException(MediaErrorCode.ENCODE_FAILED,
            "cannot package " + spec.name() + ": " + e.getMessage(), e);
      }
    }
    listener.onProgress(names, 100);
    return out;
  }

  List<String> command(Path source, SourceInfo info, List<RenditionSpec> group, Path outDir, EncodeOptions options) {
    List<String> c = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
    c.addAll(MediaProber.decodeInput(source, info));
    List<RenditionSpec> video = group.stream().filter(RenditionSpec::isVideo).toList();
    if (!video.isEmpty()) {
      if (!info.hasVideo()) {
        throw new IllegalArgumentException("video renditions requested for a source without video");
      }
      if (video.stream().mapToDouble(RenditionSpec::frameRate).distinct().count() > 1) {
        throw new IllegalArgumentException("the video renditions of one group must share a frame rate");
      }
      c.addAll(List.of("-filter_complex", filterGraph(info, video)));
    }
    String fragmentMicros = Long.toString(options.keyFrameSeconds() * 1_000_000L);
    int v = 0;
    for (RenditionSpec spec : group) {
      if (spec.isVideo()) {
        int gop = (int) Math.round(spec.frameRate() * options.keyFrameSeconds());
        c.addAll(List.of("-map", "[v" + v++ + "]", "-an", "-sn", "-dn",
            "-c:v", "libx264", "-preset", options.preset(), "-profile:v", spec.profile(),
            "-b:v", spec.bitrateKbps() + "k", "-maxrate", spec.maxBitrateKbps() + "k",
            "-bufsize", spec.bufferKbps() + "k",
            "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
            "-force_key_frames", "expr:gte(t,n_forced*" + options.keyFrameSeconds() + ")"));
        if (options.threads() > 0) {
          c.addAll(List.of("-threads", Integer.toString(options.threads())));
        }
        c.addAll(List.of("-movflags", "+frag_keyframe+empty_moov+default_base_moof+cmaf"));
      } else {
        if (!info.hasAudio()) {
          throw new IllegalArgumentException("audio rendition requested for a source without audio");
        }
        c.addAll(List.of("-map", "0:a:" + Math.max(0, spec.sourceAudioIndex()), "-vn", "-sn", "-dn",
            "-c:a", "aac", "-profile:a", "aac_low", "-b:a", spec.bitrateKbps() + "k",
            "-ac", Integer.toString(spec.audioChannels()), "-ar", Integer.toString(spec.audioSampleRate()),
            // the track's own language (mdhd), as the master playlist's LANGUAGE says
            "-metadata:s:a:0", "language=" + AudioLanguage.iso639(spec.language()),
            "-frag_duration", fragmentMicros, "-movflags", "+empty_moov+default_base_moof+cmaf"));
      }
      c.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1", "-f", "mp4",
          outDir.resolve(spec.name()).resolve(ENCODED_FILE).toString()));
    }
    c.addAll(List.of("-progress", "pipe:1", "-nostats"));
    return c;
  }

  /** Decode once, fix the frame rate, split, and scale each branch to its rendition's size. */
  static String filterGraph(SourceInfo info, List<RenditionSpec> video) {
    StringBuilder g = new StringBuilder("[0:v:0]");
    if (info.video().hdr()) {
      g.append(HDR_TO_SDR).append(',');
    }
    g.append("fps=").append(rational(video.getFirst().frameRate()));
    if (video.size() == 1) {
      return g.append(',').append(scale(video.getFirst())).append("[v0]").toString();
    }
    g.append(",split=").append(video.size());
    for (int i = 0; i < video.size(); i++) {
      g.append("[s").append(i).append(']');
    }
    for (int i = 0; i < video.size(); i++) {
      g.append(";[s").append(i).append(']').append(scale(video.get(i))).append("[v").append(i).append(']');
    }
    return g.toString();
  }

  private static String scale(RenditionSpec spec) {
    return "scale=" + spec.width() + ":" + spec.height() + ":flags=bicubic,setsar=1,format=yuv420p";
  }

  /** A frame rate as FFmpeg reads it exactly: 29.97 becomes 30000/1001. */
  static String rational(double fps) {
    double ntsc = fps * 1001 / 1000;
    if (Math.abs(fps - Math.rint(fps)) > 0.001 && Math.abs(ntsc - Math.rint(ntsc)) < 0.01) {
      return Math.round(ntsc) * 1000 + "/1001";
    }
    return Math.abs(fps - Math.rint(fps)) < 0.001
        ? Long.toString(Math.round(fps))
        : String.format(Locale.ROOT, "%.3f", fps);
  }

  private static void prepareDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (var files = Files.list(dir)) {
      for (Path f : files.collect(Collectors.toList())) {
        if (Files.isRegularFile(f)) {
          Files.delete(f);
        }
      }
    }
  }

  /** Turns {@code -progress} key=value lines into whole percents, each reported once. */
  static final class ProgressParser {
    private final double durationSeconds;
    private final java.util.function.IntConsumer onPercent;
    private int last = -1;

    ProgressParser(double durationSeconds, java.util.function.IntConsumer onPercent) {
      this.durationSeconds = durationSeconds;
      this.onPercent = onPercent;
    }

    void accept(String line) {
      int percent;
      if (line.startsWith("out_time_us=") && durationSeconds > 0) {
        try {
          long micros = Long.parseLong(line.substring("out_time_us=".length()).trim());
          percent = (int) Math.max(0, Math.min(99, micros / (durationSeconds * 10_000)));
        } catch (NumberFormatException e) {
          return; // "N/A" before the first frame
        }
      } else if (line.equals("progress=end")) {
        percent = 100;
      } else {
        return;
      }
      if (percent > last) {
        last = percent;
        onPercent.accept(percent);
      }
    }
  }
}
