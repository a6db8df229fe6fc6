package io.tributary.spark.convert;

import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.PartitionSize;
import java.time.Instant;
import java.time.ZoneOffset;

/** Where things live below a source or destination root: source day files, staging, rejection reports. */
final class ConversionLayout {
  static final String STAGING = "_tributary_staging";
  static final String REJECTED = "_rejected";
  static final String METADATA = "METADATA.json";

  private ConversionLayout() {}

  /** A day's source file, relative to its dataset directory. */
  static String dayFile(Instant day) {
    return "year=" + day.atZone(ZoneOffset.UTC).getYear() + "/" + day.getEpochSecond() + ".csv.gz";
  }

  /** The staging directory of one run below a destination root. */
  static String stagingRoot(String destination, String runId) {
    return destination + "/" + STAGING + "/" + runId;
  }

  /** A unit's rejection report, relative to a destination (or staging) root. */
  static String rejectsFile(DatasetId dataset, ConversionUnit unit, PartitionSize size) {
    return REJECTED + "/" + dataset.path() + "/" + unit.key(size) + ".csv";
  }
}
