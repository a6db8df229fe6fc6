package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.convert.ConversionSummary;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.storage.StorageUri;
import io.tributary.spark.testing.TestSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year partition converted alone is parsed and encoded on every core (local[2]) and written as one file
 * in day order: read back by DuckDB row by row, with rejected rows reported in day order, a bad day file
 * failing the year, and a year without rows leaving no file.
 */
class ParallelYearPartitionTest {
  private static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
  private static final DatasetId DATASET = new DatasetId("miso", "prices");
  private static final ConversionTarget YEAR =
      new ConversionTarget(OutputFormat.PARQUET, Compression.ZST, PartitionLayout.ATHENA, PartitionSize.YEAR);
  /** Small enough that a year of the sample is several row groups, each a share of it. */
  private static final long MEMORY_BUDGET = 3L << 20;
  private static final int NODES = 40;
  private static final int RELEASES = 3;

  @TempDir
  Path temp;

  @Test
  void aYearEncodedOnEveryCoreHoldsEveryRowInDayOrderAsDuckDbReadsIt() throws Exception {
    Path source = temp.resolve("source");
    List<Instant> days = days(60);
    writeSample(source, RELEASES, days);
    Path dest = temp.resolve("dest");

    ConversionSummary summary = convert(source, dest);

    assertTrue(summary.succeeded(), summary.render());
    long expectedRows = 60L * 24 * NODES * RELEASES;
    assertEquals(expectedRows, summary.rowsWritten());
    Path file = dest.resolve(DATASET.path()).resolve(YEAR.partitionFile(JAN_1));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      sql.execute("SET threads = 1");
      try (ResultSet rows = sql.executeQuery("SELECT release_date, target_start, target_end, node_name, lmp, is_settled"
          + " FROM read_parquet('" + file + "')")) {
        long read = 0;
        for (Instant day : days) {
          for (int hour = 0; hour < 24; hour++) {
            for (int node = 0; node < NODES; node++) {
              for (int release = 0; release < RELEASES; release++) {
                assertTrue(rows.next(), "row " + read + " of " + expectedRows);
                assertEquals(S3dbSampleData.row(day, hour, node, release), csvLine(rows), "row " + read);
                read++;
              }
            }
          }
        }
        assertFalse(rows.next(), "no row beyond the source's");
      }
      try (ResultSet groups = sql.executeQuery("SELECT count(DISTINCT row_group_id), min(compression), max(compression)"
          + " FROM parquet_metadata('" + file + "')")) {
        groups.next();
        assertTrue(groups.getLong(1) > 3, "a budget of 3 MB makes several row groups: " + groups.getLong(1));
        assertEquals("ZSTD", groups.getString(2));
        assertEquals("ZSTD", groups.getString(3));
      }
    }
  }

  @Test
  void rejectedRowsOfTheYearAreReportedInDayOrderAndCountsReconcile() throws Exception {
    Path source = temp.resolve("source");
    List<Instant> days = days(12);
    writeSample(source, 1, days);
    List<String> badFiles = new ArrayList<>();
    for (int d : List.of(9, 2, 6)) {
      Instant day = days.get(d);
      long t = day.getEpochSecond();
      badFiles.add(writeDayFile(source, day, S3dbSampleData.HEADER + "\n"
          + S3dbSampleData.row(day, 0, 0, 0) + "\n"
          + (t - 10) + ",noon," + (t + 3600) + ",BAD,1.5,true\n"
          + S3dbSampleData.row(day, 1, 0, 0) + "\n"));
    }
    Path dest = temp.resolve("dest");

    ConversionSummary summary = convert(source, dest);

    assertTrue(summary.succeeded(), summary.render());
    assertEquals(3, summary.rowsRejected());
    assertEquals(9L * 24 * NODES + 3 * 2, summary.rowsWritten());
    assertEquals(summary.rowsRead(), summary.rowsWritten() + summary.rowsRejected());
    String report = summary.datasets().get(0).rejectReports().get(0);
    List<Row> rejected = TestSpark.get().read().option("header", "true").option("escape", "\"").csv(report)
        .collectAsList();
    assertEquals(List.of(badFiles.get(1), badFiles.get(2), badFiles.get(0)),
        rejected.stream().map(r -> r.getString(0)).toList(), "in day order");
    assertTrue(rejected.stream().allMatch(r -> r.getString(1).equals("3")), "each on its line 3");
  }

  @Test
  void aBadDayFileFailsTheYearNamingTheFileAndPublishesNothing() throws Exception {
    Path source = temp.resolve("source");
    List<Instant> days = days(20);
    Path corrupt = writeSample(source, 1, days).dayFile(DATASET.collection(), DATASET.dataset(), days.get(13));
    byte[] bytes = Files.readAllBytes(corrupt);
    Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path dest = temp.resolve("dest");

    ConversionSummary summary = convert(source, dest);

    assertFalse(summary.succeeded());
    String failure = summary.datasets().get(0).failure().orElseThrow();
    assertTrue(failure.contains(corrupt.getFileName().toString()) && failure.contains("not a valid gzip file"), failure);
    assertFalse(Files.exists(dest.resolve(DATASET.path())), "nothing of a failed year is published");
  }

  @Test
  void aYearWhoseDayFilesHoldNoRowsHasNoFile() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 1, 1).writeMetadata(DATASET.collection(), DATASET.dataset());
    for (Instant day : days(5)) {
      writeDayFile(source, day, S3dbSampleData.HEADER + "\n");
    }
    Path dest = temp.resolve("dest");

    ConversionSummary summary = convert(source, dest);

    assertTrue(summary.succeeded(), summary.render());
    assertEquals(0, summary.rowsRead());
    assertFalse(Files.exists(dest.resolve(DATASET.path()).resolve(YEAR.partitionFile(JAN_1))), "no empty file");
  }

  private ConversionSummary convert(Path source, Path dest) throws Exception {
    ConversionRequest request = new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), YEAR, List.of(), Optional.empty(),
        ConversionRequest.DEFAULT_TIME_INDEX);
    return new ConversionJob(TestSpark.get(), MEMORY_BUDGET, Clock.systemUTC()).backfill(request, "year");
  }

  private static S3dbSampleData writeSample(Path source, int releases, List<Instant> days) throws Exception {
    S3dbSampleData sample = new S3dbSampleData(source, NODES, releases);
    sample.writeDataset(DATASET.collection(), DATASET.dataset(), days.toArray(Instant[]::new));
    return sample;
  }

  private static List<Instant> days(int count) {
    List<Instant> days = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      days.add(JAN_1.plusSeconds(86_400L * d));
    }
    return days;
  }

  /** A row read back, written as the sample writes it (node names quoted where the sample quotes them). */
  private static String csvLine(ResultSet row) throws Exception {
    String name = row.getString(4);
    String quoted = name.contains(",") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    double lmp = row.getDouble(5);
    String price = row.wasNull() ? "" : Double.toString(lmp);
    return row.getLong(1) + "," + row.getLong(2) + "," + row.getLong(3) + "," + quoted + "," + price + ","
        + row.getBoolean(6);
  }

  private static String writeDayFile(Path source, Instant day, String text) throws Exception {
    Path file = source.resolve(DATASET.path()).resolve("year=2020").resolve(day.getEpochSecond() + ".csv.gz");
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return StorageUri.parse(source.toUri().toString()).resolve(DATASET.path() + "/" + source.resolve(DATASET.path())
        .relativize(file));
  }
}
