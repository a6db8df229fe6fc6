package io.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.convert.PartitionSize;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ConvertMain's arguments: explicit flags, or a job-table row and its window; every mistake named. */
class ConvertArgumentsTest {
  @Test
  void explicitFlagsMakeARequest() {
    ConvertArguments args = ConvertArguments.parse("--source", "s3://feeds/gz", "--dest", "file:/lake/parquet",
        "--format", "arrow", "--compression", "zst", "--layout", "dataclient", "--partition-size", "year",
        "--dataset", "caiso/prices,ercot/load", "--from", "2020-01-01", "--to", "2021-01-01", "--run-id", "r1");
    assertEquals("s3a://feeds/gz", args.request().source().toString());
    assertEquals("file:/lake/parquet", args.request().destination().toString());
    assertEquals(PartitionSize.YEAR, args.request().target().partitionSize());
    assertEquals(2, args.request().datasets().size());
    assertEquals(Optional.of(new LoadWindow(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))),
        args.request().range());
    assertEquals("r1", args.runId());
    assertEquals(Optional.empty(), args.jobWindow());

    ConvertArguments dmap = ConvertArguments.parse("--source", "s3://incoming/cubic/dmap", "--dest", "s3://lake/dmap",
        "--format", "parquet", "--compression", "gz", "--layout", "athena", "--partition-size", "day",
        "--source-layout", "cubic-dmap", "--schema", "station:str,taps:int");
    assertEquals(io.tributary.core.convert.SourceLayout.CUBIC_DMAP, dmap.request().sourceLayout());
    assertEquals(List.of("station", "taps", "file_day"), dmap.request().declaredSchema().orElseThrow().columns());
  }

  @Test
  void aJobRowTakesItsOptionsAndWindow() {
    String row = "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-|-|-|-"
        + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day";
    ConvertArguments args = ConvertArguments.parse("--job", row, "--window-start", "2020-01-05 00:00:00",
        "--window-stop", "2020-01-06 00:00:00", "--record-file", "s3://runs/r.json");
    assertEquals("prices", args.jobWindow().orElseThrow().job().name());
    assertEquals(Instant.parse("2020-01-05T00:00:00Z"), args.request().range().orElseThrow().start());
    assertEquals("s3a://out/parquet", args.request().destination().toString());

    ConvertArguments live = ConvertArguments.parse("--job", row, "--changed", "s3://feeds/gz/a/b/year=2020/1577836800.csv.gz");
    assertEquals(Optional.empty(), live.request().range(), "a live-fill converts the changed objects' partitions");
    assertEquals(1, live.changedObjects().size());
  }

  @Test
  void mistakesAreNamed() {
    List<String[]> bad = List.of(
        new String[] {"--source", "s3://feeds/gz"},
        new String[] {"--source", "s3://feeds/gz", "--dest", "s3://feeds/gz/out", "--format", "parquet", "--compression",
            "zst", "--layout", "athena", "--partition-size", "day"},
        new String[] {"--source", "s3://a/gz", "--dest", "s3://b/out", "--format", "parquet", "--compression", "zst",
            "--layout", "athena", "--partition-size", "day", "--from", "2020-01-01"},
        new String[] {"--job", "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest"
            + "|sales|deposits|created_at|quarter|1|1000|4|-"},
        new String[] {"--colour", "blue"},
        new String[] {"--source", "s3://a/gz", "--dest", "s3://b/out", "--format", "parquet", "--compression", "zst",
            "--layout", "athena", "--partition-size", "day", "--run-id", "../../escape"});
    List<String> expected = List.of("missing --dest, --format, --compression, --layout, --partition-size",
        "--source s3a://feeds/gz and --dest s3a://feeds/gz/out overlap", "--from and --to go together", "is a jdbc-ingest job; ConvertMain runs convert jobs",
        "unknown argument '--colour'", "--run-id '../../escape' is not a run id");
    for (int i = 0; i < bad.size(); i++) {
      String[] args = bad.get(i);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvertArguments.parse(args));
      assertTrue(e.getMessage().contains(expected.get(i)), e.getMessage());
    }
  }
}
