package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.spark.cubic.QlikFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary cubic ingest} and {@code cubic loads} as a user runs them: the lines of docs/operations.md as
 * written, processes in one directory sharing its default state directory.
 */
class CubicCommandTest {
  @TempDir Path dir;

  CliProcess.Result cli(List<String> args) throws Exception {
    return CliProcess.run(dir, java.util.Map.of(), args);
  }

  @Test
  void ingestPrintsEveryLoadExitsOneOnAnErroredLoadAndLoadsListsThemLater() throws Exception {
    List<List<String>> examples = OperationsGuide.commands("## Ingest Cubic files");
    List<String> ingestLine = examples.get(0);
    assertEquals(List.of("cubic", "ingest"), ingestLine.subList(0, 2), examples.toString());
    assertEquals(List.of("cubic", "loads", "--status", "errored"), examples.get(1));
    Path incoming = dir.resolve(ingestLine.get(ingestLine.indexOf("--incoming") + 1));
    Path error = dir.resolve(ingestLine.get(ingestLine.indexOf("--error") + 1));
    QlikFeed feed = new QlikFeed(incoming);
    Instant at = Instant.parse("2026-11-01T00:00:00Z");
    feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicDemoFeed.SAMPLE,
        List.of(List.of("1", "one", "2026-01-01 00:00:00", "2026-01-01 00:00:00")), at);
    Path whole = feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicDemoFeed.SAMPLE,
        List.of(List.of(String.format("%035d", 1), "I", "2026-01-01 00:00:00", "2", "two", "2026-01-01 00:00:00",
            "2026-01-01 00:00:00")), at.plusSeconds(60));
    byte[] bytes = Files.readAllBytes(whole);
    feed.bytes("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz", Arrays.copyOf(bytes, bytes.length - 10),
        at.plusSeconds(60));
    feed.dmap("agg_sample", "20261101.csv", List.of("DAY", "TAPS"), List.of(List.of("2026-11-01", "3")), at);
    // Neither data nor a dfm: recorded as ignored, never errored (MBTA's pipeline registers only .csv.gz).
    feed.bytes("cubic/ods_qlik/EDW.SAMPLE/README.txt", "what this folder holds".getBytes(), at);

    CliProcess.Result ingest = cli(ingestLine);

    assertEquals(1, ingest.exit(), ingest.output());
    assertTrue(ingest.output().matches("(?s).*cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz +cubic__ods_qlik__edw_sample"
        + " +archived +1 .*"), ingest.output());
    assertTrue(ingest.output().matches("(?s).*cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz"
        + " +cubic__ods_qlik__edw_sample +errored +- +cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz: cannot"
        + " be read: .*"), ingest.output());
    assertTrue(ingest.output().contains("4 load(s), 2 archived, 1 errored, 1 ignored, 2 rows"), ingest.output());
    assertTrue(Files.exists(incoming.resolve("cubic/ods_qlik/EDW.SAMPLE/README.txt")), "an ignored object stays");
    assertTrue(!ingest.output().contains("\tat "), "the errored load's reason is the report, not Spark's stack traces: "
        + ingest.output());
    assertTrue(Files.exists(error.resolve("cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20261101T000100Z/"
        + "20261101-000001000.csv.gz")));

    assertTrue(Files.isDirectory(dir.resolve(".tributary/state")), "the registry in the default state directory");
    CliProcess.Result errored = cli(examples.get(1));
    assertEquals(0, errored.exit(), errored.output());
    assertTrue(errored.output().contains("20261101-000001000.csv.gz") && errored.output().contains("1 load(s)"),
        errored.output());
    CliProcess.Result ignored = cli(List.of("cubic", "loads", "--status", "ignored"));
    assertTrue(ignored.output().contains("cubic/ods_qlik/EDW.SAMPLE/README.txt") && ignored.output().contains(
        "not a data file of ods_qlik nor a .dfm") && ignored.output().contains("1 load(s)"), ignored.output());
    CliProcess.Result bad = cli(List.of("cubic", "loads", "--status", "lost"));
    assertEquals(2, bad.exit(), bad.output());
    assertTrue(bad.output().contains("--status: 'lost' is not a load status, expected one of [ready, ingesting,"),
        bad.output());
  }
}
