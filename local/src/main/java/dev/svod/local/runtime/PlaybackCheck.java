package dev.svod.local.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches an HLS presentation the way a player starts it, through the edge: the multivariant
 * playlist, every media playlist, and each one's init segment and first media segment; checks the
 * tags a VOD presentation of this project must carry (DESIGN.md, "Media rules"). A smoke check of
 * what is served, not a full conformance validator. With signed playback it adds the video's
 * signing query ({@code playback.signing.query}) to every request, as the console's player does.
 */
public final class PlaybackCheck {
  private PlaybackCheck() {}

  /** What was fetched and what is wrong (empty when playable). */
  public record Report(int variants, int segments, List<String> problems) {}

  public static Report check(HttpClient http, URI master) throws IOException,
      InterruptedException {
    return check(http, master, null);
  }

  /**
   * @param signingQuery {@code Policy=...&Signature=...&Key-Pair-Id=...} added to each request
   *     (relative URIs resolved against a playlist lose its query), or null for unsigned playback
   */
  public static Report check(HttpClient http, URI master, String signingQuery)
      throws IOException, InterruptedException {
    SignedFetch fetch = new SignedFetch(http, signingQuery);
    List<String> problems = new ArrayList<>();
    String multivariant = fetch.text(master, problems);
    if (multivariant == null) {
      return new Report(0, 0, problems);
    }
    require(multivariant, "#EXTM3U", master, problems);
    require(multivariant, "#EXT-X-STREAM-INF", master, problems);
    for (String attribute : List.of("BANDWIDTH=", "AVERAGE-BANDWIDTH=", "CODECS=", "RESOLUTION=")) {
      require(multivariant, attribute, master, problems);
    }
    List<URI> mediaPlaylists = new ArrayList<>();
    String[] lines = multivariant.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.startsWith("#EXT-X-STREAM-INF") && i + 1 < lines.length) {
        mediaPlaylists.add(master.resolve(lines[i + 1].trim()));
      } else if (line.startsWith("#EXT-X-MEDIA") && line.contains("URI=\"")) {
        int start = line.indexOf("URI=\"") + 5;
        mediaPlaylists.add(master.resolve(line.substring(start, line.indexOf('"', start))));
      }
    }
    int segments = 0;
    for (URI playlistUri : mediaPlaylists) {
      String playlist = fetch.text(playlistUri, problems);
      if (playlist == null) {
        continue;
      }
      for (String tag : List.of("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MAP:", "#EXT-X-ENDLIST",
          "#EXT-X-TARGETDURATION:")) {
        require(playlist, tag, playlistUri, problems);
      }
      for (String line : playlist.split("\n")) {
        String trimmed = line.trim();
        if (trimmed.startsWith("#EXT-X-MAP:") && trimmed.contains("URI=\"")) {
          int start = trimmed.indexOf("URI=\"") + 5;
          segments += fetch.binary(playlistUri.resolve(
              trimmed.substring(start, trimmed.indexOf('"', start))), problems);
        } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          segments += fetch.binary(playlistUri.resolve(trimmed), problems);
          break; // the first media segment is enough to show it is served
        }
      }
    }
    return new Report(mediaPlaylists.size(), segments, problems);
  }

  private static void require(String text, String tag, URI where, List<String> problems) {
    if (!text.contains(tag)) {
      problems.add(where + " lacks " + tag);
    }
  }

  /** GETs with the signing query added when there is one (and the URI has none yet). */
  private record SignedFetch(HttpClient http, String signingQuery) {

    private HttpRequest request(URI uri) {
      boolean sign = signingQuery != null && !signingQuery.isBlank()
          && (uri.getRawQuery() == null || !uri.getRawQuery().contains("Key-Pair-Id="));
      String signed = !sign ? uri.toString()
          : uri + (uri.getRawQuery() == null ? "?" : "&") + signingQuery;
      return HttpRequest.newBuilder(URI.create(signed)).GET().build();
    }

    private String text(URI uri, List<String> problems)
        throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(request(uri),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        problems.add(uri + " answered HTTP " + response.statusCode());
        return null;
      }
      return response.body();
    }

    private int binary(URI uri, List<String> problems)
        throws IOException, InterruptedException {
      HttpResponse<byte[]> response = http.send(request(uri),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200 || response.body().length == 0) {
        problems.add(uri + " answered HTTP " + response.statusCode() + " with "
            + response.body().length + " bytes");
        return 0;
      }
      return 1;
    }
  }
}
