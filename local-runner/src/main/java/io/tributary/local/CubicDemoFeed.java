package io.tributary.local;

import io.tributary.spark.cubic.QlikFeed;
import io.tributary.spark.cubic.QlikFeed.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's Cubic feed: an ODS table's snapshot and two change files (inserts, an update with its before-image,
 * a delete), a DMAP daily file, a Kafka batch, and one corrupt change file (a truncated gzip) that ends errored.
 */
final class CubicDemoFeed {
  static final List<Column> SAMPLE = List.of(Column.key("SAMPLE_ID", "INT4", 1), Column.of("SAMPLE_NAME", "STRING"),
      Column.of("EDW_INSERTED_DTM", "DATETIME"), Column.of("EDW_UPDATED_DTM", "DATETIME"));

  private CubicDemoFeed() {}

  /** Writes the feed below {@code incoming}, stamped from {@code at} on; returns the number of objects. */
  static int write(Path incoming, Instant at) throws IOException {
    QlikFeed feed = new QlikFeed(incoming);
    List<List<String>> snapshot = new ArrayList<>();
    for (int id = 1; id <= 1000; id++) {
      snapshot.add(row(id, "Sample " + id));
    }
    feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", SAMPLE, snapshot, at);
    feed.changes("EDW.SAMPLE", "20181101-000100000.csv.gz", SAMPLE, List.of(
        change(1, "I", row(1001, "Sample 1001 \uD83D\uDD25")), change(2, "B", row(2, "Sample 2")),
        change(2, "U", row(2, "Sample 2, renamed")), change(3, "D", row(3, "Sample 3"))), at.plusSeconds(60));
    feed.changes("EDW.SAMPLE", "20181101-000200000.csv.gz", SAMPLE, List.of(
        change(4, "I", row(1002, "Sample 1002")), change(5, "U", row(1001, "Sample 1001 \"quoted\""))),
        at.plusSeconds(120));
    Path whole = feed.changes("EDW.SAMPLE", "20181101-000300000.csv.gz", SAMPLE, List.of(
        change(6, "D", row(1, "Sample 1"))), at.plusSeconds(180));
    byte[] bytes = Files.readAllBytes(whole);
    feed.bytes("cubic/ods_qlik/EDW.SAMPLE__ct/20181101-000300000.csv.gz", Arrays.copyOf(bytes, bytes.length - 12),
        at.plusSeconds(180));
    feed.dmap("agg_sample", "20181101.csv", List.of("SERVICE_DATE", "STATION", "TAPS"),
        List.of(List.of("2018-11-01", "Park Street", "1200"), List.of("2018-11-01", "Downtown Crossing", "980")), at);
    feed.kafka("sample", "2b8e6c1e-demo.json", List.of("{\"id\":1,\"kind\":\"tap\",\"station\":\"Park Street\"}",
        "{\"id\":2,\"kind\":\"tap\",\"station\":\"Kendall\",\"fare\":{\"usd\":2.4}}"), at);
    return 7;
  }

  private static List<String> row(int id, String name) {
    return new ArrayList<>(List.of(String.valueOf(id), name, "2018-11-01 00:00:00.1234567", "2018-11-01 00:00:00"));
  }

  private static List<String> change(long seq, String oper, List<String> row) {
    List<String> change = new ArrayList<>(List.of(String.format("%035d", seq), oper, "2018-11-01 00:00:00"));
    change.addAll(row);
    return change;
  }
}
