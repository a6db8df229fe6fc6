package io.tributary.convert;

import io.tributary.core.convert.ConversionUnit;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What converting one unit did: rows read, written and rejected, bytes of files written, the partition files it staged
 * (relative to the dataset directory), whether it staged a rejection report, or why it failed.
 */
public record UnitResult(ConversionUnit unit, long rowsRead, long rowsWritten, long rowsRejected, long bytesWritten,
    List<String> stagedFiles, boolean stagedRejects, String failureReason) implements Serializable {

  static UnitResult failed(ConversionUnit unit, String reason) {
    return new UnitResult(unit, 0, 0, 0, 0, List.of(), false, reason);
  }

  /** Why the unit failed, if it did (a nullable field: Optional is not serializable). */
  Optional<String> failure() {
    return Optional.ofNullable(failureReason);
  }
}
