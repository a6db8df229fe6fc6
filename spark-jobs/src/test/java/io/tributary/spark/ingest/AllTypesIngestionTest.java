package io.tributary.spark.ingest;

import io.tributary.core.kind.jdbc.ParquetCodec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.RunRecord;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Every common PostgreSQL type survives the trip to Parquet value for value, NULLs included. */
class AllTypesIngestionTest {
  static final String UNICODE = "naïve café 日本語 🎉\nsecond line\ttab \\ backslash \"quoted\" 'single'";
  static final String FREE_NUMERIC = "3.14159265358979323846264338327950288419716939937510582097494459";

  static TestPostgres pg;
  static SparkSession spark;
  @TempDir static Path lake;
  static RunRecord record;
  static Map<Integer, Row> rowsById;
  static StructType schema;

  @BeforeAll
  static void ingestTheWindow() throws Exception {
    pg = TestPostgres.get();
    spark = TestSpark.get();
    pg.execute("""
        DROP TABLE IF EXISTS all_types;
        CREATE TABLE all_types (
          id int, created_at timestamptz,
          c_smallint smallint, c_bigint bigint, c_numeric numeric(20,6), c_numeric38 numeric(38,10),
          c_numeric_free numeric, c_real real, c_double double precision, c_bool boolean,
          c_text text, c_varchar varchar(50), c_char char(5), c_date date, c_ts timestamp, c_tstz timestamptz,
          c_uuid uuid, c_bytea bytea, c_json json, c_jsonb jsonb,
          c_int_array int[], c_text_array text[], c_numeric_array numeric(10,2)[], c_interval interval);
        INSERT INTO all_types VALUES
          (1, '2018-11-04 00:00:00+00', 32767, 9223372036854775807, 99999999999999.999999,
           1234567890123456789012345678.1234567890, 1, 3.25, 2.5, true,
           'plain', 'varchar', 'ab', '2018-11-04', '2018-11-04 12:34:56.123456', '2018-11-04 08:00:00.000001+05',
           'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff10', '{"a": [1, 2], "b": null}', '{"z": 1, "a": {"b": true}}',
           '{1,NULL,3}', '{"x","",NULL}', '{1.10,-2.25}', '1 day 02:03:04'),
          (500, '2018-11-04 23:59:59.999999+00', -32768, -9223372036854775808, -12345678901234.123456,
           -0.0000000001, %s, -1.5e-10, -1.7976931348623157e308, false,
           %s, '', 'abcde', '0001-01-01', '1900-01-01 00:00:00', '1970-01-01 00:00:00+00',
           '00000000-0000-0000-0000-000000000000', '\\x', '[]', '"text"',
           '{}', '{}', '{}', '-3 months'),
          (NULL, '2018-11-04 12:00:00+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (-100, '2018-11-04 01:00:00+00', 0, 0, 0, 0, 0, 'NaN', 'Infinity', true,
           'below the lower bound', 'v', 'c', '9999-12-31', '2262-04-11 23:47:16.854775', '2018-11-04 01:00:00+00',
           'ffffffff-ffff-ffff-ffff-ffffffffffff', '\\x00', 'null', 'null', '{NULL}', '{NULL}', '{NULL}', '0'),
          (5000, '2018-11-04 02:00:00+00', 1, 1, 1, 1, 1, '-Infinity', 'NaN', false,
           'above the upper bound', 'v', 'c', '2018-11-04', '2018-11-04 00:00:00', '2018-11-04 02:00:00+00',
           'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '\\x01', '1', '1', '{7}', '{"y"}', '{0.01}', '1 second'),
          (2, '2018-11-05 00:00:00+00', 0, 0, 0, 0, 0, 0, 0, true, 'at stop: excluded', '', '', NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (3, '2018-11-03 23:59:59.999999+00', 0, 0, 0, 0, 0, 0, 0, true, 'before start: excluded', '', '', NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
        """.formatted(FREE_NUMERIC, "'" + UNICODE.replace("'", "''") + "'"));
    JobConfig job = job(lake, "all_types", "created_at", "id", 1, 1000, 4);
    LoadWindow window = job.window();

    record = new JdbcIngestion(spark, pg.secrets(), ParquetCodec.SNAPPY).ingest(job, window, "run-types");

    List<Row> rows = spark.read().parquet(record.outputPath()).collectAsList();
    schema = spark.read().parquet(record.outputPath()).schema();
    rowsById = new HashMap<>();
    rows.forEach(row -> rowsById.put(row.isNullAt(0) ? null : row.getInt(0), row));
    assertEquals(5, rows.size(), "rows in the output: " + rowsById.keySet());
  }

  static JobConfig job(Path lake, String table, String windowColumn, String partitionColumn,
      long lower, long upper, int partitions) {
    String content = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status|output_dir"
        + "|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound|upper_bound"
        + "|num_partitions\n"
        + String.join("|", "job_" + table, "-", "2018-11-04 00:00:00", "2018-11-05 00:00:00", "-", "PENDING",
            lake.toUri().toString(), "jdbc-ingest", "postgres", table, windowColumn, partitionColumn,
            Long.toString(lower), Long.toString(upper), Integer.toString(partitions)) + "\n";
    return JobTableParser.parse("test", content).get(0);
  }

  @Test
  void windowBoundsAreHalfOpen() {
    assertTrue(rowsById.containsKey(1), "row exactly at start is in");
    assertTrue(!rowsById.containsKey(2), "row exactly at stop is out");
    assertTrue(!rowsById.containsKey(3), "row a microsecond before start is out");
  }

  @Test
  void rowsOutsideThePartitionBoundsAndNullPartitionKeysAreRead() {
    assertTrue(rowsById.containsKey(-100));
    assertTrue(rowsById.containsKey(5000));
    assertTrue(rowsById.containsKey(null));
  }

  @Test
  void runRecordCountsRowsAndWindowRange() {
    assertEquals(5, record.rowsRead());
    assertEquals(5, record.rowsWritten());
    assertTrue(record.bytesWritten() > 0);
    assertEquals(Optional.of(Instant.parse("2018-11-04T00:00:00Z")), record.windowColumnMin());
    assertEquals(Optional.of(Instant.parse("2018-11-04T23:59:59.999999Z")), record.windowColumnMax());
    assertTrue(record.outputPath().endsWith("/postgres/all_types/original/incremental/load_date=2018-11-04"),
        record.outputPath());
  }

  @Test
  void sparkTypesFollowThePostgresTypes() {
    assertEquals(DataTypes.ShortType, schema.apply("c_smallint").dataType());
    assertEquals(DataTypes.LongType, schema.apply("c_bigint").dataType());
    assertEquals(DataTypes.createDecimalType(20, 6), schema.apply("c_numeric").dataType());
    assertEquals(DataTypes.createDecimalType(38, 10), schema.apply("c_numeric38").dataType());
    assertEquals(DataTypes.StringType, schema.apply("c_numeric_free").dataType());
    assertEquals(DataTypes.FloatType, schema.apply("c_real").dataType());
    assertEquals(DataTypes.TimestampNTZType, schema.apply("c_ts").dataType());
    assertEquals(DataTypes.TimestampType, schema.apply("c_tstz").dataType());
    assertEquals(DataTypes.DateType, schema.apply("c_date").dataType());
    assertEquals(DataTypes.BinaryType, schema.apply("c_bytea").dataType());
    assertEquals(DataTypes.createArrayType(DataTypes.IntegerType, true), schema.apply("c_int_array").dataType());
    assertEquals(DataTypes.createArrayType(DataTypes.createDecimalType(10, 2), true),
        schema.apply("c_numeric_array").dataType());
    assertEquals(DataTypes.StringType, schema.apply("c_interval").dataType());
  }

  @Test
  void firstRowValuesAreExact() {
    Row row = rowsById.get(1);
    assertEquals(Instant.parse("2018-11-04T00:00:00Z"), row.getAs("created_at"));
    assertEquals((short) 32767, (short) row.<Short>getAs("c_smallint"));
    assertEquals(Long.MAX_VALUE, (long) row.<Long>getAs("c_bigint"));
    assertEquals(new BigDecimal("99999999999999.999999"), row.getAs("c_numeric"));
    assertEquals(new BigDecimal("1234567890123456789012345678.1234567890"), row.getAs("c_numeric38"));
    assertEquals("1", row.getAs("c_numeric_free"));
    assertEquals(3.25f, (float) row.<Float>getAs("c_real"));
    assertEquals(2.5, (double) row.<Double>getAs("c_double"));
    assertEquals(true, row.getAs("c_bool"));
    assertEquals("plain", row.getAs("c_text"));
    assertEquals("ab   ", row.getAs("c_char"), "char(n) keeps its padding");
    assertEquals(LocalDate.of(2018, 11, 4), row.getAs("c_date"));
    assertEquals(LocalDateTime.parse("2018-11-04T12:34:56.123456"), row.getAs("c_ts"));
    assertEquals(Instant.parse("2018-11-04T03:00:00.000001Z"), row.getAs("c_tstz"));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", row.getAs("c_uuid"));
    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, row.getAs("c_bytea"));
    assertEquals("{\"a\": [1, 2], \"b\": null}", row.getAs("c_json"), "json keeps its text as written");
    assertEquals(Arrays.asList(1, null, 3), list(row, "c_int_array"));
    assertEquals(Arrays.asList("x", "", null), list(row, "c_text_array"));
    assertEquals(Arrays.asList(new BigDecimal("1.10"), new BigDecimal("-2.25")), list(row, "c_numeric_array"));
    assertEquals("1 day 02:03:04", row.getAs("c_interval"));
  }

  @Test
  void secondRowExtremesAndUnicodeAreExact() {
    Row row = rowsById.get(500);
    assertEquals(Instant.parse("2018-11-04T23:59:59.999999Z"), row.getAs("created_at"));
    assertEquals(Long.MIN_VALUE, (long) row.<Long>getAs("c_bigint"));
    assertEquals(new BigDecimal("-12345678901234.123456"), row.getAs("c_numeric"));
    assertEquals(new BigDecimal("-0.0000000001"), row.getAs("c_numeric38"));
    assertEquals(FREE_NUMERIC, row.getAs("c_numeric_free"), "unconstrained numeric is never rounded");
    assertEquals(-1.5e-10f, (float) row.<Float>getAs("c_real"));
    assertEquals(-1.7976931348623157e308, (double) row.<Double>getAs("c_double"));
    assertEquals(UNICODE, row.getAs("c_text"));
    assertEquals("", row.getAs("c_varchar"));
    assertEquals(LocalDate.of(1, 1, 1), row.getAs("c_date"));
    assertEquals(LocalDateTime.parse("1900-01-01T00:00:00"), row.getAs("c_ts"));
    assertEquals(Instant.EPOCH, row.getAs("c_tstz"));
    assertArrayEquals(new byte[0], row.getAs("c_bytea"));
    assertEquals("[]", row.getAs("c_json"));
    assertEquals("\"text\"", row.getAs("c_jsonb"));
    assertEquals(List.of(), list(row, "c_int_array"));
    assertEquals("-3 mons", row.getAs("c_interval"));
  }

  @Test
  void specialFloatsAndFarDatesAreExact() {
    Row below = rowsById.get(-100);
    assertTrue(Float.isNaN(below.<Float>getAs("c_real")));
    assertEquals(Double.POSITIVE_INFINITY, (double) below.<Double>getAs("c_double"));
    assertEquals(LocalDate.of(9999, 12, 31), below.getAs("c_date"));
    assertEquals(LocalDateTime.parse("2262-04-11T23:47:16.854775"), below.getAs("c_ts"));
    assertEquals("null", below.getAs("c_jsonb"));
    assertEquals(Arrays.asList((Object) null), list(below, "c_int_array"));
    Row above = rowsById.get(5000);
    assertEquals(Float.NEGATIVE_INFINITY, (float) above.<Float>getAs("c_real"));
    assertTrue(Double.isNaN(above.<Double>getAs("c_double")));
  }

  @Test
  void jsonbIsPostgresCanonicalText() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT c_jsonb::text FROM all_types WHERE id = 1")) {
      r.next();
      assertEquals(r.getString(1), rowsById.get(1).getAs("c_jsonb"));
    }
  }

  @Test
  void nullsSurviveInEveryColumn() {
    Row row = rowsById.get(null);
    for (int i = 0; i < row.length(); i++) {
      if (!schema.fields()[i].name().equals("created_at")) {
        assertNull(row.get(i), "column " + schema.fields()[i].name());
      }
    }
  }

  @Test
  void databaseRanTheWindowFilterInEveryPartition() throws Exception {
    String log = pg.serverLog();
    String filter = "WHERE \"created_at\" >= '2018-11-04 00:00:00.000000+00'::timestamptz"
        + " AND \"created_at\" < '2018-11-05 00:00:00.000000+00'::timestamptz";
    long copies = log.lines().filter(l -> l.contains("COPY (SELECT") && l.contains("FROM \"all_types\" " + filter))
        .count();
    assertEquals(4, copies, "one COPY with the window filter per partition");
    assertTrue(log.contains("AND (\"id\" < 251 OR \"id\" IS NULL))"), "first partition takes NULLs and values below");
    assertTrue(log.contains("AND (\"id\" >= 751))"), "last partition takes values above");
    assertTrue(!log.contains(TestPostgres.PASSWORD));
    assertTrue(log.contains("SELECT pg_export_snapshot()"));
    assertTrue(log.lines().filter(l -> l.contains("SET TRANSACTION SNAPSHOT")).count() >= 4,
        "every partition reads the driver's exported snapshot");
  }

  private static List<Object> list(Row row, String column) {
    return JavaConverters.seqAsJavaList(row.<scala.collection.Seq<Object>>getAs(column));
  }
}
