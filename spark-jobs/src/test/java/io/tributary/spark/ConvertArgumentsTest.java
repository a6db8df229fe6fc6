package io.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.TextObjects;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.StepDocument;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ConvertMain's arguments: explicit flags, or a convert job's step document; every mistake named. */
@Tag("fast")
class ConvertArgumentsTest {
  static final String HEADER = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n";
  static final DeploymentSettings SETTINGS = DeploymentSettings.defaults(SecretSourceSpec.parse("ssm"));

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

    ConvertArguments dmap = ConvertArguments.parse("--source", "s3://incoming/cubic/dmap", "--dest", "s3://lake/dmap",
        "--format", "parquet", "--compression", "gz", "--layout", "athena", "--partition-size", "day",
        "--source-layout", "cubic-dmap", "--schema", "station:str,taps:int");
    assertEquals(io.tributary.core.convert.SourceLayout.CUBIC_DMAP, dmap.request().sourceLayout());
    assertEquals(List.of("station", "taps", "file_day"), dmap.request().declaredSchema().orElseThrow().columns());
  }

  @Test
  void aJobsStepTakesItsOptionsAndWindow() {
    JobConfig job = JobTableParser.parse("config.txt", HEADER
        + "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-|-|-|-"
        + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day\n").get(0);
    LoadWindow window = new LoadWindow(Instant.parse("2020-01-05T00:00:00Z"), Instant.parse("2020-01-06T00:00:00Z"));
    ConvertArguments args = ConvertArguments.forStep(StepDocument.of(job, window, "r", SETTINGS, List.of(),
        Optional.of("s3://runs/r.json")));
    assertEquals(Instant.parse("2020-01-05T00:00:00Z"), args.request().range().orElseThrow().start());
    assertEquals("s3a://out/parquet", args.request().destination().toString());
    assertEquals(Optional.of("s3://runs/r.json"), args.recordFile());

    ConvertArguments live = ConvertArguments.forStep(StepDocument.of(job, window, "r", SETTINGS,
        List.of("s3://feeds/gz/a/b/year=2020/1577836800.csv.gz"), Optional.empty()));
    assertEquals(Optional.empty(), live.request().range(), "a live-fill converts the changed objects' partitions");
    assertEquals(1, live.changedObjects().size());
  }

  @Test
  void anEntryPointRefusesAStepOfAnotherKind() {
    JobConfig deposit = JobTableParser.parse("config.txt", HEADER + "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00"
        + "|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits|created_at|quarter|1|1000|4|-\n").get(0);
    String[] args = StepDocument.of(deposit, deposit.window(), "r", SETTINGS, List.of(), Optional.empty()).toArgs()
        .toArray(String[]::new);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepRun.read(JobKind.CONVERT, args,
        TextObjects.localFiles()));
    assertTrue(e.getMessage().contains("'deposit' is a jdbc-ingest job; ConvertMain runs convert jobs"), e.getMessage());
    assertEquals("deposit", StepRun.read(JobKind.JDBC_INGEST, args, TextObjects.localFiles()).job().name());
  }

  @Test
  void mistakesAreNamed() {
    List<String[]> bad = List.of(
        new String[] {"--source", "s3://feeds/gz"},
        new String[] {"--source", "s3://feeds/gz", "--dest", "s3://feeds/gz/out", "--format", "parquet", "--compression",
            "zst", "--layout", "athena", "--partition-size", "day"},
        new String[] {"--source", "s3://a/gz", "--dest", "s3://b/out", "--format", "parquet", "--compression", "zst",
            "--layout", "athena", "--partition-size", "day", "--from", "2020-01-01"},
        new String[] {"--colour", "blue"},
        new String[] {"--source", "s3://a/gz", "--dest", "s3://b/out", "--format", "parquet", "--compression", "zst",
            "--layout", "athena", "--partition-size", "day", "--run-id", "../../escape"});
    List<String> expected = List.of("missing --dest, --format, --compression, --layout, --partition-size",
        "--source s3a://feeds/gz and --dest s3a://feeds/gz/out overlap", "--from and --to go together",
        "unknown argument '--colour'", "--run-id '../../escape' is not a run id");
    for (int i = 0; i < bad.size(); i++) {
      String[] args = bad.get(i);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvertArguments.parse(args));
      assertTrue(e.getMessage().contains(expected.get(i)), e.getMessage());
    }
  }
}
