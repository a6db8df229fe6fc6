package io.tributary.spark.pg;

import org.apache.spark.util.AccumulatorV2;

/** The smallest and largest long added across all tasks; {@code [MAX, MIN]} while empty. */
public final class MinMaxAccumulator extends AccumulatorV2<Long, long[]> {
  private static final long serialVersionUID = 1L;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  @Override
  public boolean isZero() {
    return min == Long.MAX_VALUE && max == Long.MIN_VALUE;
  }

  @Override
  public AccumulatorV2<Long, long[]> copy() {
    MinMaxAccumulator copy = new MinMaxAccumulator();
    copy.min = min;
    copy.max = max;
    return copy;
  }

  @Override
  public void reset() {
    min = Long.MAX_VALUE;
    max = Long.MIN_VALUE;
  }

  @Override
  public void add(Long value) {
    add(value.longValue());
  }

  /** Adds one value without boxing. */
  public void add(long value) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  @Override
  public void merge(AccumulatorV2<Long, long[]> other) {
    long[] range = other.value();
    min = Math.min(min, range[0]);
    max = Math.max(max, range[1]);
  }

  @Override
  public long[] value() {
    return new long[] {min, max};
  }
}
