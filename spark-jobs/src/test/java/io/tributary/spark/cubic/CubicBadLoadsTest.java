package io.tributary.spark.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.testing.MutableClock;
import io.tributary.spark.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad loads end errored in the error prefix with their reason while every other load archives; DMAP and Kafka
 * files land in the raw zone as Parquet that DuckDB reads.
 */
class CubicBadLoadsTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void badLoadsAreErroredWithTheirReasonWhileEveryOtherLoadArchives() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(3);
    List<List<String>> snapshot = script.snapshot(20);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<String>> good = script.changes(20);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, good, T0.plusSeconds(60));
    Path corrupt = bed.feed.changes("EDW.SAMPLE", "20261101-000002000.csv.gz", CubicTestBed.SAMPLE,
        script.changes(400), T0.plusSeconds(120));
    byte[] whole = Files.readAllBytes(corrupt);
    bed.feed.bytes("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000002000.csv.gz", Arrays.copyOf(whole, whole.length / 2),
        T0.plusSeconds(120));
    List<List<String>> badValue = List.of(List.of(String.format("%035d", 99_999), "I", "2026-01-01 00:00:00", "12x",
        "1", "n", "1.00", "2026-01-01 00:00:00", "true"));
    bed.feed.changes("EDW.SAMPLE", "20261101-000003000.csv.gz", CubicTestBed.SAMPLE, badValue, T0.plusSeconds(180));
    bed.feed.bytes("cubic/dmap/agg_sample/20261102.csv", new byte[0], T0);
    bed.feed.bytes("cubic/ods_qlik/EDW.OTHER/LOAD00000001.csv.gz", gzip("A\n1\n"), T0);
    bed.feed.dmap("agg_sample", "20261101.csv", List.of("DAY", "RIDES"), List.of(List.of("2026-11-01", "7")), T0);
    bed.feed.kafka("sample", "0b6f.json", List.of("{\"id\": 1, \"kind\": \"tap\", \"at\": \"2026-11-01T00:00:00Z\"}",
        "{\"id\": 2, \"kind\": \"tap\", \"extra\": {\"x\": 1}}"), T0);

    CubicIngestReport report = bed.ingest(new MutableClock(T0.plus(Duration.ofHours(1))));

    Map<String, CubicLoad> byFile = bed.registry.loads(Optional.empty(), Optional.empty()).stream()
        .filter(l -> !l.table().equals("cubic__ods_qlik__edw_other"))
        .collect(Collectors.toMap(l -> l.key().substring(l.key().lastIndexOf('/') + 1), l -> l));
    assertEquals(7, byFile.size(), report.render());
    for (String archived : List.of("LOAD00000001.csv.gz", "20261101-000001000.csv.gz", "20261101.csv", "0b6f.json")) {
      assertEquals(LoadStatus.ARCHIVED, byFile.get(archived).status(), archived + "\n" + report.render());
    }
    CubicLoad truncated = byFile.get("20261101-000002000.csv.gz");
    assertEquals(LoadStatus.ERRORED, truncated.status());
    assertTrue(truncated.reason().orElseThrow().startsWith("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000002000.csv.gz: "),
        truncated.reason().orElseThrow());
    assertTrue(Files.exists(dir.resolve("error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20261101T000200Z/"
        + "20261101-000002000.csv.gz")));
    assertTrue(Files.exists(dir.resolve("error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20261101T000200Z/"
        + "20261101-000002000.dfm")));
    assertEquals(Optional.of("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000003000.csv.gz: record 1, column TRIP_ID: '12x'"
        + " is not INT4 (int)"), byFile.get("20261101-000003000.csv.gz").reason());
    assertEquals(Optional.of("cubic/dmap/agg_sample/20261102.csv: empty object (0 bytes)"),
        byFile.get("20261102.csv").reason());
    assertEquals(LoadStatus.ERRORED, byFile.get("20261102.csv").status());
    CubicLoad noDfm = bed.registry.loads(Optional.empty(), Optional.of("cubic__ods_qlik__edw_other")).get(0);
    assertEquals(Optional.of("cubic/ods_qlik/EDW.OTHER/LOAD00000001.csv.gz: no .dfm beside it, expected "
        + "cubic/ods_qlik/EDW.OTHER/LOAD00000001.dfm"), noDfm.reason());
    assertEquals(LoadStatus.ERRORED, noDfm.status());
    assertEquals(ChangeScript.replay(snapshot, List.of(good)), bed.currentState("EDW.SAMPLE"),
        "the bad files changed nothing");

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      ResultSet dmap = sql.executeQuery("select day, rides from read_parquet('" + dir.resolve(
          "springboard/raw/cubic/dmap/agg_sample/identifier=20261101.csv/*.parquet") + "')");
      assertTrue(dmap.next());
      assertEquals("2026-11-01", dmap.getString(1));
      assertEquals("7", dmap.getString(2));
      ResultSet kafka = sql.executeQuery("select count(*), count(extra) from read_parquet('" + dir.resolve(
          "springboard/raw/cubic/kafka/sample/identifier=0b6f.json/*.parquet") + "')");
      assertTrue(kafka.next());
      assertEquals(2, kafka.getInt(1));
      assertEquals(1, kafka.getInt(2));
      ResultSet snapshotRows = sql.executeQuery("select count(*), min(amount) from read_parquet('" + dir.resolve(
          "springboard/raw/cubic/ods_qlik/EDW.SAMPLE/snapshot=20261101T000000Z/identifier=LOAD00000001.csv.gz/*.parquet")
          + "')");
      assertTrue(snapshotRows.next());
      assertEquals(20, snapshotRows.getInt(1));
    }
  }

  @Test
  void aQlikTimestampWithSevenFractionDigitsIsReadToTheMicrosecond() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE,
        List.of(ChangeScript.row(1, 1, "Sample 4 \uD83D\uDD25", "12.50", "2021-12-01 11:20:30.4444444", true)), T0);
    bed.ingest(new MutableClock(T0.plus(Duration.ofHours(1))));
    assertEquals("2021-12-01 11:20:30.444444|Sample 4 \uD83D\uDD25", TestSpark.get().read().format("delta")
        .load(bed.current("EDW.SAMPLE")).selectExpr("concat(date_format(updated, 'yyyy-MM-dd HH:mm:ss.SSSSSS'), '|', name)")
        .first().getString(0));
  }

  @Test
  void declaredSchemasTypeDmapAndKafkaFilesAndKeepUndeclaredKafkaFields() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir, ";schema.cubic__dmap__agg_sample=service_date:date,taps:int,"
        + "fare:decimal_6_2;schema.cubic__kafka__sample=id:bigint,kind:str");
    bed.feed.dmap("agg_sample", "20261101.csv", List.of("SERVICE_DATE", "TAPS", "FARE"),
        List.of(List.of("2026-11-01", "7", "2.40")), T0);
    bed.feed.dmap("agg_sample", "20261102.csv", List.of("SERVICE_DATE", "TAPS", "FARE"),
        List.of(List.of("2026-11-02", "seven", "2.40")), T0);
    bed.feed.kafka("sample", "a.json", List.of("{\"id\": 1, \"kind\": \"tap\", \"station\": {\"name\": \"Kendall\"}}",
        "{\"id\": 2, \"kind\": \"tap\"}"), T0);

    CubicIngestReport report = bed.ingest(new MutableClock(T0.plus(Duration.ofHours(1))));

    Map<String, CubicLoad> byFile = bed.registry.loads(Optional.empty(), Optional.empty()).stream()
        .collect(Collectors.toMap(l -> l.key().substring(l.key().lastIndexOf('/') + 1), l -> l));
    assertEquals(LoadStatus.ARCHIVED, byFile.get("20261101.csv").status(), report.render());
    assertEquals(LoadStatus.ERRORED, byFile.get("20261102.csv").status(), report.render());
    assertTrue(byFile.get("20261102.csv").reason().orElseThrow().contains("'seven'"), report.render());
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      ResultSet dmap = sql.executeQuery("select typeof(service_date), typeof(taps), typeof(fare), fare from read_parquet('"
          + dir.resolve("springboard/raw/cubic/dmap/agg_sample/identifier=20261101.csv/*.parquet") + "')");
      assertTrue(dmap.next());
      assertEquals("DATE|INTEGER|DECIMAL(6,2)|2.40", dmap.getString(1) + "|" + dmap.getString(2) + "|"
          + dmap.getString(3) + "|" + dmap.getBigDecimal(4).toPlainString());
      ResultSet kafka = sql.executeQuery("select id, kind, _extra from read_parquet('" + dir.resolve(
          "springboard/raw/cubic/kafka/sample/identifier=a.json/*.parquet") + "') order by id");
      assertTrue(kafka.next());
      assertEquals("1|tap|{\"station\":\"{\\\"name\\\":\\\"Kendall\\\"}\"}",
          kafka.getLong(1) + "|" + kafka.getString(2) + "|" + kafka.getString(3));
      assertTrue(kafka.next());
      assertEquals(null, kafka.getString(3), "no undeclared field");
    }
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
