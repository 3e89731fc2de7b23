package dev.svod.media.ffmpeg;

import dev.svod.media.MediaErrorCode;
import dev.svod.media.MediaException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} executables are and the environment they need.
 *
 * <p>{@link #locate()} uses {@code VOD_FFMPEG}/{@code VOD_FFPROBE} when set, else extracts the
 * build bundled in {@code org.bytedeco:ffmpeg} (the {@code -gpl} classifier of this OS/arch) once
 * into {@code $XDG_CACHE_HOME/svod/ffmpeg/<version>-<platform>/} (default {@code ~/.cache}, the
 * temporary directory where home is read-only): it
 * unpacks into a temporary directory next to it, makes the executables runnable, checks that
 * {@code ffmpeg -version} starts, and renames the directory into place, so concurrent first runs
 * never see a half-written cache.
 *
 * @param ffmpeg the ffmpeg executable
 * @param ffprobe the ffprobe executable
 * @param bundledDirectory where the bundled build was extracted (its shared libraries live there),
 *     or {@code null} when both executables come from the environment
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, Path bundledDirectory) {

  private static final String RESOURCE_ROOT = "org/bytedeco/ffmpeg/";
  private static final Pattern MISSING_LIBRARY =
      Pattern.compile("error while loading shared libraries: ([^:\\s]+): cannot open shared object file");
  private static volatile FfmpegTools located;

  /**
   * Extra environment for an executable: the library path of the bundled build for the bundled
   * executables, nothing for executables named by {@code VOD_FFMPEG}/{@code VOD_FFPROBE} (they must
   * keep loading their own libraries).
   */
  public Map<String, String> environmentFor(Path executable) {
    if (bundledDirectory == null || !executable.toAbsolutePath().startsWith(bundledDirectory.toAbsolutePath())) {
      return Map.of();
    }
    return libraryEnvironment(bundledDirectory, System.getenv());
  }

  /** The tools of this machine, resolved once per JVM. */
  public static FfmpegTools locate() {
    FfmpegTools tools = located;
    if (tools == null) {
      synchronized (FfmpegTools.class) {
        if (located == null) {
          located = resolve(System.getenv());
        }
        tools = located;
      }
    }
    return tools;
  }

  /** A process builder for ffmpeg/ffprobe with this environment; stdin is closed. */
  public ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environmentFor(Path.of(command.getFirst())));
    builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    return builder;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  static FfmpegTools resolve(Map<String, String> env) {
    String ffmpeg = env.get("VOD_FFMPEG");
    String ffprobe = env.get("VOD_FFPROBE");
    if (ffmpeg != null && !ffmpeg.isBlank() && ffprobe != null && !ffprobe.isBlank()) {
      return new FfmpegTools(Path.of(ffmpeg), Path.of(ffprobe), null);
    }
    FfmpegTools bundled = extractBundled(env);
    return new FfmpegTools(
        ffmpeg == null || ffmpeg.isBlank() ? bundled.ffmpeg : Path.of(ffmpeg),
        ffprobe == null || ffprobe.isBlank() ? bundled.ffprobe : Path.of(ffprobe),
        bundled.bundledDirectory);
  }

  /** The bytedeco platform name of this machine ({@code linux-x86_64}, {@code macosx-arm64}...). */
  public static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "macosx" : null;
    String archName = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> null;
    };
    if (osName == null || archName == null) {
      throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE,
          "no bundled FFmpeg for " + os + "/" + arch + "; set VOD_FFMPEG and VOD_FFPROBE");
    }
    return osName + "-" + archName;
  }

  private static FfmpegTools extractBundled(Map<String, String> env) {
    String platform = platform() + "-gpl";
    String prefix = RESOURCE_ROOT + platform + "/";
    URL marker = FfmpegTools.class.getClassLoader().getResource(prefix + "ffmpeg");
    if (marker == null) {
      throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE, "org.bytedeco:ffmpeg:" + platform
          + " is not on the class path; set VOD_FFMPEG and VOD_FFPROBE");
    }
    Path cacheRoot = cacheRoot(env);
    Path target = cacheRoot.resolve(bundledVersion() + "-" + platform);
    if (!Files.isExecutable(target.resolve("ffmpeg"))) {
      try {
        Files.createDirectories(cacheRoot);
        Path tmp = Files.createTempDirectory(cacheRoot, ".extract-");
        try {
          copyResources(marker, prefix, tmp);
          for (String exe : List.of("ffmpeg", "ffprobe")) {
            tmp.resolve(exe).toFile().setExecutable(true, false);
          }
          makeLoadable(tmp, libraryEnvironment(tmp, env));
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
              | java.nio.file.DirectoryNotEmptyException raced) {
            // Another process won the race; its copy is as good as ours.
            deleteTree(tmp);
          }
        } catch (IOException | RuntimeException e) {
          deleteTree(tmp);
          throw e;
        }
      } catch (IOException e) {
        throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE,
            "cannot extract FFmpeg into " + target + ": " + e.getMessage(), e);
      }
    }
    return new FfmpegTools(target.resolve("ffmpeg"), target.resolve("ffprobe"), target);
  }

  /**
   * {@code $XDG_CACHE_HOME} or {@code ~/.cache}; where the home directory is read-only (AWS Lambda,
   * some containers) the temporary directory instead.
   */
  private static Path cacheRoot(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path home = Path.of(System.getProperty("user.home", "/"));
    Path base;
    if (xdg != null && !xdg.isBlank()) {
      base = Path.of(xdg);
    } else if (Files.isWritable(home.resolve(".cache")) || (!Files.exists(home.resolve(".cache")) && Files.isWritable(home))) {
      base = home.resolve(".cache");
    } else {
      base = Path.of(System.getProperty("java.io.tmpdir"));
    }
    return base.resolve("svod").resolve("ffmpeg");
  }

  private static String bundledVersion() {
    try (InputStream in = FfmpegTools.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.bytedeco/ffmpeg/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException ignored) {
      // fall through: the version only names the cache directory
    }
    return "unknown";
  }

  private static Map<String, String> libraryEnvironment(Path dir, Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (String var : List.of("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH")) {
      String existing = env.get(var);
      out.put(var, existing == null || existing.isBlank() ? dir.toString() : dir + java.io.File.pathSeparator + existing);
    }
    return out;
  }

  private static void copyResources(URL marker, String prefix, Path into) throws IOException {
    if ("jar".equals(marker.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) marker.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (entry.isDirectory() || !name.startsWith(prefix) || name.substring(prefix.length()).contains("/")) {
            continue;
          }
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, into.resolve(name.substring(prefix.length())));
          }
        }
      }
    } else {
      Path dir;
      try {
        dir = Path.of(marker.toURI()).getParent();
      } catch (java.net.URISyntaxException e) {
        throw new IOException(e);
      }
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          if (Files.isRegularFile(f)) {
            Files.copy(f, into.resolve(f.getFileName().toString()));
          }
        }
      }
    }
  }

  /**
   * Runs {@code ffmpeg -version} and, on Linux, patches away optional system libraries the machine
   * lacks (see {@link ElfDependencyPatcher}) until it starts.
   */
  private static void makeLoadable(Path dir, Map<String, String> env) throws IOException {
    List<String> patched = new ArrayList<>();
    for (int attempt = 0; attempt < 12; attempt++) {
      String failure = versionCheck(dir, env);
      if (failure == null) {
        return;
      }
      Matcher missing = MISSING_LIBRARY.matcher(failure);
      if (!missing.find() || patched.contains(missing.group(1)) || !platform().startsWith("linux")) {
        throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE,
            "bundled ffmpeg does not start: " + failure.strip().lines().findFirst().orElse("(no output)"));
      }
      String library = missing.group(1);
      boolean any = false;
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          any |= ElfDependencyPatcher.patch(f, library);
        }
      }
      if (!any) {
        throw new MediaException(MediaErrorCode.FFMPEG_UNAVAILABLE,
            "bundled ffmpeg needs the system library " + library + ", which is not installed");
      }
      patched.add(library);
    }
  }

  /** Null when {@code ffmpeg -version} succeeds, else its output. */
  private static String versionCheck(Path dir, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(dir.resolve("ffmpeg").toString(), "-hide_banner", "-version");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "ffmpeg -version did not finish";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return p.exitValue() == 0 ? null : out;
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort clean-up of a temporary directory
    }
  }
}
