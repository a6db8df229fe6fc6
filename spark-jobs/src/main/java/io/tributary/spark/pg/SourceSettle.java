package io.tributary.spark.pg;

import io.tributary.core.config.JdbcOptions;
import io.tributary.core.run.WindowNotSettledException;
import io.tributary.core.window.LoadWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, before a window is read, until its source can no longer add to it: no transaction begun before the
 * window's stop is still open ({@link PgOpenTransactions}). It waits at most the job's {@code settle_seconds};
 * past that the window is left WAITING for the next run, naming each transaction. Where the reader cannot see
 * other users' sessions, a fixed lag after the window's stop ({@code lag_seconds}) stands in for the check.
 */
public final class SourceSettle {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSettle.class);
  private static final Duration POLL = Duration.ofMillis(250);

  /** What the wait found: how long it waited, and whether the check could see every session. */
  public record Settled(Duration waited, boolean sawEverySession) {}

  private final Clock clock;

  public SourceSettle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns once {@code window} has settled; throws {@link WindowNotSettledException} naming what is still open
   * when {@code options.settle()} runs out first.
   */
  public Settled await(Connection connection, JdbcOptions options, LoadWindow window)
      throws SQLException, WindowNotSettledException {
    long begun = System.nanoTime();
    if (!PgOpenTransactions.canSeeOtherSessions(connection)) {
      Instant now = clock.instant();
      Instant readable = window.stop().plus(options.lag());
      if (readable.isAfter(now.plus(options.settle()))) {
        throw new WindowNotSettledException("this user cannot see other users' transactions (grant it"
            + " pg_read_all_stats), so the window is read only " + options.lag().toSeconds() + " s after its stop,"
            + " at " + readable + "; left for the next run");
      }
      sleep(Duration.between(now, readable));
      return new Settled(elapsedSince(begun), false);
    }
    while (true) {
      List<PgOpenTransactions.OpenTransaction> open = PgOpenTransactions.begunBefore(connection, window.stop());
      Duration waited = elapsedSince(begun);
      if (open.isEmpty()) {
        if (waited.compareTo(POLL) >= 0) {
          LOG.info("window {} settled after {} ms", window, waited.toMillis());
        }
        return new Settled(waited, true);
      }
      if (waited.compareTo(options.settle()) >= 0) {
        throw new WindowNotSettledException(open.size() + " transaction(s) begun before the window's stop "
            + window.stop() + " still open after " + options.settle().toSeconds() + " s, and any of them can still"
            + " commit rows into it: " + open.stream().map(Object::toString).collect(Collectors.joining("; "))
            + "; left for the next run");
      }
      Duration left = options.settle().minus(waited);
      sleep(left.compareTo(POLL) < 0 ? left : POLL);
    }
  }

  private static Duration elapsedSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the source to settle", e);
    }
  }
}
