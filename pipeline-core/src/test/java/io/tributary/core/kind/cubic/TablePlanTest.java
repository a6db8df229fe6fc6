package io.tributary.core.kind.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.kind.cubic.TablePlan.Action;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TablePlanTest {
  static final Instant S1 = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant S2 = Instant.parse("2026-11-02T00:00:00Z");
  static final CubicTable TABLE = CubicTable.of(IncomingKey.parse("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz")
      .orElseThrow(), true).withSnapshot(S2, "cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz");

  static CubicLoad load(String key, Instant at, Instant snapshot) {
    return CubicLoad.register(new IncomingObject(key, at, 1), TABLE.name(), LoadStatus.READY, Optional.of(snapshot),
        Optional.empty(), at);
  }

  static List<String> plan(CubicTable table, Optional<LoadStatus> first, CubicLoad... loads) {
    return TablePlan.of(table, List.of(loads), first, SnapshotFiles.defaults()).steps().stream()
        .map(s -> s.load().incomingKey().fileName() + " " + s.action()).toList();
  }

  @Test
  void aNewSnapshotIsBuiltBeforeItsOtherFilesAndChangesInLastModifiedOrderAndOlderOnesAreSuperseded() {
    assertEquals(List.of("LOAD00000001.csv.gz SUPERSEDED", "LOAD00000001.csv.gz REBUILD",
        "LOAD00000002.csv.gz ADD_SNAPSHOT_ROWS", "a.csv.gz SUPERSEDED", "b.csv.gz APPLY_CHANGES", "c.csv.gz APPLY_CHANGES"),
        plan(TABLE, Optional.of(LoadStatus.INGESTING),
            load("cubic/ods_qlik/EDW.A__ct/c.csv.gz", S2.plusSeconds(20), S2),
            load("cubic/ods_qlik/EDW.A__ct/a.csv.gz", S2.minusSeconds(10), S1),
            load("cubic/ods_qlik/EDW.A/LOAD00000002.csv.gz", S2.plusSeconds(1), S2),
            load("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", S1, S1),
            load("cubic/ods_qlik/EDW.A__ct/b.csv.gz", S2.plusSeconds(10), S2),
            load("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", S2, S2)));
  }

  @Test
  void changesWaitForTheirSnapshotAndAreErroredWhenItFailed() {
    CubicLoad change = load("cubic/ods_qlik/EDW.A__ct/b.csv.gz", S2.plusSeconds(10), S2);
    assertEquals(List.of("b.csv.gz WAIT"), plan(TABLE, Optional.of(LoadStatus.INGESTING), change));
    assertEquals(List.of("b.csv.gz NO_SNAPSHOT"), plan(TABLE, Optional.of(LoadStatus.ERRORED), change));
    assertEquals(List.of("b.csv.gz APPLY_CHANGES"), plan(TABLE.withBuiltSnapshot(S2), Optional.empty(), change));
  }

  @Test
  void dmapAndKafkaLoadsGoToTheRawZoneOnly() {
    CubicTable dmap = CubicTable.of(IncomingKey.parse("cubic/dmap/agg/1.csv").orElseThrow(), true);
    CubicLoad load = CubicLoad.register(new IncomingObject("cubic/dmap/agg/1.csv", S1, 1), dmap.name(),
        LoadStatus.READY, Optional.empty(), Optional.empty(), S1);
    assertEquals(List.of(Action.RAW_ONLY), TablePlan.of(dmap, List.of(load), Optional.empty(), SnapshotFiles.defaults()).steps().stream()
        .map(TablePlan.Step::action).toList());
  }
}
