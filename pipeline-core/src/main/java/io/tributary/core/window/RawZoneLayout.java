package io.tributary.core.window;

import io.tributary.core.config.JobConfig;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a job's windows land in the lake's RAW zone (the seed's layout):
 * {@code <output_dir>/<database_name>/<table_name>/original/incremental/load_date=<yyyy-MM-dd>/}, named by
 * the UTC date of the window start. Windows that are not whole UTC days get a second level,
 * {@code load_time=<HHmmss>}, so that each window owns exactly one directory.
 */
public final class RawZoneLayout {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private RawZoneLayout() {}

  /** The directory holding all of a job's incremental windows. */
  public static String incrementalRoot(JobConfig job) {
    return job.outputDir().resolve(
        job.jdbc().database().name(), job.jdbc().table().toString(), "original", "incremental");
  }

  /**
   * The job's current-state Delta table ({@code current_state=true}), beside its windows:
   * {@code <output_dir>/<database_name>/<table_name>/current}.
   */
  public static String currentStateRoot(JobConfig job) {
    return job.outputDir().resolve(job.jdbc().database().name(), job.jdbc().table().toString(), "current");
  }

  /** The window's directory below {@link #incrementalRoot}, e.g. {@code load_date=2018-11-04}. */
  public static String windowPartition(LoadWindow window) {
    return windowPartitionValues(window).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("/"));
  }

  /**
   * The window's partition as column and value pairs, in order ({@code load_date} then, for a window that is not
   * whole days, {@code load_time}): what a Delta output's partition columns hold.
   */
  public static LinkedHashMap<String, String> windowPartitionValues(LoadWindow window) {
    ZonedDateTime start = window.start().atZone(ZoneOffset.UTC);
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    values.put("load_date", DATE.format(start));
    boolean wholeDays = start.toLocalTime().equals(LocalTime.MIDNIGHT)
        && window.length().toNanos() % Duration.ofDays(1).toNanos() == 0;
    if (!wholeDays) {
      values.put("load_time", TIME.format(start));
    }
    return values;
  }

  /**
   * The job's table in the catalog ({@code glue_database}): {@code <database_name>__<table>}, lower case, every
   * character Athena does not allow in a name as {@code _}; e.g. {@code sales__public_orders}.
   */
  public static String catalogTable(JobConfig job) {
    return (job.jdbc().database().name() + "__" + job.jdbc().table()).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
  }

  /** The job's current-state table in the catalog: {@link #catalogTable} and {@code __current}. */
  public static String currentStateCatalogTable(JobConfig job) {
    return catalogTable(job) + "__current";
  }

  /** The window's full output directory. */
  public static String windowDirectory(JobConfig job, LoadWindow window) {
    return incrementalRoot(job) + "/" + windowPartition(window);
  }
}
