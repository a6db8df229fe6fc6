package io.tributary.spark.ingest;

import io.tributary.core.kind.jdbc.ParquetCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** numeric(p, s) of every shape decodes exactly: small (long) and large (BigDecimal) paths alike. */
class DecimalIngestionTest {
  static final List<String> COLUMNS = List.of(
      "n18_0 numeric(18,0)", "n18_4 numeric(18,4)", "n18_18 numeric(18,18)", "n12_2 numeric(12,2)",
      "n7_5 numeric(7,5)", "n4_1 numeric(4,1)", "n1_0 numeric(1,0)", "n19_3 numeric(19,3)", "n30_12 numeric(30,12)");

  @Test
  void everyDecimalMatchesWhatPostgresHolds(@TempDir Path lake) throws Exception {
    TestPostgres pg = TestPostgres.get();
    // Pseudo-random values scaled to each column's range, with signs, zeros and tiny fractions.
    StringBuilder values = new StringBuilder();
    for (String column : COLUMNS) {
      String type = column.substring(column.indexOf(' ') + 1);
      int precision = Integer.parseInt(type.replaceAll("numeric\\((\\d+),(\\d+)\\)", "$1"));
      int scale = Integer.parseInt(type.replaceAll("numeric\\((\\d+),(\\d+)\\)", "$2"));
      values.append(", trunc(((random()::numeric * 2 - 1) * (10::numeric ^ ").append(precision - scale)
          .append(")) * (CASE WHEN g % 5 = 0 THEN 0 WHEN g % 7 = 0 THEN 0.0001 ELSE 1 END), ")
          .append(scale).append(")::").append(type);
    }
    pg.execute("DROP TABLE IF EXISTS decimals; CREATE TABLE decimals (id int, at timestamptz, "
        + String.join(", ", COLUMNS) + ");"
        + "INSERT INTO decimals SELECT g, '2018-11-04 00:00:00+00'" + values
        + " FROM generate_series(1, 5000) g;"
        + "INSERT INTO decimals (id, at, n18_0, n18_18, n12_2, n1_0) VALUES (-1, '2018-11-04 01:00:00+00',"
        + " 999999999999999999, 0.999999999999999999, -9999999999.99, -9);");
    JobConfig job = AllTypesIngestionTest.job(lake, "decimals", "at", "id", 0, 5000, 3);

    RunRecord record = new JdbcIngestion(TestSpark.get(), pg.secrets(), ParquetCodec.SNAPPY)
        .ingest(job, job.window(), "run-decimals");

    Map<Integer, Row> written = new HashMap<>();
    TestSpark.get().read().parquet(record.outputPath()).collectAsList().forEach(r -> written.put(r.getInt(0), r));
    int compared = 0;
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet source = s.executeQuery("SELECT * FROM decimals")) {
      while (source.next()) {
        Row row = written.get(source.getInt(1));
        for (int i = 3; i <= COLUMNS.size() + 2; i++) {
          BigDecimal expected = source.getBigDecimal(i);
          assertEquals(expected, row.get(i - 1), "id " + source.getInt(1) + " column " + COLUMNS.get(i - 3));
          compared++;
        }
      }
    }
    assertEquals(5001 * COLUMNS.size(), compared);
  }
}
