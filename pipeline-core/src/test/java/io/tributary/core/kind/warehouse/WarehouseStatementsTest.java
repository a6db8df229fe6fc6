package io.tributary.core.kind.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The SQL of both dialects, statement by statement; Redshift's is what would run there (none runs here). */
@Tag("fast")
class WarehouseStatementsTest {
  static final Optional<Character> NONE = Optional.empty();
  static final WarehouseTable PAGES = WarehouseConfigParser.parse("c.yml", WarehouseConfigParserTest.VALID).get("pages");

  @Test
  void redshiftStatements() {
    WarehouseDialect redshift = WarehouseDialect.REDSHIFT;
    assertEquals("CREATE TABLE \"api\".\"pages\" (\"day\" timestamp without time zone NOT NULL, \"id\" bigint,"
        + " \"path\" character varying(256) DEFAULT 'it''s', PRIMARY KEY (\"id\")) DISTKEY(\"id\")"
        + " COMPOUND SORTKEY(\"day\")", redshift.createTable(PAGES));
    assertEquals("ALTER TABLE \"api\".\"pages\" ADD COLUMN \"referrer\" character varying(65535)",
        redshift.addColumn(PAGES, new WarehouseColumn("referrer", ColumnType.LONGTEXT, Optional.empty(), false, false,
            false, 0)));
    assertEquals("DELETE FROM \"api\".\"pages\" WHERE \"day\" >= '2015-07-01 00:00:00' AND \"day\" < '2015-07-02 00:00:00'",
        redshift.deleteWindow(PAGES, Instant.parse("2015-07-01T00:00:00Z"), Instant.parse("2015-07-02T00:00:00Z")));
    assertEquals("DELETE FROM \"api\".\"pages\"", redshift.truncate(PAGES), "TRUNCATE would commit the transaction");
    assertEquals("SELECT max(\"day\") FROM \"api\".\"pages\"", redshift.latestDataDate(PAGES));
    String role = "arn:aws:iam::123456789012:role/tributary-copy";
    assertEquals("COPY \"api\".\"pages\" (\"day\", \"id\", \"path\") FROM 's3://lake/api/pages/x.json.gz' IAM_ROLE '"
        + role + "' FORMAT AS JSON 'auto' GZIP TIMEFORMAT 'auto' DATEFORMAT 'auto'",
        redshift.copyFromS3(PAGES, "s3://lake/api/pages/x.json.gz", InputFormat.JSON_GZ, role, NONE, false));
    assertEquals("COPY \"api\".\"pages\" (\"day\", \"id\", \"path\") FROM 's3://lake/x.parquet' IAM_ROLE '" + role
        + "' FORMAT AS PARQUET", redshift.copyFromS3(PAGES, "s3://lake/x.parquet", InputFormat.PARQUET, role, NONE, false));
    assertEquals("COPY \"api\".\"pages\" (\"day\", \"id\", \"path\") FROM 's3://lake/x.csv.gz' IAM_ROLE '" + role
        + "' FORMAT AS CSV IGNOREHEADER 1 GZIP TIMEFORMAT 'auto' DATEFORMAT 'auto'",
        redshift.copyFromS3(PAGES, "s3://lake/x.csv.gz", InputFormat.CSV_GZ, role, NONE, false));
    // The seed tool's own COPY of its headerless CSV.
    assertEquals("COPY \"api\".\"pages\" (\"day\", \"id\", \"path\") FROM 's3://lake/x.gz' IAM_ROLE '" + role
        + "' DELIMITER AS '|' REMOVEQUOTES ESCAPE TRIMBLANKS EMPTYASNULL ACCEPTANYDATE GZIP TIMEFORMAT 'auto'"
        + " TRUNCATECOLUMNS", redshift.copyFromS3(PAGES, "s3://lake/x.gz", InputFormat.HEADERLESS_GZ, role,
        Optional.of('|'), true));
    assertThrows(IllegalArgumentException.class, () -> redshift.copyFromS3(PAGES, "s3://lake/x", InputFormat.HEADERLESS,
        role, NONE, false));
    assertEquals(Optional.of(InputFormat.CSV_GZ), InputFormat.of("a_b_2015-07-01T00:00:00Z.csv.gz"), "the longest");
    assertEquals(Optional.of(InputFormat.HEADERLESS_GZ), InputFormat.of("a_b_2015-07-01T00:00:00Z.gz"));
    assertEquals(InputFormat.HEADERLESS, InputName.parse("a", "b", "a_b_2015-07-01T00:00:00Z").orElseThrow().format());
    assertEquals(InputFormat.HEADERLESS, InputName.parse("a", "b", "a_b_2015-07-01T00:00:00Z.").orElseThrow().format());
    assertEquals(Optional.empty(), InputName.parse("a", "b", "a_b_2015-07-01T00:00:00Z.txt"));
  }

  @Test
  void postgresStatements() {
    WarehouseDialect postgres = WarehouseDialect.POSTGRESQL;
    assertEquals("CREATE TABLE \"api\".\"pages\" (\"day\" timestamp without time zone NOT NULL, \"id\" bigint,"
        + " \"path\" character varying(256) DEFAULT 'it''s', PRIMARY KEY (\"id\"))", postgres.createTable(PAGES));
    assertEquals("TRUNCATE \"api\".\"pages\"", postgres.truncate(PAGES));
    assertEquals("COPY \"api\".\"pages\" (\"day\", \"id\", \"path\") FROM STDIN WITH (FORMAT csv)",
        postgres.copyFromStdin(PAGES));
  }

  @Test
  void onlyTrailingColumnsMayBeAddedAndEveryOtherDifferenceIsNamed() {
    WarehouseDialect pg = WarehouseDialect.POSTGRESQL;
    List<TargetColumn> target = List.of(new TargetColumn("day", "timestamp without time zone", true, false),
        new TargetColumn("id", "bigint", true, true));
    assertEquals(List.of("path"), SchemaChange.between(PAGES, target, pg).addColumns().stream()
        .map(WarehouseColumn::name).toList());
    assertEquals(true, SchemaChange.between(PAGES, List.of(), pg).create());
    assertEquals(Optional.of("column 2 is 'path character varying(256)' in the target but 'id bigint NOT NULL PRIMARY"
        + " KEY' in the config: renaming or reordering columns is not supported"), SchemaChange.between(PAGES,
        List.of(target.get(0), new TargetColumn("path", "character varying(256)", false, false)), pg).refusal());
    assertEquals(Optional.of("column 'day' is 'day timestamp without time zone' in the target but 'day timestamp"
        + " without time zone NOT NULL' in the config"), SchemaChange.between(PAGES,
        List.of(new TargetColumn("day", "timestamp without time zone", false, false)), pg).refusal());
    List<TargetColumn> wider = new java.util.ArrayList<>(target);
    wider.add(new TargetColumn("path", "character varying(256)", false, false));
    wider.add(new TargetColumn("gone", "integer", false, false));
    assertEquals(Optional.of("column 'gone' is in the target (gone integer) but not in the config: dropping columns"
        + " is not supported"), SchemaChange.between(PAGES, wider, pg).refusal());
  }

  @Test
  void aTableOfAnyColumnOrderIsComparedByNameAsTheSeedToolDoesForMongoRaw() {
    WarehouseDialect pg = WarehouseDialect.POSTGRESQL;
    WarehouseTable anyOrder = new WarehouseTable("mongo_raw", "pages", PAGES.columns(), "day", true);
    // The target has the config's columns in another order, and one the config does not name.
    List<TargetColumn> target = List.of(new TargetColumn("id", "bigint", true, true),
        new TargetColumn("extra", "integer", false, false),
        new TargetColumn("day", "timestamp without time zone", true, false));

    SchemaChange change = SchemaChange.between(anyOrder, target, pg);

    assertEquals(Optional.empty(), change.refusal());
    assertEquals(List.of("path"), change.addColumns().stream().map(WarehouseColumn::name).toList());
    assertTrue(SchemaChange.between(PAGES, target, pg).refusal().isPresent(), "in order, the same target is refused");
    assertEquals(Optional.of("column 'day' is 'day timestamp without time zone' in the target but 'day timestamp"
        + " without time zone NOT NULL' in the config"), SchemaChange.between(anyOrder,
        List.of(new TargetColumn("day", "timestamp without time zone", false, false)), pg).refusal());

    String config = "t:\n  dest: t\n  columns:\n    - {dest: day, type: timestamp}\n  meta: {datadatecolumn: day, schema: %s%s}\n";
    assertTrue(WarehouseConfigParser.parse("c", String.format(config, "mongo_raw", "")).get("t").columnsInAnyOrder(),
        "mongo_raw, as in the seed tool");
    assertFalse(WarehouseConfigParser.parse("c", String.format(config, "api", "")).get("t").columnsInAnyOrder());
    assertTrue(WarehouseConfigParser.parse("c", String.format(config, "api", ", columnorder: any")).get("t")
        .columnsInAnyOrder());
    assertFalse(WarehouseConfigParser.parse("c", String.format(config, "mongo_raw", ", columnorder: ordered")).get("t")
        .columnsInAnyOrder());
    InvalidWarehouseConfigException bad = assertThrows(InvalidWarehouseConfigException.class,
        () -> WarehouseConfigParser.parse("c", String.format(config, "api", ", columnorder: sorted")));
    assertTrue(bad.getMessage().contains("t.meta.columnorder: 'sorted' is not 'any' or 'ordered'"), bad.getMessage());
  }
}
