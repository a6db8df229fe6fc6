package io.tributary.core.kind.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The seed tool's table config: read typed, or refused whole with every problem's line and field. */
@Tag("fast")
class WarehouseConfigParserTest {
  static final String VALID = """
      pages:
        dest: pages
        columns:
          - dest: day
            type: timestamp
            notnull: true
            sortord: 1
          - dest: id
            type: bigint
            primarykey: true
            distkey: true
          - dest: path
            type: text
            defaultval: "it's"
        meta:
          datadatecolumn: day
          schema: api
      """;

  @Test
  void aValidConfigReadsTyped() {
    WarehouseTable pages = WarehouseConfigParser.parse("c.yml", VALID).get("pages");

    assertEquals(new WarehouseTable("api", "pages", List.of(
        new WarehouseColumn("day", ColumnType.TIMESTAMP, Optional.empty(), true, false, false, 1),
        new WarehouseColumn("id", ColumnType.BIGINT, Optional.empty(), false, true, true, 0),
        new WarehouseColumn("path", ColumnType.TEXT, Optional.of("it's"), false, false, false, 0)), "day"), pages);
  }

  @Test
  void everyProblemIsNamedWithItsLineAndField() {
    String bad = VALID.replace("type: bigint", "type: integer").replace("notnull: true", "notnull: yes")
        .replace("dest: path", "dest: \"drop table x\"")
        + "other:\n  dest: other\n  columns: []\n  meta: {datadatecolumn: d, schema: api}\n  colour: blue\n";

    InvalidWarehouseConfigException e = assertThrows(InvalidWarehouseConfigException.class,
        () -> WarehouseConfigParser.parse("c.yml", bad));

    assertEquals(List.of(
        "c.yml:6: pages.columns[0].notnull: 'yes' is not true or false",
        "c.yml:9: pages.columns[1].type: 'integer' is not a type, expected one of boolean, float, int, bigint, date,"
            + " timestamp, text, longtext",
        "c.yml:12: pages.columns[2].dest: 'drop table x' is not a plain SQL identifier, expected letters, digits and '_'",
        "c.yml:20: other.columns: expected a list of at least one column",
        "c.yml:22: other.colour: unknown key, expected one of [columns, dest, meta]"), e.problems());
  }

  @Test
  void aDefaultMustFitItsTypeAndNotYamlIsNamed() {
    assertEquals(List.of("c.yml:12: pages.columns[1].defaultval: 'abc' is not a bigint value"),
        assertThrows(InvalidWarehouseConfigException.class, () -> WarehouseConfigParser.parse("c.yml",
            VALID.replace("distkey: true", "distkey: true\n      defaultval: abc"))).problems());
    assertEquals(1, assertThrows(InvalidWarehouseConfigException.class,
        () -> WarehouseConfigParser.parse("c.yml", "pages: [unclosed")).problems().size());
    assertEquals(List.of("c.yml:16: pages.meta.datadatecolumn: 'path' is text, expected a date or timestamp column"),
        assertThrows(InvalidWarehouseConfigException.class, () -> WarehouseConfigParser.parse("c.yml",
            VALID.replace("datadatecolumn: day", "datadatecolumn: path"))).problems());
  }

  @Test
  void anEntryIsFoundByItsDestWhateverItsKeyAsTheSeedToolFindsIt() {
    // s3-to-redshift's GetTableFromConf matches config.Name (the yaml "dest") and ignores the map key.
    String keyed = VALID.replace("pages:\n  dest: pages", "testConfKey:\n  dest: pages");
    Map<String, WarehouseTable> tables = WarehouseConfigParser.parse("c.yml", keyed);

    assertEquals("pages", WarehouseConfigParser.entryFor("c.yml", tables, "pages").name());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> WarehouseConfigParser.entryFor("c.yml", tables, "testConfKey"));
    assertTrue(other.getMessage().contains("no entry has dest 'testConfKey'"), other.getMessage());
    assertTrue(other.getMessage().contains("testConfKey -> pages"), other.getMessage());

    String renamed = VALID.replace("pages:\n  dest: pages", "pages:\n  dest: pages_other");
    assertThrows(IllegalArgumentException.class, () -> WarehouseConfigParser.entryFor("c.yml",
        WarehouseConfigParser.parse("c.yml", renamed), "pages"), "the key 'pages' does not name the table");

    String twice = VALID + VALID.replace("pages:\n", "pages_v1:\n");
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> WarehouseConfigParser.entryFor("c.yml", WarehouseConfigParser.parse("c.yml", twice), "pages"));
    assertTrue(both.getMessage().contains("entries pages and pages_v1 both have dest 'pages'"), both.getMessage());
  }
}
