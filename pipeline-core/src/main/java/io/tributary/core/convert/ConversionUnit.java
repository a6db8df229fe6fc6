package io.tributary.core.convert;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One task of a conversion: the day files of one dataset that together make whole output partitions.
 * For day, month and year sizes that is one partition and every day file in it; for hours it is one day
 * file and the 24 hours it holds. Rows are accepted only when their time index lies in their file's day.
 *
 * @param days the UTC day starts of the source files, ascending
 * @param partitions the output partitions this unit rewrites (written, or removed when left empty)
 */
public record ConversionUnit(DatasetId dataset, Instant start, Instant end, List<Instant> days,
    List<Instant> partitions) implements Serializable {

  public ConversionUnit {
    days = List.copyOf(days);
    partitions = List.copyOf(partitions);
  }

  /** A name for this unit that is the same on every run: {@code day-1577836800}. */
  public String key(PartitionSize size) {
    return (size == PartitionSize.HOUR ? "day" : size.name().toLowerCase(Locale.ROOT)) + "-"
        + start.getEpochSecond();
  }
}
