package io.tributary.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of one window did: rows read from the source, written to the lake and rejected (kept in
 * a rejection report; read = written + rejected), bytes written, the smallest and largest window-column
 * value seen (empty for an empty window or a conversion), how long it took, and where the output is.
 */
public record RunRecord(
    long rowsRead,
    long rowsWritten,
    long bytesWritten,
    Optional<Instant> windowColumnMin,
    Optional<Instant> windowColumnMax,
    Duration duration,
    String outputPath,
    long rowsRejected) {

  public RunRecord {
    Objects.requireNonNull(windowColumnMin, "windowColumnMin");
    Objects.requireNonNull(windowColumnMax, "windowColumnMax");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outputPath, "outputPath");
  }

  /** A record of a run that rejects no rows (JDBC ingestion: the database typed every value). */
  public RunRecord(long rowsRead, long rowsWritten, long bytesWritten, Optional<Instant> windowColumnMin,
      Optional<Instant> windowColumnMax, Duration duration, String outputPath) {
    this(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath, 0);
  }
}
