package dev.svod.local.cli;

import dev.svod.media.ProgressListener;
import java.io.PrintWriter;
import java.util.List;

/**
 * Shows encode progress: a redrawn bar when attached to a terminal ({@code System.console()}
 * exists), otherwise one plain line per 10% so logs stay readable.
 */
final class ProgressDisplay implements ProgressListener {
  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private int lastShown = -1;

  ProgressDisplay(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static ProgressDisplay forConsole(PrintWriter out) {
    return new ProgressDisplay(out, System.console() != null);
  }

  @Override
  public synchronized void onProgress(List<String> renditions, int percent) {
    if (terminal) {
      if (percent == lastShown) {
        return;
      }
      int filled = percent * BAR_WIDTH / 100;
      out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + percent + "% "
          + String.join(",", renditions));
      if (percent == 100) {
        out.println();
      }
      out.flush();
      lastShown = percent;
    } else if (percent / 10 > lastShown / 10 || (lastShown < 0)) {
      out.println("progress " + percent + "% " + String.join(",", renditions));
      out.flush();
      lastShown = percent;
    }
  }
}
