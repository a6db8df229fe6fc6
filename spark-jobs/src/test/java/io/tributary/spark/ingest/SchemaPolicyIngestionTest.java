package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.SourceColumn;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.cubic.DeltaKernelTable;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source gains a column, then retypes one: the added column evolves the output (read as one table by Spark with
 * mergeSchema, DuckDB with union_by_name and Delta Kernel) and the retyped one fails its window before anything is
 * written, naming both types.
 */
class SchemaPolicyIngestionTest {
  private static final Instant NOV4 = Instant.parse("2018-11-04T00:00:00Z");
  private static final LoadWindow DAY = new LoadWindow(NOV4, NOV4.plus(Duration.ofDays(1)));

  @Test
  void anAddedColumnEvolvesAndARetypedOneFailsItsWindowNamingBothTypes(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "evolving").createMinuteTable(3, false);
    bed.job(DAY, "recheck_windows=0");
    bed.run(1).runJob(bed.current());
    bed.pg.execute("ALTER TABLE evolving ADD COLUMN note text; UPDATE evolving SET note = 'n' || id WHERE at >= '2018-11-05'");
    WindowOutcome second = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.SUCCEEDED, second.result());
    assertTrue(second.record().get().source().schema().contains(new SourceColumn("note", "text")));

    bed.pg.execute("ALTER TABLE evolving ALTER COLUMN amount TYPE text");
    LoadWindow third = bed.current().window();
    WindowOutcome refused = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.FAILED, refused.result());
    assertTrue(refused.error().get().contains("amount: numeric(12,2) -> text"), refused.error().get());
    assertFalse(Files.exists(Path.of(URI.create(RawZoneLayout.windowDirectory(bed.current(), third)))),
        "nothing of the third window is written");
    assertEquals(third, bed.current().window(), "the job stays on the window");

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
