package io.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.InvalidJobTableException;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.kind.jdbc.ParquetCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcIngestArgumentsTest {
  static final JobConfig JOB = JobTableParser.parse("t", "job_name|load_date|load_window_start|load_window_stop"
      + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
      + "|partition_by_col|lower_bound|upper_bound|num_partitions\n"
      + "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
      + "|created_at|quarter|1|1000|4").get(0);

  @Test
  void argumentsBuiltForAStepParseBackToTheSameRun() {
    LoadWindow window = JOB.window().next();
    List<String> args = JdbcIngestArguments.of(JOB, window, "run-7", SecretSourceSpec.parse("ssm"), ParquetCodec.ZSTD);

    JdbcIngestArguments parsed = JdbcIngestArguments.parse(args.toArray(String[]::new));

    assertEquals(JOB, parsed.job());
    assertEquals(window, parsed.window());
    assertEquals("run-7", parsed.runId());
    assertEquals(SecretSourceSpec.parse("ssm:postgre-jdbcurl,postgre-user,postgre-psswd"), parsed.secrets());
    assertEquals(ParquetCodec.ZSTD, parsed.codec());
  }

  @Test
  void badArgumentsAreRefusedWithTheFlagNamed() {
    String row = String.join("|", "deposit", "-", "2018-11-04 00:00:00", "2018-11-05 00:00:00", "-", "PENDING",
        "s3://lake/RAW", "jdbc-ingest", "sales", "deposits; drop table x", "created_at", "quarter", "1", "1000", "4");

    assertTrue(assertThrows(InvalidJobTableException.class, () -> JdbcIngestArguments.parse("--job", row))
        .getMessage().contains("--job:2: table_name: 'deposits; drop table x'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JdbcIngestArguments.parse("--jobs", row))
        .getMessage().contains("unknown argument '--jobs'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JdbcIngestArguments.parse("--job", row.replace("deposits; drop table x", "deposits"), "--codec", "bz2"))
        .getMessage().contains("Parquet has no bzip2 codec"));
  }
}
