package io.tributary.spark.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.spark.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse load against embedded PostgreSQL, as one sequence: create, append, skip older, replace the
 * same date, force older, truncate newer, truncate older skipped then forced, a new column added, a changed
 * type refused, a bad row refused with its location; whatever is refused leaves the table as it was.
 */
class WarehouseLoadTest {
  static final String CONFIG = """
      pages:
        dest: pages
        columns:
          - dest: day
            type: timestamp
            notnull: true
          - dest: id
            type: bigint
            primarykey: true
          - dest: path
            type: text
          - dest: hits
            type: int
            defaultval: 0
        meta:
          datadatecolumn: day
          schema: api
      """;
  static final String CONFIG_WITH_REFERRER = CONFIG.replace("\n  meta:",
      "\n    - dest: referrer\n      type: longtext\n  meta:");

  @TempDir Path dir;
  WarehouseInputs inputs;
  TestPostgres pg = TestPostgres.get();
  String schema;

  @BeforeEach
  void freshSchema() {
    schema = "api";
    pg.execute("DROP SCHEMA IF EXISTS api CASCADE");
    inputs = new WarehouseInputs(dir);
  }

  List<TableOutcome> load(boolean truncate, boolean force, String date, String config, String... tables)
      throws SQLException {
    return load(InputOptions.DEFAULT, truncate, force, date, config, tables);
  }

  List<TableOutcome> load(InputOptions options, boolean truncate, boolean force, String date, String config,
      String... tables) throws SQLException {
    try (Connection connection = WarehouseCredentials.open(WarehouseCredentials.resolve(pg.secrets(), java.util.Map.of()))) {
      return new WarehouseLoad(connection, new Configuration()).run(new WarehouseLoadRequest(schema,
          tables.length == 0 ? List.of("pages") : List.of(tables), Optional.of(dir.toUri().toString()), Optional.empty(),
          io.tributary.core.kind.warehouse.LakeLayout.RAW, Optional.ofNullable(config), truncate, force, Optional.ofNullable(date).map(Instant::parse), Optional.empty(),
          Granularity.DAY, WarehouseDialect.POSTGRESQL, Optional.empty(), options));
    }
  }

  TableOutcome loadOne(boolean truncate, boolean force, String date) throws SQLException {
    return load(truncate, force, date, null).get(0);
  }

  List<String> rows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = pg.connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM api.pages ORDER BY id")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          row.add(String.valueOf(result.getObject(c)));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  static String json(String day, long id, String path, Integer hits) {
    return "{\"day\":\"" + day + "\",\"id\":" + id + ",\"path\":" + (path == null ? "null" : "\"" + path.replace("\"", "\\\"") + "\"")
        + (hits == null ? "" : ",\"hits\":" + hits) + ",\"ignored\":{\"nested\":true}}";
  }

  @Test
  void theLoadSequenceKeepsEachDataDateOnceAndRefusalsChangeNothing() throws Exception {
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json.gz", List.of(
        json("2015-07-01T08:00:00Z", 1, "/a", 5), json("2015-07-01 09:30:00", 2, "/b \"quoted\", comma", null),
        json("2015-07-01T23:59:59.123456Z", 3, null, 7)), CONFIG);
    TableOutcome created = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.CREATED, created.action(), created.toString());
    assertEquals(3, created.rows());
    assertEquals(List.of("2015-07-01 08:00:00.0|1|/a|5", "2015-07-01 09:30:00.0|2|/b \"quoted\", comma|0",
        "2015-07-01 23:59:59.123456|3|null|7"), rows(), "a missing value takes the default; text kept exactly");

    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", List.of(
        json("2015-07-02T01:00:00Z", 4, "/c", 1), json("2015-07-02T02:00:00Z", 5, "/d", 2)), CONFIG);
    assertEquals(TableOutcome.Action.APPENDED, loadOne(false, false, null).action());
    assertEquals(5, rows().size());

    TableOutcome older = loadOne(false, false, "2015-07-01T00:00:00Z");
    assertEquals(TableOutcome.Action.SKIPPED, older.action());
    assertEquals("skipped: target has 2015-07-02, input is 2015-07-01 (older); --force reloads", older.detail().orElseThrow());
    assertEquals(5, rows().size());

    TableOutcome again = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.REPLACED, again.action());
    assertEquals(5, rows().size(), "re-running a date replaces it, never duplicates");

    TableOutcome forced = loadOne(false, true, "2015-07-01T00:00:00Z");
    assertEquals(TableOutcome.Action.FORCED, forced.action());
    assertEquals(5, rows().size());

    inputs.write("api", "pages", "2015-07-03T00:00:00Z", "csv.gz", List.of("id,day,path,hits",
        "6,2015-07-03T00:00:00Z,\"/e, with comma\",3", "7,2015-07-03T05:00:00Z,,4"), CONFIG);
    TableOutcome truncated = loadOne(true, false, null);
    assertEquals(TableOutcome.Action.TRUNCATED, truncated.action(), truncated.toString());
    assertEquals(List.of("2015-07-03 00:00:00.0|6|/e, with comma|3", "2015-07-03 05:00:00.0|7|null|4"), rows());

    // As the seed tool: an older input with --truncate is skipped (exit 0), not an error; the same date replaces.
    TableOutcome stale = loadOne(true, false, "2015-07-02T00:00:00Z");
    assertEquals(TableOutcome.Action.SKIPPED, stale.action());
    assertTrue(stale.detail().orElseThrow().contains("(older); --force replaces the table with it"), stale.toString());
    assertEquals(2, rows().size());
    assertEquals(TableOutcome.Action.TRUNCATED, loadOne(true, false, "2015-07-03T00:00:00Z").action(),
        "the table's own date again, truncated and reloaded");
    assertEquals(2, rows().size());
    assertEquals(TableOutcome.Action.TRUNCATED, loadOne(true, true, "2015-07-02T00:00:00Z").action());
    assertEquals(List.of("2015-07-02 01:00:00.0|4|/c|1", "2015-07-02 02:00:00.0|5|/d|2"), rows());

    inputs.write("api", "pages", "2015-07-04T00:00:00Z", "json", List.of(
        "{\"day\":\"2015-07-04T00:00:00Z\",\"id\":8,\"path\":\"/f\",\"hits\":1,\"referrer\":\"https://x\"}"),
        CONFIG_WITH_REFERRER);
    TableOutcome evolved = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.APPENDED, evolved.action(), evolved.toString());
    assertEquals(Optional.of("added column(s) [referrer]"), evolved.detail());
    assertEquals(List.of("2015-07-02 01:00:00.0|4|/c|1|null", "2015-07-02 02:00:00.0|5|/d|2|null",
        "2015-07-04 00:00:00.0|8|/f|1|https://x"), rows());

    List<String> before = rows();
    inputs.write("api", "pages", "2015-07-05T00:00:00Z", "json", List.of(json("2015-07-05T00:00:00Z", 9, "/g", 1)),
        CONFIG_WITH_REFERRER.replace("type: int", "type: bigint"));
    TableOutcome retyped = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.FAILED, retyped.action());
    assertEquals("refused, nothing changed: column 'hits' is 'hits integer' in the target but 'hits bigint' in the config",
        retyped.detail().orElseThrow());
    assertEquals(before, rows());

    Path bad = inputs.write("api", "pages", "2015-07-06T00:00:00Z", "json", List.of(
        json("2015-07-06T00:00:00Z", 10, "/h", 1), "", json("2015-07-06T01:00:00Z", 11, "/i", null)
            .replace("\"path\":\"/i\"", "\"path\":\"/i\",\"hits\":\"many\"")), CONFIG_WITH_REFERRER);
    TableOutcome badRow = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.FAILED, badRow.action());
    String detail = badRow.detail().orElseThrow();
    assertTrue(detail.startsWith("nothing changed: file:") && detail.endsWith(bad.getFileName()
        + ":3: column hits: not a int value (value 'many')"), detail);
    assertEquals(before, rows());
  }

  @Test
  void aConstraintViolationFailsTheTableNamingTheInputLineAndChangesNothing() throws Exception {
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json", List.of(json("2015-07-01T00:00:00Z", 1, "/a", 1)),
        CONFIG);
    loadOne(false, false, null);
    List<String> before = rows();
    Path duplicate = inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", List.of(
        json("2015-07-02T00:00:00Z", 2, "/b", 1), json("2015-07-02T00:10:00Z", 2, "/c", 1)), CONFIG);

    TableOutcome outcome = loadOne(false, false, null);

    assertEquals(TableOutcome.Action.FAILED, outcome.action());
    String detail = outcome.detail().orElseThrow();
    assertTrue(detail.contains(duplicate.getFileName() + ":2: ERROR: duplicate key"), detail);
    assertEquals(before, rows());
  }

  @Test
  void parquetInputsLoadAndTablesAreIndependent() throws Exception {
    inputs.writeParquet("api", "pages", "2015-07-01T00:00:00Z", List.<Object[]>of(
        new Object[] {"2015-07-01T10:00:00Z", 1L, "/p", 3}, new Object[] {"2015-07-01T11:00:00.250Z", 2L, null, null}),
        CONFIG);

    List<TableOutcome> outcomes = load(false, false, null, null, "pages", "missing");

    assertEquals(TableOutcome.Action.CREATED, outcomes.get(0).action(), outcomes.toString());
    assertEquals(List.of("2015-07-01 10:00:00.0|1|/p|3", "2015-07-01 11:00:00.25|2|null|0"), rows());
    assertEquals(TableOutcome.Action.FAILED, outcomes.get(1).action());
    assertTrue(outcomes.get(1).detail().orElseThrow().contains("no input of api.missing below"), outcomes.toString());
  }

  @Test
  void aDateThatNoInputHasIsRefusedNamingTheNearest() throws Exception {
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json", List.of(json("2015-07-01T00:00:00Z", 1, "/a", 1)),
        CONFIG);
    inputs.write("api", "pages", "2015-07-03T00:00:00Z", "json", List.of(json("2015-07-03T00:00:00Z", 2, "/a", 1)),
        CONFIG);

    TableOutcome outcome = loadOne(false, false, "2015-07-02T00:00:00Z");

    assertEquals(TableOutcome.Action.FAILED, outcome.action());
    assertTrue(outcome.detail().orElseThrow().contains(
        "stamped 2015-07-02T00:00:00Z; nearest: 2015-07-01T00:00:00Z, 2015-07-03T00:00:00Z"), outcome.toString());
  }

  @Test
  void theLatestInputIsFoundByTheTimestampInItsNameNotItsModificationTime() throws Exception {
    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", List.of(json("2015-07-02T00:00:00Z", 2, "/new", 1)),
        CONFIG);
    Path older = inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json",
        List.of(json("2015-07-01T00:00:00Z", 1, "/old", 1)), CONFIG);
    older.toFile().setLastModified(System.currentTimeMillis() + 60_000);

    assertEquals("api_pages_2015-07-02T00:00:00Z.json", loadOne(false, false, null).input());
  }

  @Test
  void aTimestampInSeveralFormsLoadsTheOneTheSeedToolPrefersAndAManifestLoadsItsParts() throws Exception {
    // s3-to-redshift takes, per timestamp: manifest, then json.gz, then json, then gzipped CSV.
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json", List.of(json("2015-07-01T00:00:00Z", 1, "/json", 1)),
        CONFIG);
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json.gz",
        List.of(json("2015-07-01T00:00:00Z", 2, "/json.gz", 1)), CONFIG);
    TableOutcome first = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.CREATED, first.action(), first.toString());
    assertEquals(List.of("2015-07-01 00:00:00.0|2|/json.gz|1"), rows(), "the .json.gz, not the .json beside it");

    Path parts = Files.createDirectories(dir.resolve("unload"));
    Path part0 = parts.resolve("pages_0000_part_00.json.gz");
    Path part1 = parts.resolve("pages_0001_part_00.json.gz");
    for (Path part : List.of(part0, part1)) {
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(part))) {
        long id = part == part0 ? 3 : 4;
        out.write((json("2015-07-02T00:00:00Z", id, "/part" + id, 1) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path day = inputs.dayDirectory("api", "pages", Instant.parse("2015-07-02T00:00:00Z"));
    Files.writeString(day.resolve("api_pages_2015-07-02T00:00:00Z.manifest"), "{\"entries\": ["
        + "{\"url\": \"" + part0.toUri() + "\", \"mandatory\": true},"
        + "{\"url\": \"" + part1.toUri() + "\", \"mandatory\": true},"
        + "{\"url\": \"" + parts.resolve("gone.json.gz").toUri() + "\", \"mandatory\": false}]}");
    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", List.of(json("2015-07-02T00:00:00Z", 9, "/no", 1)),
        CONFIG);
    TableOutcome manifest = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.APPENDED, manifest.action(), manifest.toString());
    assertEquals(2, manifest.rows(), "both parts, the missing optional one left out");
    assertEquals(List.of("2015-07-01 00:00:00.0|2|/json.gz|1", "2015-07-02 00:00:00.0|3|/part3|1",
        "2015-07-02 00:00:00.0|4|/part4|1"), rows());

    Files.delete(part1);
    TableOutcome missing = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.FAILED, missing.action());
    assertTrue(missing.detail().orElseThrow().contains("mandatory part " + part1.toUri() + " does not exist"),
        missing.toString());
    assertEquals(3, rows().size(), "nothing changed");
  }

  @Test
  void theSeedToolsHeaderlessCsvIsReadByColumnOrderWithItsDelimiterAndCopyOptions() throws Exception {
    InputOptions pipe = new InputOptions(Optional.of('|'), false, java.time.ZoneOffset.UTC);
    // As s3-to-redshift's COPY reads it: no header; REMOVEQUOTES keeps a quoted delimiter, ESCAPE a backslashed
    // one, TRIMBLANKS drops trailing blanks, EMPTYASNULL makes an empty field null (and so the default, 0).
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "gz", List.of(
        "2015-07-01T01:00:00Z|1|\"/a|b\"|5",
        "2015-07-01T02:00:00Z|2|/c\\|d   |",
        "2015-07-01T03:00:00Z|3||7"), CONFIG);

    TableOutcome missing = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.FAILED, missing.action());
    assertTrue(missing.detail().orElseThrow().contains("needs --delimiter"), missing.toString());

    TableOutcome loaded = load(pipe, false, false, null, null).get(0);
    assertEquals(TableOutcome.Action.CREATED, loaded.action(), loaded.toString());
    assertEquals(List.of("2015-07-01 01:00:00.0|1|/a|b|5", "2015-07-01 02:00:00.0|2|/c|d|0",
        "2015-07-01 03:00:00.0|3|null|7"), rows());

    // The plain (no extension) form, named as the seed tool's format string leaves it, with a trailing '.'.
    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "", List.of("2015-07-02T01:00:00Z|4|/e|1|extra"), CONFIG);
    TableOutcome extra = load(pipe, false, false, null, null).get(0);
    assertEquals(TableOutcome.Action.FAILED, extra.action());
    assertTrue(extra.detail().orElseThrow().contains("Z.:1: column -: found 5 fields, expected 4"), extra.toString());
  }

  @Test
  void overLongTextIsRefusedUnlessTruncationIsAskedForAndDataDatesMayBeStoredInALocalZone() throws Exception {
    String longPath = "/" + "x".repeat(300);
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json", List.of(json("2015-07-01T00:00:00Z", 1, longPath, 1)),
        CONFIG);
    TableOutcome refused = loadOne(false, false, null);
    assertEquals(TableOutcome.Action.FAILED, refused.action());
    assertTrue(refused.detail().orElseThrow().contains("longer than 256 characters"), refused.toString());
    TableOutcome cut = load(new InputOptions(Optional.empty(), true, java.time.ZoneOffset.UTC), false, false, null,
        null).get(0);
    assertEquals(TableOutcome.Action.CREATED, cut.action(), cut.toString());
    assertEquals(256, rows().get(0).split("\\|")[2].length(), "cut to the column, as TRUNCATECOLUMNS does");

    // --timezone America/Los_Angeles: the target holds Pacific wall times. The input stamped 2015-07-02T00:00Z
    // is 2015-07-01 17:00 there: its day window in the target is [2015-07-01, 2015-07-02), as the seed tool's
    // startEndFromGranularity shifts it, so it replaces that day's rows.
    InputOptions pacific = new InputOptions(Optional.empty(), false, java.time.ZoneId.of("America/Los_Angeles"));
    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", List.of(json("2015-07-01T17:00:00", 2, "/pt", 1)),
        CONFIG);
    TableOutcome local = load(pacific, false, false, "2015-07-02T00:00:00Z", null).get(0);
    assertEquals(TableOutcome.Action.APPENDED, local.action(), local.toString());
    assertEquals(List.of("2015-07-01 17:00:00.0|2|/pt|1"), rows(), "the day's earlier rows replaced");
  }
}
