package io.tributary.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class JdbcOptionsTest {
  @Test
  void optionsParseAndWriteBackOnlyWhatDiffersFromTheDefaults() {
    List<String> problems = new ArrayList<>();
    JdbcOptions options = JdbcOptions.parse("output_format=delta;settle_seconds=5;recheck_windows=0;"
        + "recheck_checksum=true;glue_database=lake", problems);
    assertEquals(List.of(), problems);
    assertEquals(Optional.of("lake"), options.glueDatabase());
    assertEquals(JdbcOutputFormat.DELTA, options.outputFormat());
    assertEquals(Duration.ofSeconds(5), options.settle());
    assertEquals(0, options.recheckWindows());
    assertEquals("output_format=delta;settle_seconds=5;recheck_windows=0;recheck_checksum=true;glue_database=lake",
        options.optionsCell());
    assertEquals(options, JdbcOptions.parse(options.optionsCell(), problems));
    assertEquals("-", JdbcOptions.DEFAULTS.optionsCell());
  }

  @Test
  void badValuesAreNamed() {
    List<String> problems = new ArrayList<>();
    assertNull(JdbcOptions.parse("settle_seconds=-1;recheck_windows=500;recheck_checksum=yes;glue_database=My-Lake",
        problems));
    assertTrue(problems.contains("glue_database: 'My-Lake' is not a Glue database name, expected lower-case letters,"
        + " digits and '_'"), problems.toString());
    assertTrue(problems.contains("settle_seconds: '-1' is not a whole number from 0 to 86400"), problems.toString());
    assertTrue(problems.contains("recheck_windows: '500' is not a whole number from 0 to 100"), problems.toString());
    assertTrue(problems.contains("recheck_checksum: 'yes' is not true or false"), problems.toString());
  }

  @Test
  void theCurrentStateOptionsParseWithTheirDefaultsAndWriteBack() {
    List<String> problems = new ArrayList<>();
    JdbcOptions plain = JdbcOptions.parse("current_state=true", problems);
    assertEquals(Optional.of(new CurrentStateOptions(List.of(), Optional.empty(), CurrentStateOptions.Deletes.OFF, 1)),
        plain.currentState());
    JdbcOptions options = JdbcOptions.parse("current_state=true;primary_key=region,id;order_by=updated_at;"
        + "deletes=soft;delete_check_runs=4", problems);
    assertEquals(List.of(), problems);
    CurrentStateOptions state = options.currentState().orElseThrow();
    assertEquals(List.of("region", "id"), state.primaryKey());
    assertEquals(Optional.of("updated_at"), state.orderBy());
    assertEquals(CurrentStateOptions.Deletes.SOFT, state.deletes());
    assertEquals(4, state.deleteCheckRuns());
    assertEquals("current_state=true;primary_key=region,id;order_by=updated_at;deletes=soft;delete_check_runs=4",
        options.optionsCell());
    assertEquals(options, JdbcOptions.parse(options.optionsCell(), problems));
    assertEquals(Optional.empty(), JdbcOptions.DEFAULTS.currentState());
  }

  @Test
  void badCurrentStateOptionsAreNamed() {
    List<String> problems = new ArrayList<>();
    assertNull(JdbcOptions.parse("primary_key=id;deletes=soft", problems));
    assertEquals(List.of("primary_key: only with current_state=true", "deletes: only with current_state=true"),
        problems);
    problems.clear();
    assertNull(JdbcOptions.parse("current_state=true;primary_key=id,ID,a-b;order_by=1x;deletes=all;"
        + "delete_check_runs=0", problems));
    assertEquals(List.of("primary_key: 'ID' is named twice", "primary_key: 'a-b' is not a column name",
        "order_by: '1x' is not a column name", "deletes: 'all' is not off, soft or hard",
        "delete_check_runs: '0' is not a whole number from 1 to 1000"), problems);
    problems.clear();
    assertNull(JdbcOptions.parse("current_state=yes", problems));
    assertEquals(List.of("current_state: 'yes' is not true or false"), problems);
  }
}
