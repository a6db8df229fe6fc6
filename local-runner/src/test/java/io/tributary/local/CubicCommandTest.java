package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.spark.cubic.QlikFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary cubic ingest} and {@code cubic loads} as a user runs them: processes on one state directory. */
class CubicCommandTest {
  @TempDir Path dir;

  CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(null, java.util.Map.of(), List.of(args));
  }

  @Test
  void ingestPrintsEveryLoadExitsOneOnAnErroredLoadAndLoadsListsThemLater() throws Exception {
    QlikFeed feed = new QlikFeed(dir.resolve("incoming"));
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
    String state = dir.resolve("state").toString();

    CliProcess.Result ingest = cli("cubic", "ingest", "--incoming", dir.resolve("incoming").toString(), "--springboard",
        dir.resolve("springboard").toString(), "--archive", dir.resolve("archive").toString(), "--error",
        dir.resolve("error").toString(), "--state", state);

    assertEquals(1, ingest.exit(), ingest.output());
    assertTrue(ingest.output().matches("(?s).*cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz +cubic__ods_qlik__edw_sample"
        + " +archived +1 .*"), ingest.output());
    assertTrue(ingest.output().matches("(?s).*cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz"
        + " +cubic__ods_qlik__edw_sample +errored +- +cubic/ods_qlik/EDW.SAMPLE__ct/20261101-000001000.csv.gz: cannot"
        + " be read: .*"), ingest.output());
    assertTrue(ingest.output().contains("4 load(s), 2 archived, 1 errored, 1 ignored, 2 rows"), ingest.output());
    assertTrue(Files.exists(dir.resolve("incoming/cubic/ods_qlik/EDW.SAMPLE/README.txt")), "an ignored object stays");
    assertTrue(!ingest.output().contains("\tat "), "the errored load's reason is the report, not Spark's stack traces: "
        + ingest.output());
    assertTrue(Files.exists(dir.resolve("error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20261101T000100Z/"
        + "20261101-000001000.csv.gz")));

    CliProcess.Result errored = cli("cubic", "loads", "--status", "errored", "--state", state);
    assertEquals(0, errored.exit(), errored.output());
    assertTrue(errored.output().contains("20261101-000001000.csv.gz") && errored.output().contains("1 load(s)"),
        errored.output());
    CliProcess.Result ignored = cli("cubic", "loads", "--status", "ignored", "--state", state);
    assertTrue(ignored.output().contains("cubic/ods_qlik/EDW.SAMPLE/README.txt") && ignored.output().contains(
        "not a data file of ods_qlik nor a .dfm") && ignored.output().contains("1 load(s)"), ignored.output());
    CliProcess.Result bad = cli("cubic", "loads", "--status", "lost", "--state", state);
    assertEquals(2, bad.exit(), bad.output());
    assertTrue(bad.output().contains("--status: 'lost' is not a load status, expected one of [ready, ingesting,"),
        bad.output());
  }
}
