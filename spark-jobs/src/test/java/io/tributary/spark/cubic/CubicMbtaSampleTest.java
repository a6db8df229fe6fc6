package io.tributary.spark.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.testing.MutableClock;
import io.tributary.spark.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDW.SAMPLE as MBTA's pipeline lands it (its sample_data, written here after its shape, not copied): the snapshot
 * in {@code LOAD1.csv.gz} and {@code LOAD2.csv.gz} (the table's snapshot key is LOAD1.csv.gz), change files named
 * {@code <yyyymmdd>-<hhmmssSSS>.csv.gz} in {@code EDW.SAMPLE__ct}, each with its dfm, timestamps with seven
 * fractional digits, names with emoji, the last line without a newline, and a README beside them.
 */
class CubicMbtaSampleTest {
  static final Instant LANDED = Instant.parse("2021-12-01T11:30:00Z");
  static final List<QlikFeed.Column> SAMPLE = List.of(QlikFeed.Column.key("SAMPLE_ID", "INT4", 1),
      QlikFeed.Column.of("SAMPLE_NAME", "STRING"), QlikFeed.Column.of("EDW_INSERTED_DTM", "DATETIME"),
      QlikFeed.Column.of("EDW_UPDATED_DTM", "DATETIME"));
  static final String AT = "2021-12-01 11:20:30.4444444";

  @TempDir
  Path dir;

  @Test
  void theSnapshotInLoad1AndLoad2AndItsChangeFilesIngestAsTheOriginalsDo() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD1.csv.gz", SAMPLE,
        List.of(List.of("1", "Sample 1 \uD83D\uDD25", AT, AT), List.of("2", "Sample 2", AT, AT)), LANDED);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD2.csv.gz", SAMPLE, List.of(List.of("3", "Sample 3", AT, AT)),
        LANDED.plusSeconds(1));
    ByteArrayOutputStream load2 = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(load2)) {
      out.write(("SAMPLE_ID,SAMPLE_NAME,EDW_INSERTED_DTM,EDW_UPDATED_DTM\n3,\"Sample 3\"," + AT + "," + AT)
          .getBytes(StandardCharsets.UTF_8));
    }
    bed.feed.bytes("cubic/ods_qlik/EDW.SAMPLE/LOAD2.csv.gz", load2.toByteArray(), LANDED.plusSeconds(1));
    bed.feed.changes("EDW.SAMPLE", "20211201-112233444.csv.gz", SAMPLE, List.of(
        List.of("20210915031230320000000000000000041", "I", "2021-10-08 13:12:31.320000", "4", "Sample 4 \uD83D\uDD25", AT, AT),
        List.of("20210915031231320000000000000000042", "U", "2021-10-08 13:12:31.320000", "2", "Sample 2 \uD83D\uDD25", AT, AT)),
        LANDED.plusSeconds(60));
    bed.feed.changes("EDW.SAMPLE", "20211201-122433444.csv.gz", SAMPLE, List.of(
        List.of("20210915031232320000000000000000043", "U", "2021-10-08 14:12:31.320000", "4", "Sample 4 again", AT, AT),
        List.of("20210915031233320000000000000000044", "I", "2021-10-08 15:12:31.320000", "5", "Sample 5", AT, AT)),
        LANDED.plusSeconds(120));
    bed.feed.bytes("cubic/ods_qlik/EDW.SAMPLE/README.txt", "about this table".getBytes(), LANDED);

    CubicIngestReport report = bed.ingest(new MutableClock(LANDED.plus(Duration.ofHours(1))));

    assertEquals(4, report.in(LoadStatus.ARCHIVED).size(), report.render());
    assertEquals(List.of("cubic/ods_qlik/EDW.SAMPLE/README.txt"),
        report.in(LoadStatus.IGNORED).stream().map(CubicLoad::key).toList(), report.render());
    assertEquals(Optional.of("cubic/ods_qlik/EDW.SAMPLE/LOAD1.csv.gz"),
        bed.registry.table("cubic__ods_qlik__edw_sample").orElseThrow().snapshotKey(), "LOAD1 starts the snapshot");
    Map<Integer, String> state = new TreeMap<>();
    for (Row row : TestSpark.get().read().format("delta").load(bed.current("EDW.SAMPLE"))
        .selectExpr("sample_id", "sample_name", "cast(edw_inserted_dtm as string)").collectAsList()) {
      state.put(row.getInt(0), row.getString(1) + " @ " + row.getString(2));
    }
    assertEquals(Map.of(1, "Sample 1 \uD83D\uDD25", 2, "Sample 2 \uD83D\uDD25", 3, "Sample 3", 4, "Sample 4 again",
        5, "Sample 5"), state.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
            e -> e.getValue().substring(0, e.getValue().indexOf(" @ ")))));
    assertTrue(state.get(1).endsWith("@ 2021-12-01 11:20:30.444444"), "seven fractional digits, to microseconds: "
        + state.get(1));
  }
}
