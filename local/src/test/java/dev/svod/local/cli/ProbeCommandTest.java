package dev.svod.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProbeCommandTest {
  @TempDir Path dir;

  @Test
  void textFileExitsNonZeroWithNotAVideo() throws Exception {
    // Given a text file with a video's name
    Path text = Files.writeString(dir.resolve("movie.mp4"), "this is not a movie\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine vod = VodCommand.commandLine();
    vod.setOut(new PrintWriter(out));
    vod.setErr(new PrintWriter(err));

    // When
    int exit = vod.execute("probe", text.toString());

    // Then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("NOT_A_VIDEO");
  }

  @Test
  void jsonModePrintsTheErrorAsJson() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    StringWriter out = new StringWriter();
    CommandLine vod = VodCommand.commandLine();
    vod.setOut(new PrintWriter(out));
    vod.setErr(new PrintWriter(new StringWriter()));

    int exit = vod.execute("probe", "--json", text.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).contains("\"code\":\"NOT_A_VIDEO\"");
  }

  @Test
  void anUnreachableUrlExitsNonZeroWithARetryableCode() {
    // Given a URL nothing listens on
    StringWriter err = new StringWriter();
    CommandLine vod = VodCommand.commandLine();
    vod.setOut(new PrintWriter(new StringWriter()));
    vod.setErr(new PrintWriter(err));

    // When
    int exit = vod.execute("probe", "http://127.0.0.1:1/movie.mp4");

    // Then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("SOURCE_UNREACHABLE");
  }

  @Test
  void aMalformedUrlIsAUsageErrorThatNeverRepeatsItsQuery() {
    for (String url : new String[] {"https://bucket.example/a b.mp4?X-Amz-Signature=s3cr3t",
        "https:///clip.mp4?X-Amz-Signature=s3cr3t"}) {
      // Given a presigned-looking URL that is malformed (a space) or has no host
      StringWriter err = new StringWriter();
      CommandLine vod = VodCommand.commandLine();
      vod.setOut(new PrintWriter(new StringWriter()));
      vod.setErr(new PrintWriter(err));

      // When
      int exit = vod.execute("probe", url);

      // Then a usage error naming the problem, without the signature (nor a stack trace)
      assertThat(exit).as(err.toString()).isEqualTo(2);
      assertThat(err.toString()).contains("FILE|URL:").doesNotContain("s3cr3t").doesNotContain("Exception");
    }
  }

  @Test
  void unknownModeIsAUsageError() {
    CommandLine vod = VodCommand.commandLine();
    vod.setErr(new PrintWriter(new StringWriter()));
    assertThat(vod.execute("transcode", "x.mp4", "--out", dir.toString(), "--mode", "sideways")).isEqualTo(2);
  }
}
