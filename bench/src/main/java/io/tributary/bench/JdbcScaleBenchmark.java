package io.tributary.bench;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.local.LocalPostgres;
import io.tributary.local.LocalSpark;
import io.tributary.spark.ingest.JdbcIngestion;
import io.tributary.spark.pg.PgReadPlan;
import io.tributary.spark.pg.PgTableSchema;
import io.tributary.spark.pg.PgWindowIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A window costs what the window holds, not what the table holds: the same one-day window read from a table
 * of that day only and from a table of {@code days} days (window column indexed in both), best of three
 * interleaved runs each, with the plan PostgreSQL chooses for a partition's statement on the large table.
 *
 * <p>Usage: {@code bench/run jdbc-scale [days=100] [rowsPerDay=200000] [partitions=cores]}
 */
public final class JdbcScaleBenchmark {
  private static final String WINDOW_START = "2018-11-04 00:00:00";
  private static final String WINDOW_STOP = "2018-11-05 00:00:00";

  private JdbcScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long rowsPerDay = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    Path work = Files.createTempDirectory("tributary-bench-scale");
    try (LocalPostgres postgres = LocalPostgres.start("bench", work)) {
      long started = System.nanoTime();
      try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
        // The window's day is day 70 of the large table: rows before and after it.
        create(s, "one_day", "timestamptz '" + WINDOW_START + "+00'", 1, rowsPerDay);
        create(s, "many_days", "timestamptz '" + WINDOW_START + "+00' - interval '69 days'", days, rowsPerDay);
      }
      System.out.printf("jdbc-scale: one_day holds %,d rows (1 day), many_days %,d rows (%d days); generated and"
          + " indexed in %.1f s%n", rowsPerDay, rowsPerDay * days, days, (System.nanoTime() - started) / 1e9);
      JobConfig small = JdbcIngestBenchmark.job(work, "one_day", partitions);
      JobConfig large = JdbcIngestBenchmark.job(work, "many_days", partitions);
      explain(postgres, large);
      SparkSession spark = LocalSpark.start("tributary-bench-scale");
      try {
        JdbcIngestion ingestion = new JdbcIngestion(spark, postgres.secrets(), ParquetCodec.SNAPPY);
        ingestion.ingest(small, small.window(), "warm-up");
        double bestSmall = Double.MAX_VALUE;
        double bestLarge = Double.MAX_VALUE;
        long rows = 0;
        for (int i = 0; i < 3; i++) {
          long t = System.nanoTime();
          RunRecord one = ingestion.ingest(small, small.window(), UUID.randomUUID().toString());
          bestSmall = Math.min(bestSmall, (System.nanoTime() - t) / 1e9);
          t = System.nanoTime();
          RunRecord many = ingestion.ingest(large, large.window(), UUID.randomUUID().toString());
          bestLarge = Math.min(bestLarge, (System.nanoTime() - t) / 1e9);
          if (one.rowsWritten() != many.rowsWritten()) {
            throw new IllegalStateException("the windows differ: " + one.rowsWritten() + " vs " + many.rowsWritten());
          }
          rows = many.rowsWritten();
        }
        System.out.printf("jdbc-scale: the window (%,d rows, %d partitions) from one_day %.2f s, from many_days"
            + " %.2f s: ratio %.2f (target <= 1.5)%n", rows, partitions, bestSmall, bestLarge, bestLarge / bestSmall);
      } finally {
        spark.stop();
      }
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void create(Statement s, String table, String first, int days, long rowsPerDay) throws Exception {
    long rows = days * rowsPerDay;
    s.execute("CREATE UNLOGGED TABLE " + table + " (id bigint, created_at timestamptz, quarter int,"
        + " amount numeric(12,2), status text)");
    s.execute("INSERT INTO " + table + " SELECT g, " + first + " + ((g - 1) * 86400.0 / " + rowsPerDay + ")"
        + " * interval '1 second', 1 + g % 1000, (g % 100000) / 100.0, 'ok' || (g % 7)"
        + " FROM generate_series(1::bigint, " + rows + "::bigint) g");
    s.execute("CREATE INDEX ON " + table + " (created_at)");
    s.execute("VACUUM ANALYZE " + table);
  }

  /** Prints the plan PostgreSQL chooses for the first partition's statement, and whether it uses the index. */
  static void explain(LocalPostgres postgres, JobConfig job) throws Exception {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      var columns = PgTableSchema.read(c, job.jdbc().table());
      String copy = PgReadPlan.of(job.jdbc(), columns, job.window(),
          PgWindowIndex.splitByRanges(c, job.jdbc(), columns, job.window())).statements().get(0);
      String select = copy.substring("COPY (".length(), copy.lastIndexOf(") TO STDOUT"));
      List<String> plan = new ArrayList<>();
      try (ResultSet lines = s.executeQuery("EXPLAIN " + select)) {
        while (lines.next()) {
          plan.add(lines.getString(1));
        }
      }
      boolean indexed = plan.stream().anyMatch(l -> l.contains("Index Scan") || l.contains("Bitmap Index Scan"));
      System.out.printf("    the first partition's statement on %s (index on the window column: %s):%n      %s%n"
          + "    %s%n", job.jdbc().table(), PgWindowIndex.exists(c, job.jdbc().table(), job.jdbc().windowColumn()),
          String.join("\n      ", plan), indexed ? "an index scan, not a sequential scan of the table"
              : "A SEQUENTIAL SCAN: every window reads the whole table");
    }
  }
}
