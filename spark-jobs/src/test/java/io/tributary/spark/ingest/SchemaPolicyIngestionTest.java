package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.SourceColumn;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.cubic.DeltaKernelTable;
import io.tributary.spark.testing.TestSpark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source gains a column, then retypes one: the added column evolves the output (read as one table by Spark with
 * mergeSchema, DuckDB with union_by_name and Delta Kernel) and the retyped one fails its window before anything is
 * written, naming both types. Widened columns evolve: new Parquet windows carry the wider type (DuckDB reads all as
 * one), a Delta output is rewritten in the new schema in one commit (Delta Kernel reads it), and the Glue table
 * follows, a partition per window.
 */
class SchemaPolicyIngestionTest {
  private static final Instant NOV4 = Instant.parse("2018-11-04T00:00:00Z");
  private static final String TABLE = "postgres__evolving";
  private static final LoadWindow DAY = new LoadWindow(NOV4, NOV4.plus(Duration.ofDays(1)));

  @Test
  void anAddedColumnEvolvesAndARetypedOneFailsItsWindowNamingBothTypes(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "evolving").createMinuteTable(3, false);
    bed.job(DAY, "recheck_windows=0;glue_database=lake");
    bed.run(1).runJob(bed.current());
    assertEquals(List.of("id bigint", "at timestamp", "amount decimal(12,2)"), columns(bed.glue.table(TABLE)));
    bed.pg.execute("ALTER TABLE evolving ADD COLUMN note text; UPDATE evolving SET note = 'n' || id WHERE at >= '2018-11-05'");
    WindowOutcome second = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.SUCCEEDED, second.result());
    assertTrue(second.record().get().source().schema().contains(new SourceColumn("note", "text")));
    assertEquals(List.of("id bigint", "at timestamp", "amount decimal(12,2)", "note string"),
        columns(bed.glue.table(TABLE)), "Athena sees the added column");

    bed.pg.execute("ALTER TABLE evolving ALTER COLUMN amount TYPE text");
    LoadWindow third = bed.current().window();
    WindowOutcome refused = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.FAILED, refused.result());
    assertTrue(refused.error().get().contains("amount: numeric(12,2) -> text"), refused.error().get());
    assertFalse(Files.exists(Path.of(URI.create(RawZoneLayout.windowDirectory(bed.current(), third)))),
        "nothing of the third window is written");
    assertEquals(third, bed.current().window(), "the job stays on the window");
    assertEquals(List.of(List.of("2018-11-04"), List.of("2018-11-05")),
        bed.glue.partitions(TABLE).stream().map(PartitionInput::values).toList(), "a partition per window, none for"
            + " the refused one");
    assertEquals(RawZoneLayout.windowDirectory(bed.current(), DAY), bed.glue.partitions(TABLE).get(0)
        .storageDescriptor().location());
    assertEquals("decimal(12,2)", columns(bed.glue.table(TABLE)).get(2).substring(7), "never a mixed column");

    List<Row> spark = bed.lakeRows();
    assertEquals(2 * 1440, spark.size());
    assertEquals(1440, spark.stream().filter(r -> r.getAs("note") != null).count());
    String root = Path.of(URI.create(RawZoneLayout.incrementalRoot(bed.current()))).toString();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*), count(note), sum(amount) FROM read_parquet('" + root
            + "/**/*.parquet', union_by_name = true)")) {
      rows.next();
      assertEquals(2 * 1440, rows.getLong(1));
      assertEquals(1440, rows.getLong(2));
    }
  }

  @Test
  void widenedColumnsEvolveTheParquetWindowsAndTheCatalog(@TempDir Path lake) throws Exception {
    SourceBed bed = widening(lake, "widening", "recheck_windows=0;glue_database=lake");
    String table = "postgres__widening";
    assertEquals(List.of("id bigint", "at timestamp", "amount decimal(16,2)", "qty bigint"),
        columns(bed.glue.table(table)), "the catalog takes the wider types");
    assertEquals(2, bed.glue.partitions(table).size());
    String root = Path.of(URI.create(RawZoneLayout.incrementalRoot(bed.current()))).toString();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*), sum(qty), typeof(any_value(qty)) FROM read_parquet('"
            + root + "/**/*.parquet', union_by_name = true)")) {
      rows.next();
      assertEquals(2 * 1440, rows.getLong(1));
      assertEquals(1440 * 7 + 1440 * 5_000_000_000L, rows.getLong(2));
      assertEquals("BIGINT", rows.getString(3));
    }
  }

  @Test
  void widenedColumnsRewriteTheDeltaOutputInOneCommitThatDeltaKernelReads(@TempDir Path lake) throws Exception {
    SourceBed bed = widening(lake, "widening_delta", "output_format=delta;recheck_windows=0;glue_database=lake");
    List<List<String>> rows = DeltaKernelTable.rows(RawZoneLayout.incrementalRoot(bed.current()),
        List.of("qty", "amount", "load_date"));
    assertEquals(2 * 1440, rows.size());
    assertEquals(1440, rows.stream().filter(r -> r.get(0).equals("7") && r.get(2).equals("2018-11-04")).count());
    assertEquals(1440, rows.stream().filter(r -> r.get(0).equals("5000000000")).count());
    assertEquals(List.of("id bigint", "at timestamp", "amount decimal(16,2)", "qty bigint", "load_date string"),
        columns(bed.glue.table("postgres__widening_delta")));
    assertEquals("DELTA", bed.glue.table("postgres__widening_delta").parameters().get("table_type"));
    assertEquals(2, TestSpark.get().read().format("delta").load(RawZoneLayout.incrementalRoot(bed.current()))
        .where("load_date = '2018-11-05'").select("qty").distinct().count() + 1, "one value in the second window");
  }

  /** Two windows of a table whose {@code qty integer} became {@code bigint} and {@code amount} gained digits. */
  private static SourceBed widening(Path lake, String name, String options) throws Exception {
    SourceBed bed = new SourceBed(lake, name).createMinuteTable(3, false);
    bed.pg.execute("ALTER TABLE " + name + " ADD COLUMN qty integer DEFAULT 7");
    bed.job(DAY, options);
    assertEquals(WindowOutcome.Result.SUCCEEDED, bed.run(1).runJob(bed.current()).get(0).result());
    bed.pg.execute("ALTER TABLE " + name + " ALTER COLUMN qty TYPE bigint, ALTER COLUMN amount TYPE numeric(16,2);"
        + " UPDATE " + name + " SET qty = 5000000000 WHERE at >= '2018-11-05'");
    WindowOutcome second = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.SUCCEEDED, second.result(), second.error().orElse(""));
    return bed;
  }

  private static List<String> columns(TableInput table) {
    return table.storageDescriptor().columns().stream().map(c -> c.name() + " " + c.type()).toList();
  }

  @Test
  void aDeltaOutputEvolvesItsSchemaAndDeltaKernelReadsEveryWindow(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "evolving_delta").createMinuteTable(3, false);
    bed.job(DAY, "output_format=delta;recheck_windows=0");
    bed.run(1).runJob(bed.current());
    bed.pg.execute("ALTER TABLE evolving_delta ADD COLUMN note text; UPDATE evolving_delta SET note = 'x'");
    assertEquals(WindowOutcome.Result.SUCCEEDED, bed.run(1).runJob(bed.current()).get(0).result());
    List<List<String>> rows = DeltaKernelTable.rows(RawZoneLayout.incrementalRoot(bed.current()),
        List.of("id", "note"));
    assertEquals(2 * 1440, rows.size());
    assertEquals(1440, rows.stream().filter(r -> "x".equals(r.get(1))).count());
  }
}
