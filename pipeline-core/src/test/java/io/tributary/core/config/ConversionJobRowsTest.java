package io.tributary.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Convert jobs in the job table: their options cell, checked whole, and written back as read. */
@Tag("fast")
class ConversionJobRowsTest {
  private static final String HEADER = "job_name | load_date | load_window_start | load_window_stop | job_flow_id"
      + " | job_status | output_dir | script_source | database_name | table_name | window_db_column"
      + " | partition_by_col | lower_bound | upper_bound | num_partitions | options\n";
  private static final String JDBC_ROW = "deposit | - | 2018-11-01 00:00:00 | 2018-11-02 00:00:00 | - | PENDING"
      + " | s3://lake/RAW | jdbc-ingest | sales | deposits | shipmt_date_tstmp | quarter | 1 | 1000 | 4 | -\n";

  private static String convertRow(String options) {
    return "prices | - | 2020-01-01 00:00:00 | 2020-01-02 00:00:00 | - | PENDING | s3://lake/parquet | convert"
        + " | - | - | - | - | - | - | - | " + options + "\n";
  }

  @Test
  void aConvertRowReadsItsOptionsAndIsWrittenBackTheSame() {
    String options = "source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=month;"
        + "datasets=caiso/prices,ercot/load;live=true";
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + JDBC_ROW + convertRow(options));

    JobConfig job = jobs.get(1);
    assertEquals(JobKind.CONVERT, job.kind());
    ConversionSource conversion = job.conversion();
    assertEquals("s3a://feeds/gz", conversion.source().toString());
    assertEquals(OutputFormat.PARQUET, conversion.target().format());
    assertEquals(Compression.ZST, conversion.target().compression());
    assertEquals(PartitionLayout.ATHENA, conversion.target().layout());
    assertEquals(PartitionSize.MONTH, conversion.target().partitionSize());
    assertEquals(List.of(DatasetId.parse("caiso/prices"), DatasetId.parse("ercot/load")), conversion.datasets());
    assertTrue(conversion.live());
    assertThrows(IllegalStateException.class, job::jdbc);
    assertEquals("sales", jobs.get(0).jdbc().database().name());

    String written = JobTableWriter.write(jobs);
    assertEquals(jobs, JobTableParser.parse("written", written));
    assertTrue(written.contains("source=s3a://feeds/gz;format=parquet;compression=zst;layout=athena;"
        + "partition_size=month;datasets=caiso/prices,ercot/load;live=true"), written);
  }

  @Test
  void aJdbcRowMayWriteItsWindowsAsDeltaAndIsWrittenBackTheSame() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + JDBC_ROW
        + JDBC_ROW.replace("deposit |", "deposit_delta |").replace(" | -\n", " | output_format=delta\n"));
    assertEquals(JdbcOutputFormat.PARQUET, jobs.get(0).jdbc().outputFormat());
    assertEquals(JdbcOutputFormat.DELTA, jobs.get(1).jdbc().outputFormat());
    String written = JobTableWriter.write(jobs);
    assertEquals(jobs, JobTableParser.parse("written", written));
    assertTrue(written.contains("| output_format=delta"), written);

    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse(
        "config.txt", HEADER + JDBC_ROW.replace(" | -\n", " | output_format=orc\n")));
    assertTrue(e.getMessage().contains("config.txt:2: options: output_format: 'orc' is not parquet or delta"),
        e.getMessage());
  }

  @Test
  void aTableWithoutTheOptionsColumnStillReads() {
    String header = HEADER.replace(" | options", "");
    String row = JDBC_ROW.replace(" | 4 | -\n", " | 4\n");
    assertEquals(1, JobTableParser.parse("old.txt", header + row).size());
  }

  @Test
  void everyProblemOfAConvertRowIsNamed() {
    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt",
        HEADER
            + convertRow("source=s3://feeds/gz;format=parquet;compression=bz2;layout=athena;partition_size=day")
            + convertRow("source=s3://lake/parquet/in;format=orc;compression=gz;layout=athena;partition_size=week")
                .replace("prices", "prices2")
            + convertRow("format=arrow;color=blue").replace("prices", "prices3")
            + convertRow("-").replace("prices", "prices4").replace("convert | - | -", "convert | sales | -")
            + JDBC_ROW.replace(" | -\n", " | format=parquet\n")));
    String message = e.getMessage();
    assertTrue(message.contains("config.txt:2: options: compression: parquet has no bzip2 column codec"), message);
    assertTrue(message.contains("config.txt:3: options: format: format 'orc' is not one of parquet, arrow"), message);
    assertTrue(message.contains("config.txt:3: options: partition_size: partition size 'week' is not one of"), message);
    assertTrue(message.contains("config.txt:4: options: 'color=blue' is not key=value with a key of"), message);
    assertTrue(message.contains("config.txt:4: options: source: missing"), message);
    assertTrue(message.contains("config.txt:5: database_name: 'sales' does not apply to a convert job, expected '-'"), message);
    assertTrue(message.contains("config.txt:5: options: empty, a convert job needs source=URI"), message);
    assertTrue(message.contains("config.txt:6: options: 'format=parquet' is not key=value with a key of"
        + " [accept_schema_change, current_state, delete_check_runs, deletes, glue_database, lag_seconds, order_by,"
        + " output_format, primary_key, recheck_checksum, recheck_windows, settle_seconds]"
        + " (a jdbc-ingest job's options are '-' or key=value;..., see docs/configuration.md)"), message);
    assertFalse(message.contains("config.txt:3: options: source"), "s3://lake/parquet/in vs s3://lake/parquet checked only once the rest is valid");
  }

  @Test
  void overlappingSourceAndOutputAreRefused() {
    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt",
        HEADER + convertRow("source=s3://lake;format=parquet;compression=gz;layout=athena;partition_size=day")));
    assertTrue(e.getMessage().contains("config.txt:2: options: source: s3a://lake overlaps output_dir s3://lake/parquet"),
        e.getMessage());
  }

  @Test
  void aCubicDmapJobDeclaresItsColumns() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", HEADER + convertRow("source=s3://incoming/cubic/dmap;"
        + "format=parquet;compression=gz;layout=athena;partition_size=month;source_layout=cubic-dmap;"
        + "schema=station:str,taps:int"));
    ConversionSource conversion = jobs.get(0).conversion();
    assertEquals(io.tributary.core.convert.SourceLayout.CUBIC_DMAP, conversion.sourceLayout());
    assertEquals("station:str,taps:int", conversion.declaredSchema().orElseThrow().declaration());
    assertEquals(jobs, JobTableParser.parse("written", JobTableWriter.write(jobs)));

    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config.txt",
        HEADER + convertRow("source=s3://incoming/cubic/dmap;format=parquet;compression=gz;layout=athena;"
            + "partition_size=hour;source_layout=cubic-dmap")));
    assertTrue(e.getMessage().contains("config.txt:2: options: schema: missing, a cubic-dmap source declares its columns"),
        e.getMessage());
    assertTrue(e.getMessage().contains("config.txt:2: options: partition_size: cubic-dmap rows carry only their file's day"),
        e.getMessage());
  }
}
