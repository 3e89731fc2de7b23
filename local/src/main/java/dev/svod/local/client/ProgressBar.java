package dev.svod.local.client;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for byte transfers: bar, percentage, bytes, rate and ETA, redrawn in
 * place ({@code \r}) on a terminal, or printed every 10 % when the output is not a terminal.
 */
public final class ProgressBar {

  private static final int WIDTH = 28;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private int lastDecile = -1;

  public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
    this.out = out;
    this.label = label;
    this.total = Math.max(total, 1);
    this.interactive = interactive;
  }

  /** A bar that draws nothing (benchmarks, tests). */
  public static ProgressBar silent(long total) {
    return new ProgressBar(new PrintStream(java.io.OutputStream.nullOutputStream()), "", total,
        false);
  }

  /** Draws the state after {@code done} bytes, {@code resumed} of which were sent earlier. */
  public synchronized void update(long done, long resumed) {
    if (interactive) {
      out.print("\r" + line(done, resumed));
      out.flush();
    } else {
      int decile = (int) (done * 10 / total);
      if (decile != lastDecile) {
        lastDecile = decile;
        out.println(line(done, resumed));
      }
    }
  }

  /** Draws the final state and ends the line. */
  public synchronized void finish(long done, long resumed) {
    if (interactive) {
      out.println("\r" + line(done, resumed));
    } else if ((int) (done * 10 / total) != lastDecile) {
      out.println(line(done, resumed));
    }
  }

  /** The text of the bar (no line ending). */
  public String line(long done, long resumed) {
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
    double rate = (done - resumed) / seconds;
    String eta = rate <= 0 ? "--" : duration((total - done) / rate);
    return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s %s/s ETA %s", label,
        "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(fraction * 100),
        bytes(done), bytes(total), bytes((long) rate), eta);
  }

  /** Human-readable bytes: 512 B, 1.5 MB... */
  public static String bytes(long value) {
    if (value < 1024) {
      return value + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double scaled = value;
    int unit = -1;
    while (scaled >= 1024 && unit < units.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : s + "s";
  }
}
