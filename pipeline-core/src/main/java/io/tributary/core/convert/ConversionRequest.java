package io.tributary.core.convert;

import io.tributary.core.window.LoadWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversion: where S3DB data is read and where it is written, what is written, which datasets
 * (empty: every dataset below the source) and which time range (empty: all of it). Checked as a whole
 * when built: overlapping source and destination are refused.
 */
public record ConversionRequest(
    StorageUri source,
    StorageUri destination,
    ConversionTarget target,
    List<DatasetId> datasets,
    Optional<LoadWindow> range,
    String timeIndexColumn) {

  /** DataClient's default time index column. */
  public static final String DEFAULT_TIME_INDEX = "target_start";

  public ConversionRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(target, "target");
    datasets = List.copyOf(datasets);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(timeIndexColumn, "timeIndexColumn");
    if (source.overlaps(destination)) {
      throw new IllegalArgumentException("source " + source + " and destination " + destination
          + " overlap: converted files would land among (or above) the files being read; "
          + "use a destination prefix that is neither inside nor above the source");
    }
  }
}
