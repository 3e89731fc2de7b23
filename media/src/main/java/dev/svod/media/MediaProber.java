package dev.svod.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.media.ffmpeg.FfmpegProcess;
import dev.svod.media.ffmpeg.FfmpegTools;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probes an untrusted source with {@code ffprobe} and returns a typed {@link SourceInfo}, or throws
 * a {@link MediaException} with a typed code and a one-line reason.
 *
 * <p>Safe by construction: FFmpeg may only use the {@code file} protocol (the caller opens a local
 * path; nothing the file names can reach the network or other files), only demuxers of real media
 * containers from {@link #DEMUXER_ALLOWLIST} (never {@code hls}, {@code concat}, {@code image2} or
 * other formats that read further files), and the result must respect {@link ProbeLimits}. Text
 * files are recognised before FFmpeg sees them: playlists are refused as {@code UNSUPPORTED_INPUT},
 * any other text is {@code NOT_A_VIDEO}.
 */
public final class MediaProber {

  /** Demuxers accepted for sources: containers of real audio/video, none of which opens other files. */
  public static final List<String> DEMUXER_ALLOWLIST = List.of(
      "mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "flv", "mpegts",
      "mpeg", "mpegvideo", "mxf", "asf", "ogg", "wav", "w64", "aiff", "mp3", "aac", "flac", "h264",
      "hevc", "m4v", "ivf", "dv", "amr", "caf");

  private static final Set<String> HDR_TRANSFERS = Set.of("smpte2084", "arib-std-b67");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** FFmpeg's one-line HTTP failure, without the URL (it may carry a presigned signature). */
  private static final Pattern HTTP_FAILURE = Pattern.compile("(Server returned|HTTP error) [^\\n]*");
  /** FFmpeg's words for a connection that failed or broke: ffprobe may still exit 0 with partial facts. */
  private static final Pattern NETWORK_FAILURE = Pattern.compile(
      "Error reading HTTP response|Connection reset|Connection refused|Connection timed out|Operation timed out"
          + "|Broken pipe|Input/output error");
  /** "503 Service Unavailable", or FFmpeg's "5XX Server Error reply". */
  private static final Pattern SERVER_ERROR = Pattern.compile("\\b5(\\d\\d|XX)\\b");

  /** What is read before FFmpeg sees a source, to recognise text and playlists. */
  private static final int HEAD_BYTES = 4096;

  private final FfmpegTools tools;
  private final ProbeLimits limits;
  private final HttpSources httpSources;

  /** A prober trusting the JDK's certificate authorities for HTTPS sources. */
  public MediaProber(FfmpegTools tools, ProbeLimits limits) {
    this(tools, limits, TlsTrust::jdkDefaults);
  }

  /** A prober trusting exactly {@code trust} for HTTPS sources. */
  public MediaProber(FfmpegTools tools, ProbeLimits limits, TlsTrust trust) {
    this(tools, limits, () -> trust);
  }

  private MediaProber(FfmpegTools tools, ProbeLimits limits, Supplier<TlsTrust> trust) {
    this.tools = tools;
    this.limits = limits;
    this.httpSources = new HttpSources(trust);
  }

  /** A prober with the bundled FFmpeg and default limits. */
  public MediaProber() {
    this(FfmpegTools.locate(), ProbeLimits.defaults());
  }

  /** The FFmpeg input options that keep FFmpeg to the file itself and to an accepted demuxer. */
  public static List<String> safeInputOptions() {
    return List.of("-protocol_whitelist", "file", "-format_whitelist", String.join(",", DEMUXER_ALLOWLIST));
  }

  /**
   * The ffmpeg input arguments that decode a probed source: {@link #safeInputOptions()}, the
   * demuxer the probe detected forced with {@code -f}, and the source as a {@link #fileUrl}.
   */
  public static List<String> decodeInput(Path source, SourceInfo info) {
    List<String> args = new ArrayList<>(safeInputOptions());
    args.addAll(List.of("-f", info.container(), "-i", fileUrl(source)));
    return args;
  }

  /** How FFmpeg must name a local path: {@code file:} so a name like {@code http:x} stays a file. */
  public static String fileUrl(Path source) {
    return "file:" + source.toAbsolutePath().normalize();
  }

  /** Describes {@code source}, or throws {@link MediaException} when it is not acceptable media. */
  public SourceInfo probe(Path source) {
    if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "cannot read " + source.getFileName());
    }
    long size;
    byte[] head;
    try (InputStream in = Files.newInputStream(source)) {
      size = Files.size(source);
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "cannot read " + source.getFileName(), e);
    }
    return describe(head, size, safeInputOptions(), fileUrl(source), false);
  }

  /**
   * Describes the source behind an {@code https} (or, for local endpoints, {@code http}) URL, such as
   * a presigned S3 GET, without downloading it: ffprobe reads the few megabytes it needs with range
   * requests, so a source far larger than the machine's disk is probed in seconds. The URL is the
   * caller's, never the uploader's (it may carry credentials, so no message repeats it); TLS peers
   * are verified against {@link TlsTrust}.
   */
  public SourceInfo probe(URI url) {
    HttpSources.Head head = httpSources.readHead(url, HEAD_BYTES);
    return describe(head.bytes(), head.size(), httpSources.inputOptions(url), url.toString(), true);
  }

  private SourceInfo describe(byte[] head, long size, List<String> inputOptions, String input, boolean remote) {
    rejectByContent(head);
    List<String> command = new ArrayList<>();
    command.add(tools.ffprobe().toString());
    command.addAll(List.of("-hide_banner", "-v", "error"));
    command.addAll(inputOptions);
    command.addAll(List.of("-of", "json", "-show_format", "-show_streams", "-show_error", input));
    FfmpegProcess.Result result = FfmpegProcess.run(tools, command, limits.timeout(), null);
    if (result.exitCode() == FfmpegProcess.TIMED_OUT) {
      // A stalled remote read ends within -rw_timeout (SOURCE_UNREACHABLE), so a probe this slow is
      // a pathological file: final, not retried.
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE,
          "the source could not be described within " + limits.timeout().toSeconds() + " s");
    }
    JsonNode json;
    try {
      json = JSON.readTree(result.stdout());
    } catch (IOException e) {
      json = null;
    }
    if (remote) {
      // checked even when ffprobe succeeds: a read that broke half-way leaves it with facts missing
      Optional<MediaException> transportFailure = transportFailure(result.stderr());
      if (transportFailure.isPresent()) {
        throw transportFailure.get();
      }
    }
    if (json == null || json.has("error") || !json.has("format")) {
      throw classifyFailure(head, result.stderr());
    }
    SourceInfo info = toSourceInfo(json, size);
    enforceLimits(info, json.path("format").path("nb_streams").asInt());
    return info;
  }

  private static void rejectByContent(byte[] head) {
    if (head.length == 0) {
      throw new MediaException(MediaErrorCode.NOT_A_VIDEO, "the file is empty");
    }
    if (looksLikePlaylist(head)) {
      throw playlistRefused();
    }
    if (looksLikeText(head)) {
      throw new MediaException(MediaErrorCode.NOT_A_VIDEO, "the file is text, not audio or video");
    }
  }

  private static boolean looksLikePlaylist(byte[] head) {
    String text = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1)
        .stripLeading().toLowerCase(Locale.ROOT);
    return text.startsWith("#extm3u") || text.startsWith("ffconcat") || text.startsWith("<?xml")
        || text.startsWith("<mpd") || text.startsWith("[playlist]") || text.startsWith("<smil");
  }

  /** An HTTP, TLS or network failure in ffprobe's log of a remote read, with no URL in the reason. */
  private static Optional<MediaException> transportFailure(String stderr) {
    Matcher httpStatus = HTTP_FAILURE.matcher(stderr);
    if (httpStatus.find()) {
      boolean serverError = SERVER_ERROR.matcher(httpStatus.group()).find();
      return Optional.of(new MediaException(
          serverError ? MediaErrorCode.SOURCE_UNREACHABLE : MediaErrorCode.UNREADABLE_SOURCE,
          "the source cannot be read (" + httpStatus.group().strip() + ")"));
    }
    if (stderr.contains("certificate verify failed") || stderr.contains("SSL routines")) {
      return Optional.of(new MediaException(MediaErrorCode.UNREADABLE_SOURCE,
          "the source's server is not trusted (TLS certificate verification failed)"));
    }
    if (NETWORK_FAILURE.matcher(stderr).find()) {
      return Optional.of(new MediaException(MediaErrorCode.SOURCE_UNREACHABLE,
          "the connection to the source failed while reading it"));
    }
    return Optional.empty();
  }

  private static MediaException playlistRefused() {
    return new MediaException(MediaErrorCode.UNSUPPORTED_INPUT,
        "playlists and manifests that reference other files are not accepted; upload the media file itself");
  }

  /** No NUL or other control bytes (besides tab/CR/LF/FF/ESC) in the first bytes: text. */
  private static boolean looksLikeText(byte[] head) {
    for (byte b : head) {
      int c = b & 0xff;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
        return false;
      }
    }
    return true;
  }

  private static MediaException classifyFailure(byte[] head, String stderr) {
    String log = stderr == null ? "" : stderr;
    boolean isoMedia = head.length >= 8 && "ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1));
    if (log.contains("moov atom not found") && isoMedia) {
      return new MediaException(MediaErrorCode.UNREADABLE_SOURCE,
          "the MP4/MOV file is incomplete (no movie header): the upload was probably cut short");
    }
    if (log.contains("Permission denied") || log.contains("No such file")) {
      return new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "the file cannot be opened");
    }
    if (log.contains("Protocol not on whitelist") || log.contains("not on whitelist")) {
      return new MediaException(MediaErrorCode.UNSUPPORTED_INPUT,
          "the file is in a format that is not accepted for sources");
    }
    if (isoMedia || log.contains("Truncat") || log.contains("partial file")) {
      return new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "the media file is damaged or truncated");
    }
    return new MediaException(MediaErrorCode.NOT_A_VIDEO,
        "not a recognised audio or video file (accepted containers: MP4/MOV, MKV/WebM, AVI, MPEG-TS, ...)");
  }

  private static SourceInfo toSourceInfo(JsonNode json, long size) {
    JsonNode format = json.path("format");
    String container = format.path("format_name").asText("").split(",")[0];
    double duration = format.path("duration").asDouble(0);
    SourceInfo.VideoStream video = null;
    List<SourceInfo.AudioStream> audio = new ArrayList<>();
    for (JsonNode s : json.path("streams")) {
      String type = s.path("codec_type").asText();
      if ("video".equals(type) && video == null && s.path("disposition").path("attached_pic").asInt() == 0) {
        video = toVideo(s);
        duration = Math.max(duration, s.path("duration").asDouble(0));
      } else if ("audio".equals(type)) {
        String language = s.path("tags").path("language").asText("und");
        audio.add(new SourceInfo.AudioStream(s.path("index").asInt(), s.path("codec_name").asText("unknown"),
            s.path("channels").asInt(0), s.path("sample_rate").asInt(0), language.isBlank() ? "und" : language));
        if (duration <= 0) {
          duration = s.path("duration").asDouble(0);
        }
      }
    }
    return new SourceInfo(container, format.path("format_long_name").asText(container), duration, size,
        format.path("bit_rate").asLong(0), video, audio);
  }

  private static SourceInfo.VideoStream toVideo(JsonNode s) {
    int width = s.path("width").asInt();
    int height = s.path("height").asInt();
    double[] sar = ratio(s.path("sample_aspect_ratio").asText("1:1"), ':');
    double aspect = sar[0] > 0 && sar[1] > 0 ? sar[0] / sar[1] : 1.0;
    int rotation = rotationOf(s);
    int displayWidth = (int) Math.round(width * aspect);
    int displayHeight = height;
    if (rotation == 90 || rotation == 270) {
      int t = displayWidth;
      displayWidth = displayHeight;
      displayHeight = t;
    }
    double fps = rate(s.path("avg_frame_rate").asText("0/0"));
    if (!(fps > 0)) {
      fps = rate(s.path("r_frame_rate").asText("0/0"));
    }
    String pixFmt = s.path("pix_fmt").asText(null);
    int bitDepth = s.path("bits_per_raw_sample").asInt(0);
    if (bitDepth == 0) {
      bitDepth = pixFmt == null ? 8 : pixFmt.contains("12") ? 12 : pixFmt.contains("10") ? 10 : 8;
    }
    String transfer = s.path("color_transfer").asText(null);
    return new SourceInfo.VideoStream(s.path("index").asInt(), s.path("codec_name").asText("unknown"),
        s.path("profile").asText(null), width, height, displayWidth, displayHeight, rotation,
        Math.round(fps * 1000) / 1000.0, pixFmt, bitDepth, transfer, transfer != null && HDR_TRANSFERS.contains(transfer));
  }

  /** Clockwise degrees to rotate for display, from the display matrix (counter-clockwise in FFmpeg). */
  private static int rotationOf(JsonNode stream) {
    double ccw = 0;
    for (JsonNode side : stream.path("side_data_list")) {
      if (side.has("rotation")) {
        ccw = side.path("rotation").asDouble();
      }
    }
    if (ccw == 0 && stream.path("tags").has("rotate")) {
      ccw = -stream.path("tags").path("rotate").asDouble();
    }
    int cw = (int) Math.round(-ccw) % 360;
    return ((cw + 360) % 360) / 90 * 90;
  }

  private static double rate(String text) {
    double[] r = ratio(text, '/');
    return r[1] > 0 ? r[0] / r[1] : 0;
  }

  private static double[] ratio(String text, char separator) {
    int at = text.indexOf(separator);
    try {
      return at < 0
          ? new double[] {Double.parseDouble(text), 1}
          : new double[] {Double.parseDouble(text.substring(0, at)), Double.parseDouble(text.substring(at + 1))};
    } catch (NumberFormatException e) {
      return new double[] {0, 0};
    }
  }

  private void enforceLimits(SourceInfo info, int streams) {
    if (!info.hasVideo() && !info.hasAudio()) {
      throw new MediaException(MediaErrorCode.NOT_A_VIDEO, "the file has neither video nor audio");
    }
    if (streams > limits.maxStreams()) {
      throw new MediaException(MediaErrorCode.LIMIT_EXCEEDED,
          "the file has " + streams + " streams; at most " + limits.maxStreams() + " are accepted");
    }
    if (info.hasVideo() && "unknown".equals(info.video().codec())) {
      throw new MediaException(MediaErrorCode.UNSUPPORTED_INPUT, "the video is in a codec FFmpeg cannot decode");
    }
    if (info.hasVideo()) {
      SourceInfo.VideoStream v = info.video();
      if (v.displayWidth() <= 0 || v.displayHeight() <= 0) {
        throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "the video stream has no picture size");
      }
      long longSide = Math.max(v.displayWidth(), v.displayHeight());
      if (longSide > limits.maxLongSide() || (long) v.codedWidth() * v.codedHeight() > limits.maxPixels()) {
        throw new MediaException(MediaErrorCode.LIMIT_EXCEEDED, "the video is " + v.displayWidth() + "x"
            + v.displayHeight() + "; at most " + limits.maxLongSide() + " pixels on the long side are accepted");
      }
    }
    if (!(info.durationSeconds() > 0)) {
      throw new MediaException(MediaErrorCode.UNREADABLE_SOURCE, "the file has no playable duration");
    }
    if (info.durationSeconds() > limits.maxDurationSeconds()) {
      throw new MediaException(MediaErrorCode.LIMIT_EXCEEDED, String.format(Locale.ROOT,
          "the file lasts %.0f s; at most %.0f s are accepted", info.durationSeconds(), limits.maxDurationSeconds()));
    }
  }
}
