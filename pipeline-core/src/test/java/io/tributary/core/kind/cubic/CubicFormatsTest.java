package io.tributary.core.kind.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.CubicSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Keys, dfm files and a cubic-ingest job's options, read as the public formats write them. */
@Tag("fast")
class CubicFormatsTest {

  @Test
  void keysNameTheirTableFeedAndSiblings() {
    IncomingKey change = IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE__ct/20220304-134556444.csv.gz").orElseThrow();
    assertEquals("cubic__ods_qlik__edw_sample", change.tableName());
    assertTrue(change.changeTable());
    assertEquals("cubic/ods_qlik/EDW.SAMPLE__ct/20220304-134556444.dfm", change.dfmKey());
    assertTrue(IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz").orElseThrow().startsSnapshot());
    assertEquals(false, IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD00000002.csv.gz").orElseThrow().startsSnapshot());
    assertEquals("cubic__dmap__agg_sample", IncomingKey.parse("cubic/dmap/agg_sample/20220304.csv").orElseThrow().tableName());
    assertEquals(Optional.empty(), IncomingKey.parse("cubic/other/x/y.csv"));
    assertEquals(Optional.empty(), IncomingKey.parse("cubic/dmap/y.csv"));
  }

  @Test
  void aQlikDfmTypesItsColumnsInOrderWithTheirKey() {
    Dfm dfm = DfmParser.parse("x.dfm", """
        {"fileInfo": {"recordCount": 2}, "formatInfo": {"options": {"fieldDelimiter": ",", "nullValue": "",
         "quoteChar": "\\""}}, "dataInfo": {"columns": [
          {"ordinal": 2, "name": "header__change_oper", "type": "STRING", "primaryKeyPos": 0},
          {"ordinal": 1, "name": "header__change_seq", "type": "STRING", "primaryKeyPos": 0},
          {"ordinal": 4, "name": "LINE", "type": "INT2", "primaryKeyPos": 2},
          {"ordinal": 3, "name": "SAMPLE_ID", "type": "INT4", "primaryKeyPos": 1},
          {"ordinal": 5, "name": "AMOUNT", "type": "NUMERIC", "precision": 12, "scale": 3, "primaryKeyPos": 0},
          {"ordinal": 6, "name": "WIDE", "type": "NUMERIC", "precision": 60, "scale": 0, "primaryKeyPos": 0}]}}
        """);
    assertEquals(List.of("header__change_seq", "header__change_oper", "SAMPLE_ID", "LINE", "AMOUNT", "WIDE"),
        dfm.columns().stream().map(DfmColumn::name).toList());
    assertEquals(List.of("sample_id", "line"), dfm.primaryKey().stream().map(DfmColumn::lakeName).toList());
    assertEquals(List.of("string", "string", "int", "smallint", "decimal(12,3)", "string"),
        dfm.columns().stream().map(DfmColumn::sqlType).toList());
    assertTrue(dfm.isChangeFile());
    assertEquals(Optional.of(2L), dfm.recordCount());
    assertEquals(4, dfm.tableColumns().size());
  }

  @Test
  void aDfmThatCannotTypeItsFileIsRefusedNamingTheField() {
    var unknownType = assertThrows(DfmParser.InvalidDfmException.class, () -> DfmParser.parse("t.dfm",
        "{\"dataInfo\": {\"columns\": [{\"ordinal\": 1, \"name\": \"A\", \"type\": \"GEOMETRY\"}]}}"));
    assertTrue(unknownType.getMessage().startsWith("t.dfm: dataInfo.columns[0].type: 'GEOMETRY' (column A)"),
        unknownType.getMessage());
    var notJson = assertThrows(DfmParser.InvalidDfmException.class, () -> DfmParser.parse("t.dfm", "{\"dataInfo\": "));
    assertTrue(notJson.getMessage().startsWith("t.dfm: not JSON (line 1"), notJson.getMessage());
  }

  @Test
  void aJobsOptionsNameFourSeparateRootsAndItsTables() {
    List<String> problems = new ArrayList<>();
    CubicSource source = CubicSource.parse("incoming=s3://in;springboard=s3://lake/springboard;archive=s3://arc;"
        + "error=s3://err;tables=cubic__ods_qlik__edw_sample,cubic__dmap__agg_sample", problems);
    assertEquals(List.of(), problems);
    assertTrue(source.tables().includes("cubic__dmap__agg_sample"));
    assertEquals(0.1, source.rewriteShare(), "a batch of 10% of a table's rows rewrites it by default");
    assertEquals(source, CubicSource.parse(source.options(), new ArrayList<>()), "options round-trip");
    CubicSource.parse("incoming=s3://lake;springboard=s3://lake/springboard;archive=s3://arc;tables=EDW.SAMPLE;"
        + "rewrite_percent=-5", problems);
    assertEquals(List.of("error: missing, expected error=URI (s3://bucket/prefix or file:/path)",
        "springboard: 's3a://lake/springboard' overlaps incoming 's3a://lake', expected separate roots",
        "tables: 'EDW.SAMPLE' is not a Cubic table name, expected e.g. cubic__ods_qlik__edw_sample,"
            + " cubic__dmap__agg_sample, cubic__kafka__sample",
        "rewrite_percent: '-5' is not a whole number of percent of at least 0 (0: always rewrite; 100: merge unless"
            + " the changes reach the table's size)"), problems);
  }

  @Test
  void declaredSchemasOfDmapAndKafkaTablesAreReadAndRefusedNamingTheColumn() {
    List<String> problems = new ArrayList<>();
    CubicSource source = CubicSource.parse("incoming=s3://in;springboard=s3://sb;archive=s3://arc;error=s3://err;"
        + "tables=*;schema.cubic__dmap__agg=day:date,taps:int,fare:decimal_6_2", problems);
    assertEquals(List.of(), problems);
    assertEquals(List.of("date", "int", "decimal(6,2)"), source.schemas().get("cubic__dmap__agg").columns().stream()
        .map(DeclaredSchema.Column::sqlType).toList());
    assertEquals(source, CubicSource.parse(source.options(), new ArrayList<>()), "options round-trip");
    CubicSource.parse("incoming=s3://in;springboard=s3://sb;archive=s3://arc;error=s3://err;tables=*;"
        + "schema.cubic__dmap__agg=day:datetime;schema.cubic__ods_qlik__x=a:int", problems);
    assertEquals(List.of("schema.cubic__dmap__agg: type 'datetime' is not one of str, int, bigint, float, bool, date,"
        + " timestamp, decimal_P_S", "schema.cubic__ods_qlik__x: expected schema.<a dmap or kafka table>=name:type,..."),
        problems);
  }

  @Test
  void aTablesSnapshotFileIsConfigurableByGlobAndTheDefaultTakesLoad1() {
    List<String> problems = new ArrayList<>();
    CubicSource source = CubicSource.parse("incoming=s3://in;springboard=s3://sb;archive=s3://arc;error=s3://err;"
        + "tables=*;snapshot.cubic__ods_qlik__edw_other=FULL_LOAD*.csv.gz", problems);
    assertEquals(List.of(), problems);
    assertEquals(source, CubicSource.parse(source.options(), new ArrayList<>()), "options round-trip");
    SnapshotFiles files = source.snapshotFiles();
    IncomingKey load1 = IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD1.csv.gz").orElseThrow();
    assertTrue(files.startsSnapshot(load1), "MBTA's EDW.SAMPLE snapshot key, LOAD1.csv.gz, by default");
    assertTrue(files.startsSnapshot(IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz").orElseThrow()));
    assertFalse(files.startsSnapshot(IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD2.csv.gz").orElseThrow()));
    assertFalse(files.startsSnapshot(IncomingKey.parse("cubic/ods_qlik/EDW.OTHER/LOAD1.csv.gz").orElseThrow()),
        "the table's own glob replaces the default");
    assertTrue(files.startsSnapshot(IncomingKey.parse("cubic/ods_qlik/EDW.OTHER/LOADFULL_LOAD_2.csv.gz").orElseThrow())
        == false, "a LOAD file not matching the glob");
    assertFalse(files.startsSnapshot(IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE__ct/LOAD1.csv.gz").orElseThrow()),
        "a change table's files never start one");
    CubicSource.parse("incoming=s3://in;springboard=s3://sb;archive=s3://arc;error=s3://err;tables=*;"
        + "snapshot.cubic__dmap__agg=LOAD1.csv;snapshot.cubic__ods_qlik__x=a/b", problems);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("snapshot.cubic__dmap__agg: expected snapshot.<an ods_qlik table>="),
        problems.toString());
  }

  @Test
  void theLifecycleAllowsOnlyItsSteps() {
    assertTrue(LoadStatus.READY.canMoveTo(LoadStatus.INGESTING));
    assertEquals(false, LoadStatus.READY.canMoveTo(LoadStatus.ARCHIVED));
    assertEquals(false, LoadStatus.ERRORED.canMoveTo(LoadStatus.READY));
    assertEquals(LoadStatus.READY_FOR_ARCHIVING, LoadStatus.fromLabel("ready_for_archiving"));
  }
}
