package dev.svod.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.svod.media.LadderPlanner;
import dev.svod.media.MediaException;
import dev.svod.media.MediaProber;
import dev.svod.media.RenditionSpec;
import dev.svod.media.SourceInfo;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vod probe FILE|URL [--json]}: what is in a media file, or behind an http(s) URL such as a
 * presigned S3 GET (read with range requests, as the workflow's probe does), and the ladder it would
 * get.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Describes a media file (container, video, audio) and the HLS ladder it would get.",
      "An http(s) URL (e.g. from `aws s3 presign`) is read with range requests, not downloaded.",
      "Refused or unreadable files exit with status 1 and an error code such as NOT_A_VIDEO."
    })
public final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE|URL", description = "The media file, or an http(s) URL of one, to probe.")
  String source;

  @Option(names = "--json", description = "Print {source, ladder} as JSON (errors as {error: {code, message}}).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SourceInfo info;
    try {
      info = isUrl(source) ? new MediaProber().probe(sourceUrl()) : new MediaProber().probe(Path.of(source));
    } catch (MediaException e) {
      return CliErrors.report(spec, e, json);
    }
    List<RenditionSpec> ladder = new LadderPlanner().plan(info);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("source", info);
      doc.put("ladder", ladder);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      return 0;
    }
    out.printf(Locale.ROOT, "source     %s%n", withoutQuery(source));
    out.printf(Locale.ROOT, "container  %s (%s), %.2f s, %s, %d kb/s%n", info.container(), info.formatLongName(),
        info.durationSeconds(), humanBytes(info.sizeBytes()), info.bitRate() / 1000);
    if (info.hasVideo()) {
      SourceInfo.VideoStream v = info.video();
      out.printf(Locale.ROOT, "video      %s%s, %dx%d coded, %dx%d display%s, %.3f fps, %s %d-bit, %s%n",
          v.codec(), v.profile() == null ? "" : " " + v.profile(), v.codedWidth(), v.codedHeight(),
          v.displayWidth(), v.displayHeight(), v.rotation() == 0 ? "" : " (rotated " + v.rotation() + "°)",
          v.frameRate(), v.pixelFormat(), v.bitDepth(), v.hdr() ? "HDR " + v.colorTransfer() : "SDR");
    } else {
      out.println("video      none (audio-only source)");
    }
    if (!info.hasAudio()) {
      out.println("audio      none");
    }
    for (SourceInfo.AudioStream a : info.audio()) {
      out.printf(Locale.ROOT, "audio      #%d %s, %d ch, %d Hz, language %s%n", a.index(), a.codec(), a.channels(),
          a.sampleRate(), a.language());
    }
    out.println("ladder     " + ladder.stream().map(ProbeCommand::describe).collect(Collectors.joining(", ")));
    return 0;
  }

  private static boolean isUrl(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /**
   * The source as a URL; a malformed one is a usage error whose message does not repeat it (its
   * query may be a presigned signature, which {@link URI#create} and the HTTP client would print).
   */
  private URI sourceUrl() {
    try {
      URI url = new URI(source);
      if (url.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "FILE|URL: the URL has no host");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(),
          "FILE|URL: not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }

  /** A presigned URL's query is a credential: never printed. */
  private static String withoutQuery(String source) {
    int query = source.indexOf('?');
    return isUrl(source) && query >= 0 ? source.substring(0, query) : source;
  }

  static String describe(RenditionSpec r) {
    return r.isVideo()
        ? String.format(Locale.ROOT, "%s %dx%d@%s %dk", r.name(), r.width(), r.height(), fps(r.frameRate()), r.bitrateKbps())
        : String.format(Locale.ROOT, "%s AAC %dk %dch %s", r.name(), r.bitrateKbps(), r.audioChannels(), r.language());
  }

  private static String fps(double fps) {
    return fps == Math.rint(fps) ? Long.toString((long) fps) : String.format(Locale.ROOT, "%.3f", fps);
  }

  private static String humanBytes(long bytes) {
    return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
