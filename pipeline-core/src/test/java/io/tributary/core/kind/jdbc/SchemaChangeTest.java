package io.tributary.core.kind.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.SourceColumn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SchemaChangeTest {
  private static List<SourceColumn> columns(String... pairs) {
    return Arrays.stream(pairs).map(p -> p.split(":")).map(p -> new SourceColumn(p[0], p[1])).toList();
  }

  @Test
  void addedColumnsAndSafeWideningsEvolve() {
    SchemaChange change = SchemaChange.between(
        columns("id:integer", "amount:numeric(12,2)", "name:character varying(20)", "x:real", "s:smallint"),
        columns("id:bigint", "amount:numeric(14,2)", "name:character varying(40)", "x:double precision",
            "s:integer", "note:text"));
    assertEquals(List.of(new SourceColumn("note", "text")), change.added());
    assertEquals(5, change.widened().size(), change.summary());
    assertTrue(change.refusal().isEmpty());
    assertTrue(SchemaChange.between(columns("name:character varying(20)"), columns("name:text")).refused().isEmpty());
  }

  @Test
  void retypedNarrowedAndDroppedColumnsAreRefusedNamingBothTypes() {
    SchemaChange change = SchemaChange.between(
        columns("id:bigint", "amount:numeric(12,2)", "name:character varying(40)", "gone:text", "p:numeric(12,2)"),
        columns("id:integer", "amount:text", "name:character varying(20)", "p:numeric(12,4)"));
    assertEquals(List.of("id: bigint -> integer", "amount: numeric(12,2) -> text",
        "name: character varying(40) -> character varying(20)", "gone: text -> (dropped)",
        "p: numeric(12,2) -> numeric(12,4)"), change.refused());
    assertTrue(change.refusal().orElseThrow().contains("amount: numeric(12,2) -> text"));
  }

  @Test
  void nothingRecordedIsNoChange() {
    assertTrue(SchemaChange.between(List.of(), columns("id:bigint")).none());
    assertEquals("unchanged", SchemaChange.between(columns("id:bigint"), columns("id:bigint")).summary());
  }
}
