package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.SourceColumn;
import io.tributary.core.history.SourceSnapshot;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The run table's schema note compares a run with its own job's run of the window before, whatever order the runs
 * are listed in and whatever other jobs sit between them.
 */
class RunTableTest {
  private static final Instant DAY1 = Instant.parse("2018-11-01T00:00:00Z");
  private static final List<SourceColumn> DEPOSITS = List.of(new SourceColumn("account_no", "bigint"),
      new SourceColumn("amount", "numeric(14,2)"));
  private static final List<SourceColumn> INVESTMENTS = List.of(new SourceColumn("ticker", "character varying(8)"),
      new SourceColumn("shares", "integer"));

  @Test
  void aJobsWindowIsComparedWithItsOwnWindowBeforeNotTheNextJobsRow() {
    // As the demo lists them: by job, each job's windows oldest first.
    List<JobRun> runs = List.of(run("deposit", 0, DEPOSITS), run("deposit", 1, DEPOSITS),
        run("investment", 0, INVESTMENTS), run("investment", 1, INVESTMENTS));

    String table = RunTable.render(runs);

    assertFalse(table.contains("schema:"), "no job's schema changed:\n" + table);
  }

  @Test
  void aColumnTheSourceAddedIsNotedOnTheLaterWindowInEitherOrder() {
    List<SourceColumn> widened = List.of(DEPOSITS.get(0), DEPOSITS.get(1), new SourceColumn("branch", "text"));
    JobRun first = run("deposit", 0, DEPOSITS);
    JobRun second = run("deposit", 1, widened);

    for (List<JobRun> order : List.of(List.of(first, second), List.of(second, first))) {
      List<String> lines = RunTable.render(order).lines().filter(l -> l.startsWith("deposit")).toList();
      assertEquals(1, lines.stream().filter(l -> l.contains("schema: + branch text")).count(), lines.toString());
      assertTrue(lines.stream().filter(l -> l.contains("schema:")).allMatch(l -> l.contains("2018-11-02 00:00:00,")),
          "the note is on the second window's row: " + lines);
    }
  }

  private static JobRun run(String job, int day, List<SourceColumn> schema) {
    LoadWindow window = new LoadWindow(DAY1.plus(Duration.ofDays(day)), DAY1.plus(Duration.ofDays(day + 1)));
    RunRecord record = new RunRecord(10, 10, 100, Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
        "file:/lake/" + job + "/" + day).withSource(new SourceSnapshot(schema, Optional.empty()));
    return JobRun.started(job, window, job + "-" + day, window.stop()).succeeded(record, window.stop());
  }
}
