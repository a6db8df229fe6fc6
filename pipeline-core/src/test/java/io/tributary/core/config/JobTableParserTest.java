package io.tributary.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.window.WindowTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("fast")
class JobTableParserTest {
  static final String HEADER =
      "job_name | load_date | load_window_start | load_window_stop | job_flow_id | job_status | output_dir"
          + " | script_source | database_name | table_name | window_db_column | partition_by_col"
          + " | lower_bound | upper_bound | num_partitions";
  static final String DEPOSIT =
      "deposit | 2018-11-05 | 2018-11-04 00:00:00 | 2018-11-05 00:00:00 | - | PENDING | s3://lake/RAW/"
          + " | jdbc-ingest | sales | deposits | created_at | quarter | 1 | 1000 | 10";
  static final String LOAN =
      "loan | - | 2018-11-04 00:00:00 | 2018-11-05 00:00:00 | j-ABC123 | SUCCEEDED | file:/tmp/lake"
          + " | jdbc-ingest | sales | public.loans | created_at | id | 1 | 1000 | 4";

  static String file(String... rows) {
    return "# Tributary jobs\n" + HEADER + "\n" + String.join("\n", rows) + "\n";
  }

  /** Replaces the cell of {@code column} (0-based) in {@code row}. */
  static String withCell(String row, int column, String value) {
    String[] cells = row.split("\\|", -1);
    cells[column] = " " + value + " ";
    return String.join("|", cells);
  }

  @Test
  void parsesValidRowsIntoTypedJobs() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", file(DEPOSIT, LOAN));

    assertEquals(2, jobs.size());
    JobConfig deposit = jobs.get(0);
    assertEquals("deposit", deposit.name());
    assertEquals(JobKind.JDBC_INGEST, deposit.kind());
    assertEquals(WindowTime.parse("2018-11-04 00:00:00"), deposit.window().start());
    assertEquals(WindowTime.parse("2018-11-05 00:00:00"), deposit.window().stop());
    assertEquals("s3://lake/RAW", deposit.outputDir().toString());
    assertEquals("\"deposits\"", deposit.jdbc().table().quoted());
    assertEquals(new PartitionSpec(new SqlIdentifier("quarter"), 1, 1000, 10), deposit.jdbc().partitioning());
    assertEquals(JobStatus.PENDING, deposit.state().status());
    JobConfig loan = jobs.get(1);
    assertEquals("\"public\".\"loans\"", loan.jdbc().table().quoted());
    assertEquals("j-ABC123", loan.state().jobFlowId());
    assertTrue(loan.state().loadDate().isEmpty());
  }

  @Test
  void acceptsMarkdownTableRowsAndAnyColumnOrder() {
    String reordered = "| num_partitions | job_name | load_date | load_window_start | load_window_stop | job_flow_id"
        + " | job_status | output_dir | script_source | database_name | table_name | window_db_column"
        + " | partition_by_col | lower_bound | upper_bound |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        + "| 3 | shipment | - | 2018-11-04T00:00:00Z | 2018-11-04 06:00 | - | PENDING | file:/tmp/x"
        + " | jdbc-ingest | sales | shipments | shipped_at | id | 0 | 0 | |\n";
    // the trailing empty cell is stripped with the trailing pipe, so the row has 15 cells
    List<JobConfig> jobs = JobTableParser.parse("md.txt", reordered.replace(" | |\n", " |\n"));

    assertEquals(3, jobs.get(0).jdbc().partitioning().numPartitions());
    assertEquals(java.time.Duration.ofHours(6), jobs.get(0).window().length());
  }

  static Stream<Arguments> malformedFiles() {
    return Stream.of(
        Arguments.of("unknown column", HEADER.replace("job_flow_id", "job_flow") + "\n" + DEPOSIT,
            ":1: job_flow: unknown column"),
        Arguments.of("missing column", HEADER.replace(" | num_partitions", "") + "\n",
            ":1: num_partitions: missing column"),
        Arguments.of("column named twice", HEADER.replace("load_date", "job_name") + "\n",
            ":1: job_name: column named twice"),
        Arguments.of("unparsable start", file(withCell(DEPOSIT, 2, "11/4/18")),
            ":3: load_window_start: '11/4/18' is not a timestamp"),
        Arguments.of("unparsable stop", file(withCell(DEPOSIT, 3, "2018-11-05 25:00:00")),
            ":3: load_window_stop: '2018-11-05 25:00:00' is not a timestamp"),
        Arguments.of("impossible date", file(withCell(DEPOSIT, 2, "2018-02-30 00:00:00")),
            ":3: load_window_start: '2018-02-30 00:00:00' is not a timestamp"),
        Arguments.of("window under a second", file(withCell(withCell(DEPOSIT, 2, "2018-11-04 00:00:00"), 3,
            "2018-11-04 00:00:00.500000")),
            ":3: load_window_stop: '2018-11-04 00:00:00.500000' is less than a second after load_window_start"),
        Arguments.of("a microsecond window", file(withCell(DEPOSIT, 3, "2018-11-04 00:00:00.000001")),
            ":3: load_window_stop: '2018-11-04 00:00:00.000001' is less than a second"),
        Arguments.of("start equals stop", file(withCell(DEPOSIT, 3, "2018-11-04 00:00:00")),
            ":3: load_window_stop: '2018-11-04 00:00:00' is not after load_window_start"),
        Arguments.of("start after stop", file(withCell(DEPOSIT, 2, "2018-11-06 00:00:00")),
            ":3: load_window_stop: '2018-11-05 00:00:00' is not after"),
        Arguments.of("zero partitions", file(withCell(DEPOSIT, 14, "0")),
            ":3: num_partitions: '0' is below 1"),
        Arguments.of("partitions not a number", file(withCell(DEPOSIT, 14, "ten")),
            ":3: num_partitions: 'ten' is not a whole number"),
        Arguments.of("lower above upper", file(withCell(DEPOSIT, 12, "2000")),
            ":3: lower_bound: '2000' is above upper_bound '1000'"),
        Arguments.of("duplicate job", file(DEPOSIT, withCell(LOAN, 0, "deposit")),
            ":4: job_name: duplicate job name 'deposit' (first on line 3)"),
        Arguments.of("http output", file(withCell(DEPOSIT, 6, "https://lake/RAW")),
            ":3: output_dir: 'https://lake/RAW' scheme must be s3://, s3a:// or file:"),
        Arguments.of("relative path output", file(withCell(DEPOSIT, 6, "lake/RAW")),
            ":3: output_dir: 'lake/RAW' scheme must be"),
        Arguments.of("s3 without bucket", file(withCell(DEPOSIT, 6, "s3:///RAW")),
            ":3: output_dir: 's3:///RAW' s3:// URI needs a bucket"),
        Arguments.of("table injection", file(withCell(DEPOSIT, 9, "deposits; drop table loans")),
            ":3: table_name: 'deposits; drop table loans' is not a plain table name"),
        Arguments.of("database not identifier", file(withCell(DEPOSIT, 8, "sales-db")),
            ":3: database_name: 'sales-db' is not a plain SQL identifier"),
        Arguments.of("window column quoted", file(withCell(DEPOSIT, 10, "\"created_at\"")),
            ":3: window_db_column: '\"created_at\"' is not a plain SQL identifier"),
        Arguments.of("partition column expression", file(withCell(DEPOSIT, 11, "id % 4")),
            ":3: partition_by_col: 'id % 4' is not a plain SQL identifier"),
        Arguments.of("three-part table", file(withCell(DEPOSIT, 9, "db.public.deposits")),
            ":3: table_name: 'db.public.deposits' is not a plain table name"),
        Arguments.of("too few cells", file(DEPOSIT.substring(0, DEPOSIT.lastIndexOf('|'))),
            ":3: found 14 cells, expected 15"),
        Arguments.of("unknown kind", file(withCell(DEPOSIT, 7, "s3://bucket/spark/ingest.py")),
            ":3: script_source: 's3://bucket/spark/ingest.py' is not a job kind, expected one of jdbc-ingest"),
        Arguments.of("unknown status", file(withCell(DEPOSIT, 5, "DONE")),
            ":3: job_status: 'DONE' is not a status"),
        Arguments.of("bad load date", file(withCell(DEPOSIT, 1, "11/5/18")),
            ":3: load_date: '11/5/18' is not a date"),
        Arguments.of("empty job name", file(withCell(DEPOSIT, 0, "")),
            ":3: job_name: empty, expected a value"),
        Arguments.of("job name with slash", file(withCell(DEPOSIT, 0, "../etc")),
            ":3: job_name: '../etc' is not a job name"),
        Arguments.of("no header", "# only comments\n\n", ":1: no header row"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFiles")
  void rejectsMalformedFileNamingLineAndColumn(String caseName, String content, String expected) {
    InvalidJobTableException e =
        assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("config/bad.txt", content));

    assertTrue(e.getMessage().contains("config/bad.txt" + expected),
        () -> caseName + ": expected '" + expected + "' in:\n" + e.getMessage());
  }

  @Test
  void aByteOrderMarkIsReadAndABinaryFileIsNamedWithoutATrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    assertEquals(JobTableParser.parse("c.txt", file(DEPOSIT)), JobTableParser.parse("c.txt", "\uFEFF" + file(DEPOSIT)));
    java.nio.file.Path binary = java.nio.file.Files.write(dir.resolve("config.txt"), new byte[] {(byte) 0xC3, 0x28, 0, 1});
    InvalidJobTableException e = assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse(binary));
    assertTrue(e.getMessage().contains(binary + ":1: not UTF-8 text"), e.getMessage());
  }

  @Test
  void reportsEveryProblemOfTheFileAtOnce() {
    String content = file(
        withCell(withCell(DEPOSIT, 14, "0"), 9, "x;y"),
        withCell(LOAN, 2, "yesterday"));

    InvalidJobTableException e =
        assertThrows(InvalidJobTableException.class, () -> JobTableParser.parse("c.txt", content));

    assertEquals(3, e.problems().size(), e.getMessage());
    assertEquals(List.of(3, 3, 4), e.problems().stream().map(ConfigProblem::line).toList());
    assertTrue(e.getMessage().startsWith("3 problems in the job table, nothing loaded"));
  }

  @Test
  void identifiersAreQuotedLowerCaseSoReservedWordsWork() {
    assertEquals("\"order\"", new SqlIdentifier("Order").quoted());
    assertThrows(IllegalArgumentException.class, () -> new SqlIdentifier("a\"b"));
    assertThrows(IllegalArgumentException.class, () -> new SqlIdentifier("x".repeat(64)));
  }

  @Test
  void writtenTableParsesBackToTheSameJobs() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", file(DEPOSIT, LOAN));

    assertEquals(jobs, JobTableParser.parse("written.txt", JobTableWriter.write(jobs)));
  }
}
