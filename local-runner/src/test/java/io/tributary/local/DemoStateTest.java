package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tried as a new user would, in a fresh directory: after {@code demo}, {@code history} and {@code cubic loads} with
 * their default state directory find what the demo did, and the demo names them; a state directory holding other
 * commands' state is never cleared by the demo.
 */
class DemoStateTest {
  @TempDir Path dir;

  @Test
  void historyAndCubicLoadsFindWhatTheDemoDidWithTheirDefaults() throws Exception {
    // The guide's demo line, on the shipped job table's loan, prices and cubic jobs and fewer rows (the whole demo, as
    // README's command runs it, takes a minute or two more).
    List<String> demoLine = OperationsGuide.commands("## Run locally").get(1);
    assertEquals(List.of("demo"), demoLine);
    List<String> smaller = new ArrayList<>(demoLine);
    smaller.addAll(List.of("--config", demoConfig().toString(), "--rows", "2000", "--days", "1"));
    CliProcess.Result demo = CliProcess.run(dir, Map.of(), smaller);
    assertEquals(0, demo.exit(), demo.output());
    assertTrue(demo.output().contains("Look further (the demo's job table and history are in .tributary/state):\n"
        + "  bin/tributary history --job loan\n  bin/tributary cubic loads\n"), demo.output());

    CliProcess.Result history = CliProcess.run(dir, Map.of(), List.of("history", "--job", "loan"));
    assertEquals(0, history.exit(), history.output());
    assertTrue(history.output().contains("loan: window [2018-11-03 00:00:00, 2018-11-04 00:00:00), status"
        + " SUCCEEDED"), "every sample day and the next loaded: " + history.output());
    CliProcess.Result loads = CliProcess.run(dir, Map.of(), List.of("cubic", "loads"));
    assertEquals(0, loads.exit(), loads.output());
    assertTrue(loads.output().matches("(?s).*cubic/ods_qlik/EDW\\.SAMPLE/LOAD00000001\\.csv\\.gz +cubic__ods_qlik__edw_sample"
        + " +archived +1000.*"), loads.output());

    // The loan job's current state: loan 2 updated into the next window and loan 3 deleted at the source.
    String shown = demo.output().substring(demo.output().indexOf("loan keeps a current state (current_state=true)"));
    assertTrue(shown.matches("(?s).*  before: \\[2,2018-11-01 [^\n]*\n  before: \\[3,2018-11-01 .*"), shown);
    assertTrue(shown.contains("  at the source: id 2 updated (shipmt_date_tstmp = 2018-11-02T01:00:00Z), id 3"
        + " deleted; running loan's next window [2018-11-02 00:00:00, 2018-11-03 00:00:00)"), shown);
    assertTrue(shown.matches("(?s).*  after:  \\[2,2018-11-02 01:00:00\\.0,[^\n]*\n  after:  no row for id 3\n.*"),
        shown);
    assertTrue(shown.matches("(?s).*the state's commits:\n    version 0 WRITE .*    version \\d+ MERGE .*"), shown);

    // A new day file of the prices job (day partitions) live-filled by the function, with no step on the local EMR.
    String live = demo.output().substring(demo.output().indexOf("\nLive-fill: "));
    assertTrue(live.startsWith("\nLive-fill: caiso/prices/year=2018/1541116800.csv.gz landed in prices's source;"),
        live);
    assertTrue(live.matches("(?s).*  1 day\\(s\\) converted in [0-9.]+ s, no message failed; the local EMR ran 0"
        + " step\\(s\\) for it\n  history: prices \\[2018-11-02 00:00:00, 2018-11-03 00:00:00\\) SUCCEEDED, 1200 rows"
        + " read, 1200 written, 0 rejected\n.*"), live);
  }

  @Test
  void eachDemoStartsFromAnEmptyStateOfItsOwn() throws Exception {
    Path state = dir.resolve("state");
    DemoState.reset(state);
    Files.writeString(state.resolve("shared-local-instance.db"), "the last demo's tables");
    DemoState.reset(state);
    try (var left = Files.list(state)) {
      assertEquals(List.of(StateDirectoryLock.FILE, DemoState.MARKER), left.map(p -> p.getFileName().toString())
          .sorted().toList());
    }
  }

  @Test
  void theDemoNeverClearsStateItDidNotWrite() throws Exception {
    Path state = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(state.resolve("shared-local-instance.db"), "a job table of my own");
    CliProcess.Result demo = CliProcess.run(dir, Map.of(), List.of("demo", "--config", demoConfig().toString(),
        "--state", state.toString()));
    assertEquals(2, demo.exit(), demo.output());
    assertTrue(demo.output().contains(state + " holds a job table and history the demo did not write"),
        demo.output());
    assertEquals("a job table of my own", Files.readString(state.resolve("shared-local-instance.db")));
  }

  /** The shipped job table's loan (with its current state), prices (live, day partitions) and cubic jobs. */
  private Path demoConfig() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "config", "config.txt"));
    String kept = lines.stream().filter(l -> l.startsWith("job_name") || l.startsWith("loan ")
        || l.startsWith("prices ") || l.startsWith("cubic ")).collect(Collectors.joining("\n", "", "\n"));
    return Files.writeString(dir.resolve("config.txt"), kept);
  }
}
