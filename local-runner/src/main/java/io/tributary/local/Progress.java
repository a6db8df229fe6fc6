package io.tributary.local;

import io.tributary.local.sfn.ExecutionListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The progress of a long command: units (or windows) done of the total, rows per second, time left. On a
 * terminal one line is rewritten in place; otherwise a plain line is printed at most every
 * {@link #PLAIN_INTERVAL} and once at the end, so a log stays short. Thread-safe: Spark's listener bus and
 * the local task dispatcher report from their own threads.
 */
final class Progress {
  /** The shortest time between two plain lines. */
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);
  private final PrintWriter out;
  private final String what;
  private final boolean terminal;
  private final LongSupplier nanos;
  private long started;
  private long total;
  private long done;
  private long rows;
  private long lastPrinted = Long.MIN_VALUE;
  private boolean lineOpen;

  Progress(PrintWriter out, String what, boolean terminal, LongSupplier nanos) {
    this.out = out;
    this.what = what;
    this.terminal = terminal;
    this.nanos = nanos;
  }

  /** Progress on {@code out}, rewritten in place when this process writes to a terminal. */
  static Progress of(PrintWriter out, String what) {
    return new Progress(out, what, System.console() != null, System::nanoTime);
  }

  /** Starts counting towards {@code total} more units (a second start adds to the total). */
  synchronized void start(long more) {
    if (total == 0) {
      started = nanos.getAsLong();
    }
    total += more;
  }

  /** {@code units} more done, with {@code rowCount} rows. */
  synchronized void advance(long units, long rowCount) {
    done += units;
    rows += rowCount;
    long now = nanos.getAsLong();
    if (terminal) {
      out.print("\r" + line(now) + "   ");
      out.flush();
      lineOpen = true;
    } else if (done >= total || lastPrinted == Long.MIN_VALUE || now - lastPrinted >= PLAIN_INTERVAL.toNanos()) {
      out.println("progress: " + line(now));
      out.flush();
      lastPrinted = now;
    }
  }

  /** Ends the rewritten line, so what follows starts on a line of its own. */
  synchronized void finish() {
    if (lineOpen) {
      out.println();
      out.flush();
      lineOpen = false;
    }
  }

  /** This progress counting an execution's windows. */
  ExecutionListener windows() {
    return new ExecutionListener() {
      @Override
      public void planned(long windows) {
        start(windows);
      }

      @Override
      public void windowEnded(long rowsWritten) {
        advance(1, rowsWritten);
      }
    };
  }

  /** E.g. {@code windows 3/10, 12,345 rows/s, about 40 s left}. */
  synchronized String line(long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    StringBuilder line = new StringBuilder(String.format("%s %d/%d, %,.0f rows/s", what, done, total, rows / seconds));
    if (done > 0 && done < total) {
      long left = Math.round(seconds / done * (total - done));
      line.append(String.format(", about %s left", left < 120 ? left + " s" : (left + 59) / 60 + " min"));
    }
    return line.toString();
  }
}
