package dev.svod.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.lindstrom.m3u8.model.AlternativeRendition;
import io.lindstrom.m3u8.model.IFrameVariant;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.MediaType;
import io.lindstrom.m3u8.model.PlaylistType;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.PlaylistParserException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * Plays a presentation the way a player does, through its playback URL only, and checks it against
 * the media rules of DESIGN.md: the multivariant playlist (version, independent segments,
 * BANDWIDTH/AVERAGE-BANDWIDTH/CODECS/RESOLUTION/FRAME-RATE, an I-frame stream per video rendition,
 * the sound as an audio rendition with LANGUAGE, since the suite's clips have sound), every media
 * playlist (fMP4 with EXT-X-MAP, VOD, 6 s target duration, segments within it) and every init
 * segment and segment (HTTP 200, not empty), with the cache lifetimes of DESIGN.md (playlists
 * short, segments immutable). Playlists are parsed with m3u8-parser (which the functions module
 * already uses), independently of the code that wrote them.
 */
final class HlsRules {

  /** Apple's HLS Authoring Specification: 6 s segments. */
  static final int TARGET_DURATION = 6;
  /** "Short" for a playlist: a rewritten master must reach players within a minute. */
  private static final long LONGEST_PLAYLIST_MAX_AGE = 60;
  /** "Immutable" for a segment: cached for (at least) a year. */
  private static final long SHORTEST_SEGMENT_MAX_AGE = 365L * 24 * 3600;
  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

  private final HttpClient http;
  private final SoftAssertions softly = new SoftAssertions();
  private final Set<URI> fetchedSegments = new LinkedHashSet<>();

  private HlsRules(HttpClient http) {
    this.http = http;
  }

  /** Checks everything reachable from {@code master}; fails with every broken rule at once. */
  static void verify(HttpClient http, URI master, int maxWidth, int maxHeight) throws IOException,
      InterruptedException {
    HlsRules rules = new HlsRules(http);
    rules.verifyPresentation(master, maxWidth, maxHeight);
    rules.softly.assertAll();
  }

  private void verifyPresentation(URI masterUri, int maxWidth, int maxHeight) throws IOException,
      InterruptedException {
    String text = fetchPlaylist(masterUri);
    MasterPlaylist master = parse(masterUri, () -> new MasterPlaylistParser().readPlaylist(text));
    softly.assertThat(master.version()).as("%s EXT-X-VERSION", masterUri).isPresent();
    softly.assertThat(master.independentSegments()).as("%s EXT-X-INDEPENDENT-SEGMENTS", masterUri)
        .isTrue();
    assertThat(master.variants()).as("%s EXT-X-STREAM-INF", masterUri).isNotEmpty();

    Set<URI> videoDirectories = new LinkedHashSet<>();
    for (Variant variant : master.variants()) {
      String what = masterUri + " variant " + variant.uri();
      softly.assertThat(variant.bandwidth()).as("%s BANDWIDTH", what).isPositive();
      softly.assertThat(variant.averageBandwidth()).as("%s AVERAGE-BANDWIDTH", what)
          .hasValueSatisfying(average -> assertThat(average).isPositive()
              .isLessThanOrEqualTo(variant.bandwidth()));
      softly.assertThat(variant.codecs()).as("%s CODECS", what).isNotEmpty()
          .anyMatch(codec -> codec.matches("(avc1|avc3|hvc1|hev1|av01)\\..+"));
      softly.assertThat(variant.resolution()).as("%s RESOLUTION", what)
          .hasValueSatisfying(r -> {
            assertThat(r.width()).as("never upscaled").isBetween(1, maxWidth);
            assertThat(r.height()).as("never upscaled").isBetween(1, maxHeight);
          });
      softly.assertThat(variant.frameRate()).as("%s FRAME-RATE", what)
          .hasValueSatisfying(rate -> assertThat(rate).isPositive());
      URI playlist = masterUri.resolve(variant.uri());
      videoDirectories.add(playlist.resolve("."));
      verifyMediaPlaylist(playlist, false);
    }

    Set<URI> iFrameDirectories = new LinkedHashSet<>();
    for (IFrameVariant iFrames : master.iFrameVariants()) {
      URI playlist = masterUri.resolve(iFrames.uri());
      iFrameDirectories.add(playlist.resolve("."));
      softly.assertThat(iFrames.bandwidth()).as("%s I-frame BANDWIDTH", playlist).isPositive();
      softly.assertThat(iFrames.codecs()).as("%s I-frame CODECS", playlist).isNotEmpty();
      verifyMediaPlaylist(playlist, true);
    }
    softly.assertThat(iFrameDirectories).as("%s: an EXT-X-I-FRAME-STREAM-INF per video rendition",
        masterUri).containsExactlyInAnyOrderElementsOf(videoDirectories);

    // The clips have sound: it must be offered as an audio rendition every variant refers to.
    softly.assertThat(master.alternativeRenditions()).as("%s EXT-X-MEDIA TYPE=AUDIO", masterUri)
        .anyMatch(rendition -> rendition.type() == MediaType.AUDIO);
    softly.assertThat(master.variants()).as("%s variants with AUDIO group", masterUri)
        .allMatch(variant -> variant.audio().isPresent());
    for (AlternativeRendition rendition : master.alternativeRenditions()) {
      if (rendition.type() == MediaType.AUDIO) {
        softly.assertThat(rendition.language()).as("%s audio %s LANGUAGE", masterUri,
            rendition.name()).isPresent();
        softly.assertThat(rendition.uri()).as("%s audio %s URI", masterUri, rendition.name())
            .isPresent();
        if (rendition.uri().isPresent()) {
          verifyMediaPlaylist(masterUri.resolve(rendition.uri().get()), false);
        }
      }
    }
  }

  private void verifyMediaPlaylist(URI uri, boolean iFramesOnly) throws IOException,
      InterruptedException {
    String text = fetchPlaylist(uri);
    MediaPlaylist playlist = parse(uri, () -> new MediaPlaylistParser().readPlaylist(text));
    // EXT-X-MAP needs version 6 (RFC 8216 section 7); I-frame byte ranges need 4.
    softly.assertThat(playlist.version()).as("%s EXT-X-VERSION", uri)
        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(iFramesOnly ? 4 : 6));
    softly.assertThat(playlist.playlistType()).as("%s EXT-X-PLAYLIST-TYPE", uri)
        .contains(PlaylistType.VOD);
    softly.assertThat(playlist.ongoing()).as("%s EXT-X-ENDLIST", uri).isFalse();
    softly.assertThat(playlist.iFramesOnly()).as("%s EXT-X-I-FRAMES-ONLY", uri)
        .isEqualTo(iFramesOnly);
    softly.assertThat(playlist.targetDuration()).as("%s EXT-X-TARGETDURATION", uri)
        .isEqualTo(TARGET_DURATION);
    assertThat(playlist.mediaSegments()).as("%s segments", uri).isNotEmpty();
    softly.assertThat(playlist.mediaSegments().getFirst().segmentMap()).as("%s EXT-X-MAP", uri)
        .isPresent();
    for (MediaSegment segment : playlist.mediaSegments()) {
      softly.assertThat(Math.round(segment.duration())).as("%s %s EXTINF within target", uri,
          segment.uri()).isLessThanOrEqualTo(TARGET_DURATION);
      segment.segmentMap().ifPresent(map -> fetchSegment(uri.resolve(map.uri())));
      fetchSegment(uri.resolve(segment.uri()));
    }
  }

  private String fetchPlaylist(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    Optional<String> cacheControl = response.headers().firstValue("Cache-Control");
    softly.assertThat(cacheControl).as("%s Cache-Control (short)", uri)
        .hasValueSatisfying(value -> {
          assertThat(value).doesNotContain("immutable");
          assertThat(maxAge(value)).isBetween(1L, LONGEST_PLAYLIST_MAX_AGE);
        });
    return response.body();
  }

  /** Fetches a segment (each URI once: I-frame ranges point into the media segments). */
  private void fetchSegment(URI uri) {
    if (!fetchedSegments.add(uri)) {
      return;
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      softly.fail("GET " + uri + " failed: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted fetching " + uri, e);
    }
    softly.assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    softly.assertThat(response.body()).as("%s body", uri).isNotEmpty();
    softly.assertThat(response.headers().firstValue("Cache-Control"))
        .as("%s Cache-Control (immutable)", uri)
        .hasValueSatisfying(value -> {
          assertThat(value).contains("immutable");
          assertThat(maxAge(value)).isGreaterThanOrEqualTo(SHORTEST_SEGMENT_MAX_AGE);
        });
  }

  private static long maxAge(String cacheControl) {
    Matcher matcher = MAX_AGE.matcher(cacheControl);
    assertThat(matcher.find()).as("max-age in '%s'", cacheControl).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private interface Parse<T> {
    T run() throws PlaylistParserException;
  }

  private static <T> T parse(URI uri, Parse<T> parse) {
    try {
      return parse.run();
    } catch (PlaylistParserException e) {
      throw new AssertionError(uri + " is not a valid playlist: " + e.getMessage(), e);
    }
  }
}
