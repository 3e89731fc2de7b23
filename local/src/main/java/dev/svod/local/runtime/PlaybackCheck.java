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
 * what is served, not a full conformance validator.
 */
public final class PlaybackCheck {
  private PlaybackCheck() {}

  /** What was fetched and what is wrong (empty when playable). */
  public record Report(int variants, int segments, List<String> problems) {}

  public static Report check(HttpClient http, URI master) throws IOException,
      InterruptedException {
    List<String> problems = new ArrayList<>();
    String multivariant = fetchText(http, master, problems);
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
      String playlist = fetchText(http, playlistUri, problems);
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
          segments += fetchBinary(http, playlistUri.resolve(
              trimmed.substring(start, trimmed.indexOf('"', start))), problems);
        } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          segments += fetchBinary(http, playlistUri.resolve(trimmed), problems);
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

  private static String fetchText(HttpClient http, URI uri, List<String> problems)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      problems.add(uri + " answered HTTP " + response.statusCode());
      return null;
    }
    return response.body();
  }

  private static int fetchBinary(HttpClient http, URI uri, List<String> problems)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200 || response.body().length == 0) {
      problems.add(uri + " answered HTTP " + response.statusCode() + " with "
          + response.body().length + " bytes");
      return 0;
    }
    return 1;
  }
}
