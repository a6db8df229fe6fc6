package io.tributary.core.kind.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.InvalidJobTableException;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.config.WarehouseSource;
import io.tributary.core.run.JobDueWindows;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.StepDocument;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** warehouse-load rows: options checked with their line, a source job resolved to its RAW root, windows after it. */
@Tag("fast")
class WarehouseJobRowsTest {
  static final String HEADER = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n";
  static final String DEPOSIT = "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW"
      + "|jdbc-ingest|sales|deposits|created_at|id|1|1000|4|-\n";

  static String warehouseRow(String options) {
    return "wh_deposits|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|s3://lake/warehouse-runs|warehouse-load"
        + "|-|-|-|-|-|-|-|" + options + "\n";
  }

  @Test
  void aSourceJobIsResolvedToItsRawRootAndTheRowReadsBackAlone() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + DEPOSIT
        + warehouseRow("schema=warehouse;tables=deposits;source_job=deposit;config=s3://conf/deposits.yml"));
    JobConfig job = jobs.get(1);

    assertEquals(JobKind.WAREHOUSE_LOAD, job.kind());
    WarehouseSource source = job.source(WarehouseSource.class);
    assertEquals("s3a://lake/RAW/sales/deposits/original/incremental", source.lakeInput().orElseThrow().toString());
    StepDocument step = StepDocument.of(job, job.window(), "r", DeploymentSettings.defaults(SecretSourceSpec.parse("ssm")),
        List.of(), Optional.empty());
    assertEquals(job, StepDocument.parse(step.toJson()).job(), "the step's document carries the root");
    assertEquals(Optional.of("deposit"), job.source().upstreamJob());
  }

  @Test
  void windowsAreDueOnlyOnceTheSourceJobPublishedThem() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + DEPOSIT
        + warehouseRow("schema=warehouse;tables=deposits;source_job=deposit;config=s3://conf/deposits.yml"));

    List<LoadWindow> due = JobDueWindows.of(jobs.get(1), jobs, Instant.parse("2018-11-10T00:00:00Z"), 10);

    assertEquals(3, due.size(), "deposit has published up to 2018-11-04: " + due);
    assertEquals(Instant.parse("2018-11-04T00:00:00Z"), due.get(2).stop());
  }

  @Test
  void badOptionsAreNamedWithTheirLine() {
    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt",
        HEADER + DEPOSIT + warehouseRow("schema=warehouse;tables=deposits;source_job=nope;dialect=redshift")));

    String message = e.getMessage();
    assertTrue(message.contains("config.txt:3: options: config: missing"), message);
    assertTrue(message.contains("config.txt:3: options: iam_role: missing"), message);
    assertTrue(assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt", HEADER + DEPOSIT
        + warehouseRow("schema=warehouse;tables=deposits;source_job=nope;config=s3://c.yml"))).getMessage()
        .contains("config.txt:3: options: source_job: 'nope' is not a jdbc-ingest or convert job"));
    assertTrue(assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt", HEADER + DEPOSIT
        + warehouseRow("schema=warehouse;tables=deposits;source_job=deposit;config=s3://c.yml;granularity=hour")))
        .getMessage().contains("source_job: 'deposit' publishes daily load_date windows, expected granularity=day"));
    assertTrue(assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt", HEADER
        + DEPOSIT.replace("|-\n", "|output_format=delta\n")
        + warehouseRow("schema=warehouse;tables=deposits;source_job=deposit;config=s3://c.yml"))).getMessage()
        .contains("config.txt:3: options: source_job: 'deposit' writes its windows as Delta (output_format=delta),"
            + " which a warehouse load does not read, expected a job writing Parquet"));
  }

  @Test
  void aConvertJobIsReadInItsAthenaLayoutOnlyWhenItsPartitionsAreTheDataDates() {
    String convert = "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-|-|-|-"
        + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=%s;datasets=caiso/prices\n";
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + String.format(convert, "day")
        + warehouseRow("schema=warehouse;tables=prices;source_job=prices;config=s3://conf/prices.yml"));

    WarehouseSource source = jobs.get(1).source(WarehouseSource.class);
    assertEquals("s3a://out/parquet/caiso/prices", source.lakeInput().orElseThrow().toString());
    assertEquals(LakeLayout.ATHENA, source.lakeLayout());
    String monthly = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt",
        HEADER + String.format(convert, "month")
            + warehouseRow("schema=warehouse;tables=prices;source_job=prices;config=s3://conf/prices.yml")))
        .getMessage();
    assertTrue(monthly.contains("config.txt:3: options: source_job: 'prices' writes parquet in the athena layout by"
        + " month, expected parquet in the athena layout by day"), monthly);
  }
}
