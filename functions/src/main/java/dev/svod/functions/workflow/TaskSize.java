package dev.svod.functions.workflow;

import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.util.List;
import java.util.Objects;

/**
 * The Fargate size of the container task that encodes one {@link TranscodeGroup}: task-level CPU
 * units (1024 = 1 vCPU), memory and ephemeral storage. {@code vod.asl.json} passes it as RunTask's
 * task-level {@code Overrides.Cpu}/{@code Memory}/{@code EphemeralStorage}, so a group of low rungs
 * does not pay for the 1080p group's size, and a 50 GiB source gets the disk it needs. The Lambda and
 * MediaConvert backends ignore it.
 *
 * @param cpu CPU units, a Fargate value (256 ... 16384)
 * @param memoryMiB memory in MiB, valid for {@code cpu} on Fargate
 * @param storageGiB ephemeral storage in GiB, {@value #MIN_STORAGE_GIB} ... {@value #MAX_STORAGE_GIB}
 *     (a task gets 20 GiB unless told more)
 */
public record TaskSize(int cpu, int memoryMiB, int storageGiB) {
  /** The least ephemeral storage a task can be given explicitly (20 GiB is the free default). */
  public static final int MIN_STORAGE_GIB = 21;
  /** The most ephemeral storage a Fargate task can have. */
  public static final int MAX_STORAGE_GIB = 200;
  /**
   * The task definition's ephemeral storage, used when a task starts without overrides and for a
   * group planned without the source's size.
   */
  public static final int DEFAULT_STORAGE_GIB = 50;

  /**
   * Audio only: demuxing the source and encoding AAC needs a fraction of a core; 1 GiB leaves the
   * JVM and FFmpeg room.
   */
  public static final TaskSize AUDIO = new TaskSize(512, 1024, DEFAULT_STORAGE_GIB);
  /** Sizes for video groups, smallest first: 1, 2, 4 and 8 vCPU, 2 GiB per vCPU. */
  public static final List<TaskSize> VIDEO = List.of(
      new TaskSize(1024, 2048, DEFAULT_STORAGE_GIB), new TaskSize(2048, 4096, DEFAULT_STORAGE_GIB),
      new TaskSize(4096, 8192, DEFAULT_STORAGE_GIB), new TaskSize(8192, 16384, DEFAULT_STORAGE_GIB));
  /**
   * Work units (encoded pixels per second) a task gets per vCPU: a policy for how much faster than
   * real time a group should encode. One 1080p30 rendition of a 1080p30 source (62 Mpx/s encoded plus
   * its decode, 78 units) gets 4 vCPU, about 5.5 times real time: measured on the development machine,
   * libx264 veryfast at 6 Mbit/s takes 0.58 vCPU and the H.264 decode 0.14 vCPU per second of video.
   */
  static final long PIXEL_RATE_PER_VCPU = 20_000_000L;
  /**
   * What decoding an 8-bit H.264 source pixel costs next to encoding one (measured as above: 8.3
   * against 35 CPU seconds for one minute of 1080p30). Every group decodes the whole source, so the
   * 234p rung of a 4K60 source is mostly decode work; other codecs and bit depths scale this by
   * {@link #decodeCost}.
   */
  static final double DECODE_WEIGHT = 0.25;
  /**
   * The decode cost of a codec not in {@link #decodeCost}'s table (VC-1, MPEG-4 Part 2...): AV1's,
   * the slowest 4:2:0 decode measured, above every measured codec but ProRes 4444. Erring high on
   * purpose: too many cores cost one rare task a few cents, too few make its group the slowest of the
   * ladder.
   */
  static final double UNKNOWN_DECODE_COST = 2.0;

  private static final int CPU_UNITS_PER_VCPU = 1024;

  public TaskSize {
    if (!isFargate(cpu, memoryMiB)) {
      throw new IllegalArgumentException("not a Fargate task size: cpu " + cpu + ", memory " + memoryMiB + " MiB");
    }
    if (storageGiB < MIN_STORAGE_GIB || storageGiB > MAX_STORAGE_GIB) {
      throw new IllegalArgumentException("not a Fargate ephemeral storage size: " + storageGiB + " GiB");
    }
  }

  /**
   * The size for encoding these renditions of {@code source} in one task: compute for their pixel
   * rate plus the decode of the source ({@link #DECODE_WEIGHT}), storage for what the task keeps on
   * disk ({@link ScratchSpace}), at least {@value #MIN_STORAGE_GIB} GiB; a need beyond {@value
   * #MAX_STORAGE_GIB} GiB gets the most (the plan refuses such a source: {@link
   * ScratchSpace#requireRoom}).
   */
  public static TaskSize forGroup(List<RenditionSpec> renditions, SourceInfo source) {
    long needGiB = Math.ceilDiv(ScratchSpace.bytesNeeded(source, renditions), ScratchSpace.GIB);
    int storage = (int) Math.clamp(needGiB, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
    SourceInfo.VideoStream video = source.video();
    long decodeRate = video == null ? 0 : Math.round(DECODE_WEIGHT * decodeCost(video)
        * video.displayWidth() * video.displayHeight() * Math.max(1, video.frameRate()));
    TaskSize compute = forWork(encodeRate(renditions), decodeRate);
    return new TaskSize(compute.cpu(), compute.memoryMiB(), storage);
  }

  /**
   * What decoding a pixel of this stream costs next to 8-bit H.264 (1.0), by codec and bit depth.
   * Measured with the bundled FFmpeg 8.1.2 on the development machine (AMD EPYC): ten seconds of
   * {@code testsrc2} at 1920x1080p30 encoded in each codec, then the CPU time ({@code utime}) of one
   * decoder thread, median of three runs:
   *
   * <pre>
   * ffmpeg -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=10 -c:v ENCODER OPTIONS clip
   * ffmpeg -benchmark -threads 1 -i clip -f null -
   *
   * codec       ENCODER OPTIONS (-pix_fmt yuv420p; yuv420p10le for 10)   utime   ratio
   * H.264       libx264 -preset medium -b:v 8M                           1.40 s  1.00
   * H.264 10    (High 10)                                                1.77 s  1.27
   * HEVC        libx265 -preset medium -b:v 8M                           2.08 s  1.49
   * HEVC 10     (Main 10)                                                2.55 s  1.83
   * AV1         libsvtav1 -preset 8 -b:v 8M (decoded by libaom-av1)      2.77 s  1.98
   * AV1 10                                                               2.84 s  2.03
   * VP9         libvpx-vp9 -deadline good -cpu-used 4 -row-mt 1 -b:v 8M  1.11 s  0.80
   * ProRes 422  prores_ks -profile:v 3 -pix_fmt yuv422p10le (HQ)         1.77 s  1.26
   *   Standard  prores_ks -profile:v 2 -pix_fmt yuv422p10le              1.63 s  1.17
   * ProRes 4444 prores_ks -profile:v 4 -pix_fmt yuv444p10le              5.24 s  3.75
   * DNxHR HQ    dnxhd -profile:v dnxhr_hq -pix_fmt yuv422p               1.45 s  1.04
   * FFV1        ffv1 -level 3                                            2.07 s  1.48
   * MPEG-2      mpeg2video -b:v 15M                                      0.39 s  0.28
   * MJPEG       mjpeg -q:v 3 -pix_fmt yuvj420p                           1.00 s  0.72
   * </pre>
   *
   * The factors are these ratios rounded to a tenth; ProRes 4:2:2 takes the HQ figure, and 4:4:4
   * ProRes (4444, 4444 XQ: FFmpeg decodes it to {@code yuv444p12le}) its own. The bundled libvpx
   * encodes 8-bit only, so VP9 10-bit is VP9 8-bit times H.264's and HEVC's 10-bit step (about
   * 1.25). The encoder's settings move a ratio by about 10 % (HEVC from {@code -preset fast}: 1.44
   * and 1.71; an earlier measurement on 20 s clips: 1.3 and 1.6), and decoding costs more at a
   * higher bit rate, so these are planning figures, not promises.
   */
  static double decodeCost(SourceInfo.VideoStream video) {
    boolean highBitDepth = video.bitDepth() > 8;
    return switch (Objects.requireNonNullElse(video.codec(), "")) {
      case "h264" -> highBitDepth ? 1.3 : 1.0;
      case "hevc" -> highBitDepth ? 1.8 : 1.5;
      case "av1" -> 2.0;
      case "vp9" -> highBitDepth ? 1.0 : 0.8;
      case "prores" -> video.pixelFormat() != null && video.pixelFormat().contains("444") ? 3.8 : 1.3;
      case "dnxhd" -> 1.0;
      case "ffv1" -> 1.5;
      case "mpeg2video" -> 0.3;
      case "mjpeg" -> 0.7;
      default -> UNKNOWN_DECODE_COST;
    };
  }

  /**
   * The smallest compute size for encoding these renditions in one task, with the task definition's
   * storage, for a group whose source is not known (the decode is not counted): from the sum of
   * their video pixel rates ({@code width * height * fps}); audio-only
   * groups get {@link #AUDIO}; beyond the largest video size a group still gets that one (it takes
   * longer).
   */
  public static TaskSize forRenditions(List<RenditionSpec> renditions) {
    return forWork(encodeRate(renditions), 0);
  }

  private static long encodeRate(List<RenditionSpec> renditions) {
    return renditions.stream().filter(RenditionSpec::isVideo).mapToLong(TranscodePlanner::pixelRate).sum();
  }

  /** Audio-only work (no video encoded) gets {@link #AUDIO}; video the smallest size for the rates. */
  private static TaskSize forWork(long encodeRate, long decodeRate) {
    if (encodeRate == 0) {
      return AUDIO;
    }
    long pixelRate = encodeRate + decodeRate;
    return VIDEO.stream()
        .filter(size -> (long) size.cpu() * PIXEL_RATE_PER_VCPU / CPU_UNITS_PER_VCPU >= pixelRate)
        .findFirst()
        .orElse(VIDEO.getLast());
  }

  /**
   * Whether ECS accepts this CPU/memory pair for a Fargate (Linux) task: the table of "Task CPU and
   * memory" in the ECS developer guide.
   */
  public static boolean isFargate(int cpu, int memoryMiB) {
    return switch (cpu) {
      case 256 -> memoryMiB == 512 || memoryMiB == 1024 || memoryMiB == 2048;
      case 512 -> inSteps(memoryMiB, 1, 4, 1);
      case 1024 -> inSteps(memoryMiB, 2, 8, 1);
      case 2048 -> inSteps(memoryMiB, 4, 16, 1);
      case 4096 -> inSteps(memoryMiB, 8, 30, 1);
      case 8192 -> inSteps(memoryMiB, 16, 60, 4);
      case 16384 -> inSteps(memoryMiB, 32, 120, 8);
      default -> false;
    };
  }

  private static boolean inSteps(int memoryMiB, int minGiB, int maxGiB, int stepGiB) {
    return memoryMiB >= minGiB * 1024 && memoryMiB <= maxGiB * 1024 && memoryMiB % (stepGiB * 1024) == 0;
  }
}
