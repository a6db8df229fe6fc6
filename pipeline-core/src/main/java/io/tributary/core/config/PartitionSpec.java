package io.tributary.core.config;

import java.util.Objects;

/**
 * How a job's read is split: {@code numPartitions} parallel reads on the integer column {@code column},
 * with strides computed between {@code lowerBound} and {@code upperBound}. The bounds only shape the
 * strides: rows outside them, and NULLs, are read by the first and last partitions.
 */
public record PartitionSpec(SqlIdentifier column, long lowerBound, long upperBound, int numPartitions) {

  public PartitionSpec {
    Objects.requireNonNull(column, "column");
    if (numPartitions < 1) {
      throw new IllegalArgumentException("numPartitions must be >= 1, was " + numPartitions);
    }
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException(
          "lowerBound " + lowerBound + " must not exceed upperBound " + upperBound);
    }
  }
}
