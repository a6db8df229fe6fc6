package io.tributary.convert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;

/**
 * Writes S3DB-layout sample data the way the Transmuter does: one gzip CSV per UTC day with a header,
 * and a METADATA.json per dataset. Values are a pure function of (day, hour, node), so a test can
 * compute any row it expects. Used by tests, the demo and the benchmark.
 */
public final class S3dbSampleData {
  /** The METADATA.json of every sample dataset (an LMP price feed like the seed's example). */
  public static final String METADATA = """
      {"type_map": {"release_date": "int", "target_start": "int", "target_end": "int", "node_name": "str",
        "lmp": "float", "is_settled": "bool"},
       "superkey": ["release_date", "target_start", "target_end", "node_name"],
       "value_key": ["lmp", "is_settled"],
       "tags": {"iso": {"time_zone": "UTC-5", "source": "sample"}}}
      """;
  public static final String HEADER = "release_date,target_start,target_end,node_name,lmp,is_settled";

  private final Path root;
  private final int nodes;
  private final int rowsPerHourPerNode;

  /**
   * @param root the source prefix (directories below it are collections)
   * @param nodes price nodes per hour
   * @param rowsPerHourPerNode releases per hour and node (raises the volume)
   */
  public S3dbSampleData(Path root, int nodes, int rowsPerHourPerNode) {
    this.root = root;
    this.nodes = nodes;
    this.rowsPerHourPerNode = rowsPerHourPerNode;
  }

  /** Writes METADATA.json of {@code collection/dataset}. */
  public Path writeMetadata(String collection, String dataset) throws IOException {
    Path dir = root.resolve(collection).resolve(dataset);
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("METADATA.json"), METADATA);
  }

  /** Writes METADATA.json of {@code collection/dataset} and the day file of each of {@code days}. */
  public void writeDataset(String collection, String dataset, Instant... days) throws IOException {
    writeMetadata(collection, dataset);
    for (Instant day : days) {
      writeDay(collection, dataset, day);
    }
  }

  /** Writes the day file of {@code day} (a UTC day start); returns its path. */
  public Path writeDay(String collection, String dataset, Instant day) throws IOException {
    Path file = dayFile(collection, dataset, day);
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      writer.write(HEADER);
      writer.write('\n');
      for (int hour = 0; hour < 24; hour++) {
        for (int node = 0; node < nodes; node++) {
          for (int release = 0; release < rowsPerHourPerNode; release++) {
            writer.write(row(day, hour, node, release));
            writer.write('\n');
          }
        }
      }
    }
    return file;
  }

  /** Where the day file of {@code day} lives. */
  public Path dayFile(String collection, String dataset, Instant day) {
    return root.resolve(collection).resolve(dataset)
        .resolve("year=" + day.atZone(ZoneOffset.UTC).getYear()).resolve(day.getEpochSecond() + ".csv.gz");
  }

  /** The CSV line of one sample row. Every 7th price is empty (null); some node names need quoting. */
  public static String row(Instant day, int hour, int node, int release) {
    long start = day.getEpochSecond() + hour * 3600L;
    String name = node % 5 == 4 ? "\"NODE " + node + ", \"\"WEST\"\"\"" : "NODE_" + node;
    String lmp = (hour + node + release) % 7 == 0 ? "" : Double.toString(price(start, node, release));
    return (start - 86_400 + release) + "," + start + "," + (start + 3600) + "," + name + "," + lmp + ","
        + ((hour + node) % 2 == 0 ? "true" : "false");
  }

  /** The node name of a sample row, as read back. */
  public static String nodeName(int node) {
    return node % 5 == 4 ? "NODE " + node + ", \"WEST\"" : "NODE_" + node;
  }

  /** The price of a sample row. */
  public static double price(long targetStart, int node, int release) {
    return ((targetStart / 3600 * 31 + node * 17L + release) % 10_000) / 100.0 - 20.0;
  }
}
