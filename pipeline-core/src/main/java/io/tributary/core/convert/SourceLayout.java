package io.tributary.core.convert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How source files are laid out below a conversion's source root, and where each file's day and dataset
 * come from.
 */
public enum SourceLayout {
  /**
   * The Transmuter's output: {@code <collection>/<dataset>/year=<YYYY>/<unix seconds of the UTC day>.csv.gz}
   * with a METADATA.json per dataset; the time index is a column of unix seconds.
   */
  S3DB("s3db"),
  /**
   * Cubic DMAP daily files: {@code <name>/<yyyymmdd>.csv} (or {@code .csv.gz}), or as MBTA's fetcher names them,
   * {@code <name>/<dataset id>.csv.gz} with a dataset id such as {@code agg_sample_20220517}
   * ({@code ExCubicIngestion.Workers.FetchDmap}), one day per file, the
   * columns declared in the job's {@code schema}; the time index is the file's day, written as the
   * {@value DatasetSchema#FILE_DAY} column (unix seconds of the UTC day start).
   */
  CUBIC_DMAP("cubic-dmap");

  private static final Pattern DMAP_KEY = Pattern.compile("([^/]+)/(?:[^/]*_)?(\\d{8})\\.csv(\\.gz)?");
  private static final String DMAP_COLLECTION = "dmap";

  private final String label;

  SourceLayout(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Parses {@code s3db|cubic-dmap}. */
  public static SourceLayout parse(String text) {
    for (SourceLayout layout : values()) {
      if (layout.label.equals(text.toLowerCase(Locale.ROOT))) {
        return layout;
      }
    }
    throw new IllegalArgumentException("source layout '" + text + "' is not one of s3db, cubic-dmap");
  }

  /** One source file: its dataset and UTC day. */
  public record DayFile(DatasetId dataset, Instant day) {}

  /** The dataset and day of a file, from its key below the source root; the message says what does not fit. */
  public DayFile dayFile(String relativeKey) {
    if (this == S3DB) {
      S3dbObject object = S3dbObject.parse(relativeKey);
      return new DayFile(new DatasetId(object.collection(), object.dataset()), object.dayStart());
    }
    Matcher matcher = DMAP_KEY.matcher(relativeKey);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + relativeKey + "' is not <name>/[<dataset>_]<yyyymmdd>.csv[.gz]");
    }
    String date = matcher.group(2);
    try {
      Instant day = LocalDate.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(4, 6)),
          Integer.parseInt(date.substring(6))).atStartOfDay(ZoneOffset.UTC).toInstant();
      return new DayFile(new DatasetId(DMAP_COLLECTION, matcher.group(1)), day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + relativeKey + "': " + date + " is not a date");
    }
  }

  /** A dataset's directory below the source root. */
  public String datasetDirectory(DatasetId dataset) {
    return this == S3DB ? dataset.path() : dataset.dataset();
  }

  /** Why this layout cannot write {@code size} partitions, if it cannot. */
  public Optional<String> refusal(PartitionSize size) {
    if (this == CUBIC_DMAP && size == PartitionSize.HOUR) {
      return Optional.of("cubic-dmap rows carry only their file's day, so hour partitions would put"
          + " every row in hour 00; use day, month or year");
    }
    return Optional.empty();
  }
}
