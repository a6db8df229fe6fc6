package io.tributary.spark.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.testing.MutableClock;
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload restarts the current state from the new snapshot; a new column is added, a retyped one refused. */
class CubicSnapshotTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void aNewSnapshotRebuildsTheCurrentStateAndSupersedesOlderChangeFiles() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript first = new ChangeScript(1);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, first.snapshot(25), T0);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, first.changes(30),
        T0.plusSeconds(60));
    MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    bed.ingest(clock);

    ChangeScript reload = new ChangeScript(2);
    List<List<String>> snapshot = reload.snapshot(15);
    Instant restart = T0.plus(Duration.ofHours(2));
    bed.feed.changes("EDW.SAMPLE", "20261101-010000000.csv.gz", CubicTestBed.SAMPLE, first.changes(30),
        restart.minusSeconds(60));
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot.subList(0, 10), restart);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000002.csv.gz", CubicTestBed.SAMPLE, snapshot.subList(10, 15),
        restart.plusSeconds(5));
    List<List<String>> after = reload.changes(30);
    bed.feed.changes("EDW.SAMPLE", "20261101-020100000.csv.gz", CubicTestBed.SAMPLE, after, restart.plusSeconds(60));
    clock.advance(Duration.ofHours(2));
    CubicIngestReport report = bed.ingest(clock);

    assertEquals(ChangeScript.replay(snapshot, List.of(after)), bed.currentState("EDW.SAMPLE"), report.render());
    CubicLoad superseded = bed.registry.loads(Optional.empty(), Optional.empty()).stream()
        .filter(l -> l.key().endsWith("20261101-010000000.csv.gz")).findFirst().orElseThrow();
    assertEquals(LoadStatus.ARCHIVED, superseded.status());
    assertEquals(Optional.of("superseded by snapshot 20261101T020000Z"), superseded.reason());
    assertEquals(Optional.of(restart), bed.registry.table("cubic__ods_qlik__edw_sample").orElseThrow().snapshot());
    assertTrue(java.nio.file.Files.exists(dir.resolve(
        "archive/cubic/ods_qlik/EDW.SAMPLE/snapshot=20261101T020000Z/LOAD00000002.csv.gz")));
  }

  @Test
  void aNewColumnIsAddedAndARetypedColumnErrorsTheLoadNamingIt() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(9);
    List<List<String>> snapshot = script.snapshot(5);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<QlikFeed.Column> withNote = new ArrayList<>(CubicTestBed.SAMPLE);
    withNote.add(QlikFeed.Column.of("NOTE", "STRING"));
    List<String> inserted = new ArrayList<>(List.of(String.format("%035d", 1), "I", "2026-01-01 00:00:00"));
    inserted.addAll(ChangeScript.row(100, 0, "new", "3.00", "2026-01-01 00:00:00", true));
    inserted.add("a note");
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", withNote, List.of(inserted), T0.plusSeconds(60));
    List<QlikFeed.Column> retyped = new ArrayList<>(withNote);
    retyped.set(3, QlikFeed.Column.of("AMOUNT", "REAL8"));
    List<String> update = new ArrayList<>(inserted);
    update.set(0, String.format("%035d", 2));
    update.set(1, "U");
    bed.feed.changes("EDW.SAMPLE", "20261101-000002000.csv.gz", retyped, List.of(update), T0.plusSeconds(120));
    bed.ingest(new MutableClock(T0.plus(Duration.ofHours(1))));

    List<Row> notes = TestSpark.get().read().format("delta").load(bed.current("EDW.SAMPLE"))
        .where("trip_id = 100 or trip_id = 0").orderBy("trip_id", "stop_seq").select("trip_id", "note", "amount")
        .collectAsList();
    assertEquals(null, notes.get(0).get(1), "snapshot rows have no note");
    assertEquals("a note", notes.get(notes.size() - 1).getString(1));
    assertEquals("3.00", notes.get(notes.size() - 1).getDecimal(2).toPlainString(), "the retyped update was not applied");
    CubicLoad refused = bed.registry.loads(Optional.empty(), Optional.empty()).stream()
        .filter(l -> l.key().endsWith("20261101-000002000.csv.gz")).findFirst().orElseThrow();
    assertEquals(LoadStatus.ERRORED, refused.status());
    assertTrue(refused.reason().orElseThrow().contains("column amount is double in the file but decimal(10,2)"),
        refused.reason().orElseThrow());
  }
}
