package io.tributary.core.kind.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.testing.InMemoryCubicRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LoadRegistrationTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  final InMemoryCubicRegistry registry = new InMemoryCubicRegistry();
  final LoadRegistration registration = new LoadRegistration(registry, ActiveTables.everything(), Duration.ofMinutes(10),
      SnapshotFiles.defaults());

  static IncomingObject object(String key, Instant at, long size) {
    return new IncomingObject(key, at, size);
  }

  @Test
  void eachObjectVersionIsRegisteredOnceHoweverOftenItIsSeen() {
    List<IncomingObject> listing = List.of(object("cubic/dmap/agg_sample/20261101.csv", T0, 10));
    assertEquals(1, registration.register(listing, T0).registered().size());
    assertEquals(0, registration.register(listing, T0.plusSeconds(60)).registered().size());
    assertEquals(1, registration.register(List.of(object("cubic/dmap/agg_sample/20261101.csv", T0.plusSeconds(5), 10)),
        T0.plusSeconds(60)).registered().size(), "a new last-modified is a new load");
    assertEquals(2, registry.loads(Optional.empty(), Optional.empty()).size());
  }

  @Test
  void aTableAndItsChangeTableAreOneTableNamedAsTheSeedsGlueTables() {
    registration.register(List.of(object("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz", T0, 10),
        object("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.dfm", T0, 10),
        object("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz", T0.plusSeconds(1), 10),
        object("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.dfm", T0.plusSeconds(1), 10),
        object("cubic/kafka/sample/u.json", T0, 10)), T0);
    assertEquals(List.of("cubic__kafka__sample", "cubic__ods_qlik__edw_sample"),
        registry.tables().stream().map(CubicTable::name).toList());
    assertEquals(List.of(FeedKind.KAFKA, FeedKind.ODS), registry.tables().stream().map(CubicTable::feed).toList());
    assertTrue(registry.loads(Optional.of(LoadStatus.READY), Optional.of("cubic__ods_qlik__edw_sample")).stream()
        .allMatch(l -> l.snapshot().equals(Optional.of(T0))));
  }

  @Test
  void onlyDataFilesAreLoadsAndAnythingElseIsRecordedIgnoredOnce() {
    List<IncomingObject> listing = List.of(object("cubic/ods_qlik/EDW.SAMPLE/README.txt", T0, 10),
        object("cubic/ods_qlik/EDW.SAMPLE/LOAD1.csv", T0, 10), object("cubic/dmap/agg_sample/notes.md", T0, 10),
        object("cubic/kafka/sample/u.json.tmp", T0, 10), object("cubic/dmap/agg_sample/agg_sample_20220517.csv.gz", T0, 10));

    LoadRegistration.Report report = registration.register(listing, T0);

    assertEquals(List.of("cubic/dmap/agg_sample/agg_sample_20220517.csv.gz"),
        report.registered().stream().map(CubicLoad::key).toList(), "the only data file");
    assertEquals(List.of("cubic/ods_qlik/EDW.SAMPLE/README.txt", "cubic/ods_qlik/EDW.SAMPLE/LOAD1.csv",
        "cubic/dmap/agg_sample/notes.md", "cubic/kafka/sample/u.json.tmp"),
        report.ignored().stream().map(CubicLoad::key).toList());
    assertTrue(report.ignored().stream().allMatch(l -> l.status() == LoadStatus.IGNORED && l.status().isFinal()));
    assertEquals("cubic/ods_qlik/EDW.SAMPLE/README.txt: not a data file of ods_qlik nor a .dfm",
        report.ignored().get(0).reason().orElseThrow());
    assertEquals(List.of(), registration.register(listing, T0.plusSeconds(60)).ignored(), "recorded once");
    assertEquals(List.of(), registry.loads(Optional.of(LoadStatus.READY_FOR_ERRORING), Optional.empty()));
  }

  @Test
  void unreadableObjectsAreRegisteredReadyForErroringWithTheirReason() {
    registration.register(List.of(object("cubic/dmap/agg/empty.csv", T0, 0),
        object("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", T0, 10),
        object("cubic/ods_qlik/EDW.B__ct/20261101-000001000.csv.gz", T0, 10),
        object("cubic/ods_qlik/EDW.B__ct/20261101-000001000.dfm", T0, 10)), T0.plus(Duration.ofMinutes(11)));
    List<String> reasons = registry.loads(Optional.of(LoadStatus.READY_FOR_ERRORING), Optional.empty()).stream()
        .map(l -> l.reason().orElseThrow()).toList();
    assertEquals(List.of("cubic/dmap/agg/empty.csv: empty object (0 bytes)",
        "cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz: no .dfm beside it, expected cubic/ods_qlik/EDW.A/LOAD00000001.dfm",
        "cubic/ods_qlik/EDW.B__ct/20261101-000001000.csv.gz: table cubic__ods_qlik__edw_b has no snapshot yet"
            + " (no snapshot file seen)"), reasons);
  }

  @Test
  void aDataFileWaitsForItsDfmWhileTheGraceLasts() {
    List<IncomingObject> listing = List.of(object("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", T0, 10));
    LoadRegistration.Report early = registration.register(listing, T0.plus(Duration.ofMinutes(5)));
    assertEquals(List.of("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz"), early.waitingForDfm());
    assertTrue(registry.loads(Optional.empty(), Optional.empty()).isEmpty());
  }

  @Test
  void aNewerFirstLoadFileStartsASnapshotAndAnOlderOneKeepsItsOwn() {
    registration.register(List.of(object("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", T0, 10),
        object("cubic/ods_qlik/EDW.A/LOAD00000001.dfm", T0, 1)), T0);
    Instant restart = T0.plus(Duration.ofDays(1));
    registration.register(List.of(object("cubic/ods_qlik/EDW.A/LOAD00000002.csv.gz", restart.plusSeconds(1), 10),
        object("cubic/ods_qlik/EDW.A/LOAD00000002.dfm", restart, 1),
        object("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz", restart, 10),
        object("cubic/ods_qlik/EDW.A/LOAD00000001.dfm", restart, 1)), restart);
    CubicTable table = registry.table("cubic__ods_qlik__edw_a").orElseThrow();
    assertEquals(Optional.of(restart), table.snapshot());
    assertEquals(Optional.of("cubic/ods_qlik/EDW.A/LOAD00000001.csv.gz"), table.snapshotKey());
    assertEquals(List.of(Optional.of(T0), Optional.of(restart), Optional.of(restart)),
        registry.loads(Optional.empty(), Optional.empty()).stream().map(CubicLoad::snapshot).toList());
  }

  @Test
  void objectsOfInactiveTablesStayUnregistered() {
    LoadRegistration only = new LoadRegistration(registry, ActiveTables.only(List.of("cubic__dmap__a")), Duration.ZERO,
        SnapshotFiles.defaults());
    LoadRegistration.Report report = only.register(List.of(object("cubic/dmap/a/1.csv", T0, 1),
        object("cubic/dmap/b/1.csv", T0, 1), object("other/x.csv", T0, 1)), T0);
    assertEquals(1, report.registered().size());
    assertEquals(java.util.Set.of("cubic__dmap__b"), report.inactiveTables());
    assertEquals(false, registry.table("cubic__dmap__b").orElseThrow().active());
  }
}
