package io.tributary.convert;

import io.tributary.core.convert.DatasetId;
import java.util.List;
import java.util.Optional;

/**
 * What a conversion did to one dataset: units converted, partition files written and removed, rows read,
 * written and rejected, bytes written, where the rejection reports are, or why the dataset failed (then nothing of it
 * was published); and what each unit rewrote ({@code rewrites}: its files and rows), for a person to read.
 */
public record DatasetOutcome(DatasetId dataset, int units, int partitionsWritten, int partitionsRemoved,
    long rowsRead, long rowsWritten, long rowsRejected, long bytesWritten, List<String> rejectReports, List<String> ignoredFiles,
    Optional<String> failure, List<String> rewrites) {

  public DatasetOutcome {
    rejectReports = List.copyOf(rejectReports);
    ignoredFiles = List.copyOf(ignoredFiles);
    rewrites = List.copyOf(rewrites);
  }

  static DatasetOutcome failed(DatasetId dataset, String reason) {
    return new DatasetOutcome(dataset, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), Optional.of(reason), List.of());
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
