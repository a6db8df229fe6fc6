package io.tributary.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of one window did: rows read from the source, written to the lake and rejected (kept in
 * a rejection report; read = written + rejected), bytes written, the smallest and largest window-column
 * value seen (empty for an empty window or a conversion), how long it took, and where the output is; what it saw
 * of its source ({@link SourceSnapshot}); for a repair, the rows the window had before; the earlier windows
 * this run repaired; and the commit it made to the job's current state, if it keeps one.
 */
public record RunRecord(
    long rowsRead,
    long rowsWritten,
    long bytesWritten,
    Optional<Instant> windowColumnMin,
    Optional<Instant> windowColumnMax,
    Duration duration,
    String outputPath,
    long rowsRejected,
    SourceSnapshot source,
    Optional<Long> rowsBeforeRepair,
    List<WindowRepair> repairs,
    Optional<StateCommit> currentState) {

  public RunRecord {
    Objects.requireNonNull(windowColumnMin, "windowColumnMin");
    Objects.requireNonNull(windowColumnMax, "windowColumnMax");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outputPath, "outputPath");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rowsBeforeRepair, "rowsBeforeRepair");
    repairs = List.copyOf(repairs);
    Objects.requireNonNull(currentState, "currentState");
  }

  /** A record of a run that keeps nothing of its source and repairs nothing. */
  public RunRecord(long rowsRead, long rowsWritten, long bytesWritten, Optional<Instant> windowColumnMin,
      Optional<Instant> windowColumnMax, Duration duration, String outputPath, long rowsRejected) {
    this(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath, rowsRejected,
        SourceSnapshot.NONE, Optional.empty(), List.of(), Optional.empty());
  }

  /** A record of a run that rejects no rows (JDBC ingestion: the database typed every value). */
  public RunRecord(long rowsRead, long rowsWritten, long bytesWritten, Optional<Instant> windowColumnMin,
      Optional<Instant> windowColumnMax, Duration duration, String outputPath) {
    this(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath, 0);
  }

  /** This record with what the run saw of its source. */
  public RunRecord withSource(SourceSnapshot seen) {
    return new RunRecord(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath,
        rowsRejected, seen, rowsBeforeRepair, repairs, currentState);
  }

  /** This record as the repair of a window that had {@code rowsBefore} rows. */
  public RunRecord asRepairOf(long rowsBefore) {
    return new RunRecord(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath,
        rowsRejected, source, Optional.of(rowsBefore), repairs, currentState);
  }

  /** This record with the earlier windows the run repaired. */
  public RunRecord withRepairs(List<WindowRepair> done) {
    return new RunRecord(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath,
        rowsRejected, source, rowsBeforeRepair, done, currentState);
  }

  /** This record with the commit the run made to the job's current state. */
  public RunRecord withCurrentState(StateCommit commit) {
    return new RunRecord(rowsRead, rowsWritten, bytesWritten, windowColumnMin, windowColumnMax, duration, outputPath,
        rowsRejected, source, rowsBeforeRepair, repairs, Optional.of(commit));
  }
}
