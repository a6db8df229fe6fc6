package io.tributary.core.convert;

import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.LoadWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversion: where data is read (S3DB, or Cubic DMAP files with declared columns) and where it is
 * written, what is written, which datasets (empty: every dataset below the source) and which time range
 * (empty: all of it). Checked as a whole when built: overlapping source and destination are refused.
 */
public record ConversionRequest(
    StorageUri source,
    StorageUri destination,
    ConversionTarget target,
    List<DatasetId> datasets,
    Optional<LoadWindow> range,
    String timeIndexColumn,
    SourceLayout sourceLayout,
    Optional<DatasetSchema> declaredSchema) {

  /** An S3DB conversion: columns from each dataset's METADATA.json. */
  public ConversionRequest(StorageUri source, StorageUri destination, ConversionTarget target,
      List<DatasetId> datasets, Optional<LoadWindow> range, String timeIndexColumn) {
    this(source, destination, target, datasets, range, timeIndexColumn, SourceLayout.S3DB, Optional.empty());
  }

  /** DataClient's default time index column. */
  public static final String DEFAULT_TIME_INDEX = "target_start";

  public ConversionRequest {
    source = source.viaS3a(); // the conversion reads and writes through S3A
    destination = destination.viaS3a();
    Objects.requireNonNull(target, "target");
    datasets = List.copyOf(datasets);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(timeIndexColumn, "timeIndexColumn");
    Objects.requireNonNull(sourceLayout, "sourceLayout");
    Objects.requireNonNull(declaredSchema, "declaredSchema");
    if (sourceLayout == SourceLayout.CUBIC_DMAP && declaredSchema.isEmpty()) {
      throw new IllegalArgumentException("a cubic-dmap source needs its columns declared, e.g. "
          + "station:str,taps:int,revenue:float (DMAP files have no METADATA.json)");
    }
    sourceLayout.refusal(target.partitionSize()).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
    if (source.overlaps(destination)) {
      throw new IllegalArgumentException("source " + source + " and destination " + destination
          + " overlap: converted files would land among (or above) the files being read; "
          + "use a destination prefix that is neither inside nor above the source");
    }
  }
}
