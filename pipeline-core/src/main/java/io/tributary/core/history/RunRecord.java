package io.tributary.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one ingestion of one window did: rows read from the source and written to the lake, bytes
 * written, the smallest and largest window-column value seen (empty for an empty window), how long it
 * took, and where the output is.
 */
public record RunRecord(
    long rowsRead,
    long rowsWritten,
    long bytesWritten,
    Optional<Instant> windowColumnMin,
    Optional<Instant> windowColumnMax,
    Duration duration,
    String outputPath) {

  public RunRecord {
    Objects.requireNonNull(windowColumnMin, "windowColumnMin");
    Objects.requireNonNull(windowColumnMax, "windowColumnMax");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outputPath, "outputPath");
  }
}
