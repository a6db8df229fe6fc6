package io.tributary.spark.cubic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a Cubic incoming prefix (a local directory) as the vendor does: Qlik Replicate's LOAD and change-table
 * files (gzip CSV with a header, {@code ""} escapes, empty field for null) each with its {@code .dfm}, DMAP CSV
 * files and Kafka JSON lines, each object with the last-modified time given. Used by the demo, the benchmark
 * and the tests.
 */
public final class QlikFeed {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;

  public QlikFeed(Path root) {
    this.root = root;
  }

  /** A column of a dfm: name, Qlik type, precision, scale, primary key position (0 when not in the key). */
  public record Column(String name, String type, int precision, int scale, int keyPos) {
    public static Column of(String name, String type) {
      return new Column(name, type, 0, 0, 0);
    }

    public static Column key(String name, String type, int position) {
      return new Column(name, type, 0, 0, position);
    }
  }

  public static final List<Column> CHANGE_HEADER = List.of(Column.of("header__change_seq", "STRING"),
      Column.of("header__change_oper", "STRING"), Column.of("header__timestamp", "DATETIME"));

  /** Writes an ODS table's LOAD file (and its dfm). */
  public Path snapshot(String folder, String file, List<Column> columns, Iterable<List<String>> rows, Instant lastModified)
      throws IOException {
    return ods("cubic/ods_qlik/" + folder + "/" + file, columns, rows, lastModified);
  }

  /** Writes a change file (header columns then the table's) and its dfm; rows begin with seq, oper, timestamp. */
  public Path changes(String folder, String file, List<Column> columns, Iterable<List<String>> rows, Instant lastModified)
      throws IOException {
    List<Column> all = new ArrayList<>(CHANGE_HEADER);
    all.addAll(columns);
    return ods("cubic/ods_qlik/" + folder + "__ct/" + file, all, rows, lastModified);
  }

  public Path ods(String key, List<Column> columns, Iterable<List<String>> rows, Instant lastModified)
      throws IOException {
    Path data = root.resolve(key);
    long records = writeCsv(data, columns.stream().map(Column::name).toList(), rows, true);
    Path dfm = root.resolve(key.replace(".csv.gz", ".dfm"));
    Files.writeString(dfm, dfm(columns, records));
    touch(dfm, lastModified);
    touch(data, lastModified);
    return data;
  }

  /** Writes a DMAP file (plain CSV unless the name ends .gz). */
  public Path dmap(String feed, String file, List<String> header, List<List<String>> rows, Instant lastModified)
      throws IOException {
    Path data = root.resolve("cubic/dmap/" + feed + "/" + file);
    writeCsv(data, header, rows, file.endsWith(".gz"));
    touch(data, lastModified);
    return data;
  }

  /** Writes a Kafka batch of JSON lines. */
  public Path kafka(String stream, String file, List<String> lines, Instant lastModified) throws IOException {
    Path data = root.resolve("cubic/kafka/" + stream + "/" + file);
    Files.createDirectories(data.getParent());
    Files.writeString(data, String.join("\n", lines) + "\n");
    touch(data, lastModified);
    return data;
  }

  /** Writes raw bytes under {@code key}, e.g. a truncated gzip. */
  public Path bytes(String key, byte[] bytes, Instant lastModified) throws IOException {
    Path data = root.resolve(key);
    Files.createDirectories(data.getParent());
    Files.write(data, bytes);
    touch(data, lastModified);
    return data;
  }

  public static void touch(Path file, Instant lastModified) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(lastModified));
  }

  private static long writeCsv(Path file, List<String> header, Iterable<List<String>> rows, boolean gzip)
      throws IOException {
    Files.createDirectories(file.getParent());
    long count = 0;
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      writer.write(String.join(",", header) + "\n");
      for (List<String> row : rows) {
        writer.write(String.join(",", row.stream().map(QlikFeed::field).toList()) + "\n");
        count++;
      }
    }
    return count;
  }

  private static String field(String value) {
    if (value == null) {
      return "";
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String dfm(List<Column> columns, long records) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("dfmVersion", "1.1");
    root.putObject("fileInfo").put("recordCount", records).put("errorCount", 0);
    root.putObject("formatInfo").put("format", "delimited").putObject("options").put("fieldDelimiter", ",")
        .put("recordDelimiter", "\n").put("nullValue", "").put("quoteChar", "\"").put("escapeChar", "");
    ArrayNode list = root.putObject("dataInfo").putArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      list.addObject().put("ordinal", i + 1).put("name", column.name()).put("type", column.type()).put("length", 0)
          .put("precision", column.precision()).put("scale", column.scale()).put("primaryKeyPos", column.keyPos());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
