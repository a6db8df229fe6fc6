package io.tributary.spark.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tributary.spark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cubic ingestion on local Spark, Delta and DynamoDB Local: the current state of an ODS table always equals the
 * reference replay of its snapshot and change files, however the files arrive.
 */
class CubicIngestionTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final String TABLE = "cubic__ods_qlik__edw_sample";

  @TempDir
  Path dir;

  /** Change batches applied by a Delta MERGE (a batch below 100,000% of the table) or by a rewrite (any batch). */
  static final String MERGE = "rewrite_percent=100000";
  static final String REWRITE = "rewrite_percent=0";

  @ParameterizedTest
  @ValueSource(strings = {MERGE, REWRITE})
  void snapshotAndChangeFilesBecomeTheReplayedCurrentStateAndAreArchived(String applied) throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir, ";" + applied);
    ChangeScript script = new ChangeScript(7);
    List<List<String>> snapshot = script.snapshot(40);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<List<String>>> files = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      files.add(script.changes(60));
      bed.feed.changes("EDW.SAMPLE", "20261101-00000" + i + "000.csv.gz", CubicTestBed.SAMPLE, files.get(i - 1),
          T0.plusSeconds(60 * i));
    }
    CubicIngestReport report = bed.ingest(new MutableClock(T0.plusSeconds(3600)));

    assertEquals(4, report.in(LoadStatus.ARCHIVED).size(), report.render());
    Map<String, List<String>> expected = ChangeScript.replay(snapshot, files);
    assertEquals(expected, bed.currentState("EDW.SAMPLE"));
    Map<String, List<String>> kernel = new java.util.TreeMap<>();
    DeltaKernelTable.rows(dir.resolve("springboard/current/cubic/ods_qlik/EDW.SAMPLE").toString(),
        List.of("trip_id", "stop_seq", "name", "amount", "updated", "active")).forEach(r -> kernel.put(ChangeScript.key(r), r));
    assertEquals(expected, kernel, "Delta Kernel, without Spark, reads the same current state");
    assertTrue(Files.exists(dir.resolve("archive/cubic/ods_qlik/EDW.SAMPLE/snapshot=20261101T000000Z/LOAD00000001.csv.gz")));
    assertTrue(Files.exists(dir.resolve("archive/cubic/ods_qlik/EDW.SAMPLE__ct/snapshot=20261101T000000Z/20261101-000002000.dfm")));
    assertFalse(Files.exists(dir.resolve("incoming/cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz")));
    assertTrue(Files.isDirectory(dir.resolve("springboard/raw/cubic/ods_qlik/EDW.SAMPLE__ct/snapshot=20261101T000000Z/identifier=20261101-000003000.csv.gz")));
    CubicLoad first = bed.registry.loads(Optional.empty(), Optional.of(TABLE)).get(0);
    assertEquals(Optional.of(40L), first.rows());
    // The change files' raw partitions are written beside the snapshot's, so the registrations interleave.
    assertTrue(bed.catalog.contains("raw cubic__ods_qlik__edw_sample [snapshot, identifier]=[20261101T000000Z,"
        + " LOAD00000001.csv.gz] [trip_id:int, stop_seq:smallint, name:string, amount:decimal(10,2),"
        + " updated:timestamp, active:boolean]"), bed.catalog.toString());
    assertEquals("current cubic__ods_qlik__edw_sample__current [trip_id:int, stop_seq:smallint, name:string,"
        + " amount:decimal(10,2), updated:timestamp, active:boolean, _cdc_seq:string]",
        bed.catalog.get(bed.catalog.size() - 1));
    assertTrue(bed.catalog.stream().anyMatch(c -> c.startsWith("raw cubic__ods_qlik__edw_sample__ct [snapshot,"
        + " identifier]=[20261101T000000Z, 20261101-000001000.csv.gz] [header__change_seq:string,"
        + " header__change_oper:string, header__timestamp:timestamp, trip_id:int")), bed.catalog.toString());
    assertEquals(5, bed.catalog.size(), "a raw partition per load, and the current table once: the snapshot and"
        + " the change files after it are one commit: " + bed.catalog);
    assertEquals(List.of("WRITE"), operations(bed), "a new snapshot and the change files after it: one rebuild");

    // Change files after the state is built are applied to it: by a MERGE, or by rewriting the table.
    for (int i = 4; i <= 5; i++) {
      files.add(script.changes(60));
      bed.feed.changes("EDW.SAMPLE", "20261101-00000" + i + "000.csv.gz", CubicTestBed.SAMPLE, files.get(i - 1),
          T0.plusSeconds(60 * i));
    }
    CubicIngestReport later = bed.ingest(new MutableClock(T0.plusSeconds(7200)));

    assertEquals(2, later.in(LoadStatus.ARCHIVED).size(), later.render());
    assertEquals(ChangeScript.replay(snapshot, files), bed.currentState("EDW.SAMPLE"));
    assertEquals(applied.equals(MERGE) ? "MERGE" : "WRITE", lastOperation(bed));
  }

  @Test
  void whenTheSnapshotAndItsChangeFilesFailTogetherTheSnapshotIsBuiltAloneAndTheFilesAppliedAfterIt()
      throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(5);
    List<List<String>> snapshot = script.snapshot(30);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<List<String>>> files = List.of(script.changes(40), script.changes(40));
    for (int i = 1; i <= 2; i++) {
      bed.feed.changes("EDW.SAMPLE", "20261101-00000" + i + "000.csv.gz", CubicTestBed.SAMPLE, files.get(i - 1),
          T0.plusSeconds(60 * i));
    }
    bed.failingCurrentUpdates.set(1); // the one commit of the snapshot with its files is not registered

    CubicIngestReport report = bed.ingest(new MutableClock(T0.plusSeconds(3600)));

    assertEquals(3, report.in(LoadStatus.ARCHIVED).size(), report.render());
    assertEquals(ChangeScript.replay(snapshot, files), bed.currentState("EDW.SAMPLE"));
    assertEquals(List.of("WRITE", "WRITE", "WRITE"), operations(bed),
        "the failed commit together, the snapshot alone, then its change files");
    assertEquals(2, bed.catalog.stream().filter(c -> c.startsWith("current ")).count(), bed.catalog.toString());
  }

  @Test
  void whenTheSnapshotCannotBeBuiltEvenAloneItsChangeFilesAreErroredWithIt() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(5);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, script.snapshot(30), T0);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, script.changes(40),
        T0.plusSeconds(60));
    bed.failingCurrentUpdates.set(2);

    CubicIngestReport report = bed.ingest(new MutableClock(T0.plusSeconds(3600)));

    assertEquals(2, report.in(LoadStatus.ERRORED).size(), report.render());
    CubicLoad change = report.in(LoadStatus.ERRORED).stream().filter(l -> l.key().contains("__ct/")).findFirst()
        .orElseThrow();
    assertEquals(Optional.of("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz: not applied: its snapshot could"
        + " not be built: cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz: cannot be read: the catalog is unavailable"
        + " (IllegalStateException)"), change.reason());
    assertTrue(Files.exists(dir.resolve("error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20261101T000100Z/"
        + "20261101-000001000.csv.gz")), "kept in the error prefix to reprocess");
  }

  /** The Delta operations of the current-state table's commits, oldest first. */
  private static List<String> operations(CubicTestBed bed) {
    return io.delta.tables.DeltaTable.forPath(TestSpark.get(), bed.current("EDW.SAMPLE")).history()
        .orderBy("version").select("operation").collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** The Delta operation of the current-state table's last commit. */
  private static String lastOperation(CubicTestBed bed) {
    return io.delta.tables.DeltaTable.forPath(TestSpark.get(), bed.current("EDW.SAMPLE")).history(1)
        .select("operation").first().getString(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {MERGE, REWRITE})
  void aLateFileNeverOverwritesNewerRowsNorBringsBackDeletedOnesAndARedeliveryChangesNothing(String applied)
      throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir, ";" + applied);
    ChangeScript script = new ChangeScript(11);
    List<List<String>> snapshot = script.snapshot(30);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<String>> early = script.changes(80);
    List<List<String>> later = script.changes(80);
    bed.feed.changes("EDW.SAMPLE", "20261101-000002000.csv.gz", CubicTestBed.SAMPLE, later, T0.plusSeconds(120));
    MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    bed.ingest(clock);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, early, T0.plusSeconds(180));
    bed.ingest(clock);
    Map<String, List<String>> expected = ChangeScript.replay(snapshot, List.of(early, later));
    assertEquals(expected, bed.currentState("EDW.SAMPLE"));

    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, early, T0.plusSeconds(240));
    CubicIngestReport redelivered = bed.ingest(clock);
    assertEquals(1, redelivered.in(LoadStatus.ARCHIVED).size(), redelivered.render());
    assertEquals(expected, bed.currentState("EDW.SAMPLE"));
    assertEquals(applied.equals(MERGE) ? "MERGE" : "WRITE", lastOperation(bed));
  }

  @Test
  void changeFilesOfOneLayoutAreWrittenToTheRawZoneTogetherEachCountedInItsOwnDirectory() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(5);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, script.snapshot(20), T0);
    List<List<String>> first = script.changes(30);
    List<List<String>> second = script.changes(25);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, first, T0.plusSeconds(60));
    bed.feed.changes("EDW.SAMPLE", "20261101-000002000.csv.gz", CubicTestBed.SAMPLE, second, T0.plusSeconds(120));
    org.apache.hadoop.conf.Configuration conf = TestSpark.get().sparkContext().hadoopConfiguration();
    new io.tributary.core.kind.cubic.LoadRegistration(bed.registry, bed.source.tables(), bed.source.dfmGrace(),
        bed.source.snapshotFiles())
        .register(IncomingListing.list(bed.source.incoming(), conf), T0.plusSeconds(3600));
    List<CubicLoad> changes = bed.registry.loads(Optional.empty(), Optional.of(TABLE)).stream()
        .filter(l -> l.incomingKey().changeTable()).sorted(java.util.Comparator.comparing(CubicLoad::key)).toList();
    CubicPaths paths = new CubicPaths(bed.source);
    LoadIngester ingester = new LoadIngester(TestSpark.get(), paths, conf, io.tributary.core.catalog.LakeCatalog.none());

    LoadIngester.ChangeFile first0 = ingester.changeFile(changes.get(0)).orElseThrow();
    LoadIngester.ChangeFile second0 = ingester.changeFile(changes.get(1)).orElseThrow();
    assertEquals(first0.layout(), second0.layout());
    List<LoadIngester.PreparedChanges> prepared = ingester.prepareTogether(List.of(first0, second0));

    assertEquals(List.of((long) first.size(), (long) second.size()),
        prepared.stream().map(LoadIngester.PreparedChanges::count).toList());
    assertEquals(first.size(), TestSpark.get().read().parquet(paths.raw(changes.get(0))).count());
    assertEquals(second.size(), TestSpark.get().read().parquet(paths.raw(changes.get(1))).count());
    assertEquals(List.of("trip_id", "stop_seq"), prepared.get(0).primaryKey());
  }
}
