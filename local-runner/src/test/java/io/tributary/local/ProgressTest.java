package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Progress lines: done of total, rows/s and time left; rewritten on a terminal, a few plain lines otherwise. */
@Tag("fast")
class ProgressTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter text = new StringWriter();

  private void at(long seconds) {
    nanos.set(seconds * 1_000_000_000L);
  }

  @Test
  void onATerminalOneLineIsRewrittenAndEndedOnce() {
    Progress progress = new Progress(new PrintWriter(text), "windows", true, nanos::get);
    progress.start(4);
    at(2);
    progress.advance(1, 1_000);
    at(4);
    progress.advance(1, 3_000);
    progress.finish();

    assertEquals("\rwindows 1/4, 500 rows/s, about 6 s left   \rwindows 2/4, 1,000 rows/s, about 4 s left   "
        + System.lineSeparator(), text.toString());
  }

  @Test
  void withoutATerminalPlainLinesComeAtMostEveryIntervalAndAtTheEnd() {
    Progress progress = new Progress(new PrintWriter(text), "units", false, nanos::get);
    progress.start(300);
    for (int second = 1; second <= 300; second++) {
      at(second);
      progress.advance(1, 10);
    }
    progress.finish();

    String[] lines = text.toString().split(System.lineSeparator());
    assertEquals(1 + 300 / Progress.PLAIN_INTERVAL.toSeconds(), lines.length, text.toString());
    assertEquals("progress: units 1/300, 10 rows/s, about 5 min left", lines[0]);
    assertEquals("progress: units 11/300, 10 rows/s, about 5 min left", lines[1]);
    assertEquals("progress: units 300/300, 10 rows/s", lines[lines.length - 1]);
  }

  @Test
  void aSecondExecutionAddsItsWindowsToTheTotal() {
    Progress progress = new Progress(new PrintWriter(text), "windows", false, nanos::get);
    progress.windows().planned(2);
    at(1);
    progress.windows().windowEnded(100);
    progress.windows().planned(1);
    assertEquals("windows 1/3, 100 rows/s, about 2 s left", progress.line(nanos.get()));
  }
}
