package io.tributary.spark.pg;

import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.PartitionSpec;
import io.tributary.core.window.LoadWindow;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The exact statements that read one window of a table: one {@code COPY (SELECT ...) TO STDOUT (FORMAT
 * binary)} per partition. The window filter runs in the database. When the database finds the window through
 * an index, the partitions split the window itself into equal ranges of time, so each reads only its share
 * through the index however many partitions share a core. Otherwise (no index, or the window is so much of the
 * table that the database scans it) they split the integer partition column into equal strides
 * between the bounds (each then filters the whole window); the first also takes values below the lower bound and
 * NULLs, the last values above the upper bound. Either way every row of the window is read exactly once.
 */
public record PgReadPlan(List<PgColumn> columns, int windowColumnIndex, Split split, List<String> statements)
    implements Serializable {
  /** How the window's rows are divided among the partitions. */
  public enum Split {
    /** Equal ranges of the window column: each partition's statement reads its range through the index. */
    WINDOW_RANGES,
    /** Equal strides of {@code partition_by_col}: each partition's statement filters the whole window. */
    PARTITION_COLUMN
  }

  private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  public PgReadPlan {
    columns = List.copyOf(columns);
    statements = List.copyOf(statements);
  }

  /**
   * Plans the read of {@code window} from {@code source}, whose columns are {@code columns}; {@code byRanges}
   * says whether to split the window into ranges (when the database finds the window through an index, see
   * {@link PgWindowIndex#findsWindowThroughIndex}).
   */
  public static PgReadPlan of(JdbcSource source, List<PgColumn> columns, LoadWindow window, boolean byRanges) {
    int windowIndex = windowColumnIndex(source, columns);
    PgColumn windowColumn = columns.get(windowIndex);
    PartitionSpec partitioning = source.partitioning();
    PgColumn partitionColumn = columns.get(indexOf(columns, partitioning.column().name(), "partition_by_col"));
    if (partitionColumn.array() || !List.of(PgType.INT2, PgType.INT4, PgType.INT8).contains(partitionColumn.type())) {
      throw new IllegalArgumentException("partition_by_col " + partitionColumn.quotedName() + " of "
          + source.table() + " is " + partitionColumn.catalogType() + ", expected smallint, integer or bigint");
    }
    String select = select(source, columns);
    List<Instant> ranges = byRanges ? windowRanges(windowColumn, window, partitioning.numPartitions())
        : List.of();
    List<String> statements = new ArrayList<>();
    if (ranges.size() > 2) {
      for (int i = 0; i + 1 < ranges.size(); i++) {
        statements.add(copy(select + range(windowColumn, ranges.get(i), ranges.get(i + 1))));
      }
      return new PgReadPlan(columns, windowIndex, Split.WINDOW_RANGES, statements);
    }
    for (String predicate : partitionPredicates(partitionColumn.quotedName(), partitioning)) {
      String where = predicate.isEmpty() ? "" : " AND (" + predicate + ")";
      statements.add(copy(select + range(windowColumn, window.start(), window.stop()) + where));
    }
    return new PgReadPlan(columns, windowIndex, Split.PARTITION_COLUMN, statements);
  }

  /** The query of the whole window, without partitions: what the database is asked how it would find. */
  public static String windowSelect(JdbcSource source, List<PgColumn> columns, LoadWindow window) {
    return select(source, columns) + range(columns.get(windowColumnIndex(source, columns)), window.start(),
        window.stop());
  }

  private static String select(JdbcSource source, List<PgColumn> columns) {
    return "SELECT " + columns.stream().map(PgColumn::selectExpression).collect(Collectors.joining(", "))
        + " FROM " + source.table().quoted() + " WHERE ";
  }

  private static int windowColumnIndex(JdbcSource source, List<PgColumn> columns) {
    int windowIndex = indexOf(columns, source.windowColumn().name(), "window_db_column");
    PgColumn windowColumn = columns.get(windowIndex);
    if (windowColumn.array() || !List.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ).contains(windowColumn.type())) {
      throw new IllegalArgumentException("window_db_column " + windowColumn.quotedName() + " of "
          + source.table() + " is " + windowColumn.catalogType() + ", expected date, timestamp or timestamptz");
    }
    return windowIndex;
  }

  private static String copy(String select) {
    return "COPY (" + select + ") TO STDOUT (FORMAT binary)";
  }

  /** The predicate selecting {@code window}'s rows of {@code column}, in the column's own type. */
  static String windowPredicate(PgColumn column, LoadWindow window) {
    return range(column, window.start(), window.stop());
  }

  /** The window column of {@code source} among {@code columns}; throws when it is missing or not a time. */
  static PgColumn windowColumn(JdbcSource source, List<PgColumn> columns) {
    return columns.get(windowColumnIndex(source, columns));
  }

  /** The column named {@code configured} (as PostgreSQL folds it) among {@code columns}. */
  static PgColumn column(List<PgColumn> columns, String configured, String configColumn) {
    return columns.get(indexOf(columns, configured, configColumn));
  }

  private static String range(PgColumn column, Instant start, Instant stop) {
    return column.quotedName() + " >= " + literal(column, start) + " AND " + column.quotedName() + " < "
        + literal(column, stop);
  }

  /**
   * The bounds of {@code partitions} equal ranges of the window, first the window's start and last its stop: by
   * the microsecond for a timestamp, by whole days for a date (fewer ranges when the window has fewer days).
   */
  static List<Instant> windowRanges(PgColumn column, LoadWindow window, int partitions) {
    long unit = column.type() == PgType.DATE ? 86_400_000_000L : 1L;
    long start = ChronoUnit.MICROS.between(Instant.EPOCH, window.start());
    long stop = ChronoUnit.MICROS.between(Instant.EPOCH, window.stop());
    if (unit > 1 && (Math.floorMod(start, unit) != 0 || Math.floorMod(stop, unit) != 0)) {
      return List.of(); // a date column's window not on whole days: keep the window as it is
    }
    long units = (stop - start) / unit;
    int ranges = (int) Math.min(partitions, units);
    List<Instant> bounds = new ArrayList<>();
    for (int i = 0; i <= ranges; i++) {
      long micros = start + unit * BigInteger.valueOf(units).multiply(BigInteger.valueOf(i))
          .divide(BigInteger.valueOf(Math.max(ranges, 1))).longValueExact();
      bounds.add(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }
    return bounds;
  }

  private static int indexOf(List<PgColumn> columns, String configured, String configColumn) {
    String folded = configured.toLowerCase(Locale.ROOT);
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(folded)) {
        return i;
      }
    }
    throw new IllegalArgumentException(configColumn + " '" + configured + "' is not a column of the table; it has "
        + columns.stream().map(PgColumn::name).collect(Collectors.joining(", ")));
  }

  /** A typed literal: the column's own type, so that no session time zone takes part. */
  private static String literal(PgColumn column, Instant instant) {
    String text = LITERAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    return column.type() == PgType.TIMESTAMPTZ ? "'" + text + "+00'::timestamptz" : "'" + text + "'::timestamp";
  }

  /** The WHERE predicates of the partitions, in order; a single empty predicate for one partition. */
  static List<String> partitionPredicates(String column, PartitionSpec spec) {
    long lower = spec.lowerBound();
    long upper = spec.upperBound();
    // As Spark's JDBC source: fewer partitions than the range is wide, strides computed without overflow.
    long width;
    try {
      width = Math.subtractExact(upper, lower);
    } catch (ArithmeticException overflow) {
      width = Long.MAX_VALUE;
    }
    int partitions = (int) Math.min(spec.numPartitions(), Math.max(width, 1));
    if (partitions == 1) {
      return List.of("");
    }
    long stride = upper / partitions - lower / partitions;
    List<String> predicates = new ArrayList<>();
    long bound = lower;
    for (int i = 0; i < partitions; i++) {
      long next = bound + stride;
      if (i == 0) {
        predicates.add(column + " < " + next + " OR " + column + " IS NULL");
      } else if (i == partitions - 1) {
        predicates.add(column + " >= " + bound);
      } else {
        predicates.add(column + " >= " + bound + " AND " + column + " < " + next);
      }
      bound = next;
    }
    return predicates;
  }
}
