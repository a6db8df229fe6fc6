package io.tributary.spark.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes inputs in the seed tool's layout for tests: data files, configs beside them. */
final class WarehouseInputs {
  final Path bucket;

  WarehouseInputs(Path bucket) {
    this.bucket = bucket;
  }

  Path dayDirectory(String schema, String table, Instant timestamp) throws IOException {
    Path dir = bucket.resolve(io.tributary.core.kind.warehouse.InputName.dayDirectory(schema, table, timestamp));
    Files.createDirectories(dir);
    return dir;
  }

  /** Writes {@code lines} as {@code <schema>_<table>_<timestamp>.<ext>} (gzipped for .gz) and its config. */
  Path write(String schema, String table, String timestamp, String ext, List<String> lines, String config)
      throws IOException {
    Path dir = dayDirectory(schema, table, Instant.parse(timestamp));
    Path file = dir.resolve(schema + "_" + table + "_" + timestamp + "." + ext);
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = ext.equals("gz") || ext.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    if (config != null) {
      Files.writeString(dir.resolve("config_" + schema + "_" + table + "_" + timestamp + ".yml"), config);
    }
    return file;
  }

  /** Writes pages rows (day, id, path, hits) as Parquet with a millisecond timestamp. */
  Path writeParquet(String schema, String table, String timestamp, List<Object[]> rows, String config)
      throws IOException {
    Path dir = dayDirectory(schema, table, Instant.parse(timestamp));
    Path file = dir.resolve(schema + "_" + table + "_" + timestamp + ".parquet");
    MessageType type = MessageTypeParser.parseMessageType("message pages { required int64 day (TIMESTAMP(MILLIS,true));"
        + " required int64 id; optional binary path (STRING); optional int32 hits; }");
    // Hadoop's local file system cannot write a name with ':' (its checksum path breaks): write elsewhere, move.
    Path staged = dir.resolve("staged.parquet");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(staged.toUri()))
        .withType(type).withConf(new Configuration()).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (Object[] row : rows) {
        Group group = groups.newGroup().append("day", Instant.parse((String) row[0]).toEpochMilli())
            .append("id", (Long) row[1]);
        if (row[2] != null) {
          group.append("path", (String) row[2]);
        }
        if (row[3] != null) {
          group.append("hits", (Integer) row[3]);
        }
        writer.write(group);
      }
    }
    Files.move(staged, file);
    Files.deleteIfExists(dir.resolve(".staged.parquet.crc"));
    if (config != null) {
      Files.writeString(dir.resolve("config_" + schema + "_" + table + "_" + timestamp + ".yml"), config);
    }
    return file;
  }
}
