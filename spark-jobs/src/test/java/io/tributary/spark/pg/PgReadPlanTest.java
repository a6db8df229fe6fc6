package io.tributary.spark.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.PartitionSpec;
import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.config.TableName;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PgReadPlanTest {
  static final LoadWindow WINDOW =
      new LoadWindow(WindowTime.parse("2018-11-04 00:00:00"), WindowTime.parse("2018-11-05 00:00:00"));
  static final List<PgColumn> COLUMNS = List.of(
      new PgColumn("id", "bigint", PgType.INT8, false, 0, 0),
      new PgColumn("at", "timestamp without time zone", PgType.TIMESTAMP, false, 0, 0),
      new PgColumn("Odd \"name\"", "interval", null, false, 0, 0),
      new PgColumn("amount", "numeric", PgType.NUMERIC, false, 12, 2));

  static PartitionSpec spec(long lower, long upper, int partitions) {
    return new PartitionSpec(new SqlIdentifier("id"), lower, upper, partitions);
  }

  @Test
  void partitionsCoverEveryValueOnceIncludingNullsAndOutliers() {
    List<String> predicates = PgReadPlan.partitionPredicates("\"id\"", spec(0, 100, 4));

    assertEquals(List.of("\"id\" < 25 OR \"id\" IS NULL", "\"id\" >= 25 AND \"id\" < 50",
        "\"id\" >= 50 AND \"id\" < 75", "\"id\" >= 75"), predicates);
  }

  @Test
  void fewerPartitionsWhenTheRangeIsNarrowerThanTheirCount() {
    assertEquals(List.of(""), PgReadPlan.partitionPredicates("\"id\"", spec(5, 5, 8)));
    assertEquals(3, PgReadPlan.partitionPredicates("\"id\"", spec(0, 3, 8)).size());
  }

  @Test
  void extremeBoundsDoNotOverflow() {
    List<String> predicates = PgReadPlan.partitionPredicates("\"id\"", spec(Long.MIN_VALUE, Long.MAX_VALUE, 4));

    assertEquals(4, predicates.size());
    assertTrue(predicates.get(0).startsWith("\"id\" < -4611686018427387905 "), predicates.get(0));
  }

  @Test
  void statementsFilterTheWindowWithLiteralsOfTheColumnsType() {
    JdbcSource source = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("public.Deposits"),
        new SqlIdentifier("AT"), spec(0, 100, 2));

    PgReadPlan plan = PgReadPlan.of(source, COLUMNS, WINDOW, false);

    assertEquals(List.of(
        "COPY (SELECT \"id\", \"at\", \"Odd \"\"name\"\"\"::text, \"amount\" FROM \"public\".\"deposits\""
            + " WHERE \"at\" >= '2018-11-04 00:00:00.000000'::timestamp AND \"at\" < '2018-11-05 00:00:00.000000'::timestamp"
            + " AND (\"id\" < 50 OR \"id\" IS NULL)) TO STDOUT (FORMAT binary)",
        "COPY (SELECT \"id\", \"at\", \"Odd \"\"name\"\"\"::text, \"amount\" FROM \"public\".\"deposits\""
            + " WHERE \"at\" >= '2018-11-04 00:00:00.000000'::timestamp AND \"at\" < '2018-11-05 00:00:00.000000'::timestamp"
            + " AND (\"id\" >= 50)) TO STDOUT (FORMAT binary)"), plan.statements());
    assertEquals(1, plan.windowColumnIndex());
    assertEquals(PgReadPlan.Split.PARTITION_COLUMN, plan.split());
  }

  @Test
  void anIndexedWindowColumnSplitsTheWindowIntoRangesInsteadOfStrides() {
    JdbcSource source = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("deposits"),
        new SqlIdentifier("at"), spec(0, 100, 4));

    PgReadPlan plan = PgReadPlan.of(source, COLUMNS, WINDOW, true);

    assertEquals(PgReadPlan.Split.WINDOW_RANGES, plan.split());
    String select = "COPY (SELECT \"id\", \"at\", \"Odd \"\"name\"\"\"::text, \"amount\" FROM \"deposits\" WHERE ";
    assertEquals(List.of(
        select + "\"at\" >= '2018-11-04 00:00:00.000000'::timestamp AND \"at\" < '2018-11-04 06:00:00.000000'::timestamp)"
            + " TO STDOUT (FORMAT binary)",
        select + "\"at\" >= '2018-11-04 06:00:00.000000'::timestamp AND \"at\" < '2018-11-04 12:00:00.000000'::timestamp)"
            + " TO STDOUT (FORMAT binary)",
        select + "\"at\" >= '2018-11-04 12:00:00.000000'::timestamp AND \"at\" < '2018-11-04 18:00:00.000000'::timestamp)"
            + " TO STDOUT (FORMAT binary)",
        select + "\"at\" >= '2018-11-04 18:00:00.000000'::timestamp AND \"at\" < '2018-11-05 00:00:00.000000'::timestamp)"
            + " TO STDOUT (FORMAT binary)"), plan.statements());
  }

  @Test
  void windowRangesAreWholeDaysForADateColumnAndNeverMoreThanTheWindowHolds() {
    PgColumn day = new PgColumn("day", "date", PgType.DATE, false, 0, 0);
    LoadWindow threeDays = new LoadWindow(WindowTime.parse("2018-11-01 00:00:00"), WindowTime.parse("2018-11-04 00:00:00"));
    LoadWindow partOfADay = new LoadWindow(WindowTime.parse("2018-11-01 06:00:00"), WindowTime.parse("2018-11-01 12:00:00"));
    LoadWindow threeMicros = new LoadWindow(WindowTime.parse("2018-11-01 00:00:00"),
        WindowTime.parse("2018-11-01 00:00:00").plusNanos(3000));

    assertEquals(List.of("2018-11-01T00:00:00Z", "2018-11-02T00:00:00Z", "2018-11-03T00:00:00Z", "2018-11-04T00:00:00Z"),
        PgReadPlan.windowRanges(day, threeDays, 8).stream().map(Object::toString).toList());
    assertEquals(List.of(), PgReadPlan.windowRanges(day, partOfADay, 8));
    assertEquals(4, PgReadPlan.windowRanges(COLUMNS.get(1), threeMicros, 8).size());
    assertEquals(List.of("2018-11-04T00:00:00Z", "2018-11-04T08:00:00Z", "2018-11-04T16:00:00Z",
        "2018-11-05T00:00:00Z"), PgReadPlan.windowRanges(COLUMNS.get(1), WINDOW, 3).stream().map(Object::toString)
        .toList());
  }

  @Test
  void onePartitionReadsTheWindowInOneStatementEitherWay() {
    JdbcSource source = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("deposits"),
        new SqlIdentifier("at"), spec(0, 100, 1));

    assertEquals(PgReadPlan.of(source, COLUMNS, WINDOW, false).statements(),
        PgReadPlan.of(source, COLUMNS, WINDOW, true).statements());
    assertEquals(1, PgReadPlan.of(source, COLUMNS, WINDOW, true).statements().size());
  }

  @Test
  void windowAndPartitionColumnsMustExistWithUsableTypes() {
    JdbcSource noSuchColumn = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("t"),
        new SqlIdentifier("created"), spec(0, 100, 2));
    JdbcSource numericWindow = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("t"),
        new SqlIdentifier("amount"), spec(0, 100, 2));
    JdbcSource timestampPartition = new JdbcSource(new SqlIdentifier("sales"), TableName.parse("t"),
        new SqlIdentifier("at"), new PartitionSpec(new SqlIdentifier("at"), 0, 10, 2));

    assertEquals("window_db_column 'created' is not a column of the table; it has id, at, Odd \"name\", amount",
        assertThrows(IllegalArgumentException.class, () -> PgReadPlan.of(noSuchColumn, COLUMNS, WINDOW, false)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PgReadPlan.of(numericWindow, COLUMNS, WINDOW, false))
        .getMessage().contains("expected date, timestamp or timestamptz"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PgReadPlan.of(timestampPartition, COLUMNS, WINDOW, false))
        .getMessage().contains("expected smallint, integer or bigint"));
  }
}
