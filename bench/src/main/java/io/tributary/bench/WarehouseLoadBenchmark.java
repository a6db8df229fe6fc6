package io.tributary.bench;

import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.InputName;
import io.tributary.core.kind.warehouse.LakeLayout;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.local.LocalPostgres;
import io.tributary.spark.warehouse.TableOutcome;
import io.tributary.spark.warehouse.InputOptions;
import io.tributary.spark.warehouse.WarehouseLoad;
import io.tributary.spark.warehouse.WarehouseLoadRequest;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.postgresql.PGConnection;

/**
 * Loads N rows into embedded PostgreSQL three ways and prints rows/s for each: (a) Tributary's warehouse load
 * of a json.gz input, (b) of a Parquet input (both: find the input, check the config and the table, stream
 * typed CSV through {@code COPY FROM STDIN}, one transaction), and (c) a plain {@code COPY FROM STDIN} of the
 * same rows as CSV, the database's own limit. Target: (a) and (b) at least 0.8 of (c).
 *
 * <p>Usage: {@code bench/run warehouse [rows=5000000] [repetitions=2]}.
 */
public final class WarehouseLoadBenchmark {
  private static final String TIMESTAMP = "2015-07-01T00:00:00Z";
  private static final String CONFIG = "pages:\n  dest: pages\n  columns:\n"
      + "    - {dest: day, type: timestamp, notnull: true}\n    - {dest: id, type: bigint, primarykey: true}\n"
      + "    - {dest: path, type: text}\n    - {dest: hits, type: int}\n    - {dest: amount, type: float}\n"
      + "  meta: {datadatecolumn: day, schema: bench}\n";
  private static final String TABLE_DDL = "CREATE TABLE bench.pages (day timestamp NOT NULL, id bigint PRIMARY KEY,"
      + " path character varying(256), hits integer, amount double precision)";

  private WarehouseLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Files.createTempDirectory("tributary-warehouse-bench");
    System.out.printf("Tributary warehouse-load benchmark: %,d rows, %d cores, best of %d interleaved repetitions%n",
        rows, Runtime.getRuntime().availableProcessors(), repetitions);
    try (LocalPostgres postgres = LocalPostgres.start("bench", work.resolve("pg"))) {
      Path jsonBucket = work.resolve("json");
      Path parquetBucket = work.resolve("parquet");
      Path csv = work.resolve("pages.csv");
      long started = System.nanoTime();
      writeInputs(rows, jsonBucket, parquetBucket, csv);
      System.out.printf("inputs written in %.1f s: json.gz %,d bytes, parquet %,d bytes, csv %,d bytes%n",
          (System.nanoTime() - started) / 1e9, size(jsonBucket), size(parquetBucket), Files.size(csv));
      DatabaseCredentials credentials = new DatabaseCredentials("jdbc:postgresql://localhost:" + postgres.port()
          + "/bench", "postgres", "");
      double best[] = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      for (int r = 0; r < repetitions; r++) {
        best[2] = Math.min(best[2], plainCopy(credentials, csv, rows));
        best[0] = Math.min(best[0], tributary(credentials, jsonBucket, rows));
        best[1] = Math.min(best[1], tributary(credentials, parquetBucket, rows));
      }
      System.out.printf("%-44s %9s %12s %8s%n", "", "seconds", "rows/s", "ratio");
      String[] names = {"(a) Tributary warehouse-load, json.gz", "(b) Tributary warehouse-load, parquet",
          "(c) COPY FROM STDIN of the rows as CSV"};
      for (int i = 0; i < 3; i++) {
        System.out.printf("%-44s %9.2f %,12.0f %8.2f%n", names[i], best[i], rows / best[i], best[2] / best[i]);
      }
      System.out.printf("target: (a) and (b) at least 0.80 of (c): %s%n",
          best[2] / best[0] >= 0.8 && best[2] / best[1] >= 0.8 ? "met" : "NOT met");
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double tributary(DatabaseCredentials credentials, Path bucket, long rows) throws Exception {
    try (Connection connection = connect(credentials)) {
      reset(connection, false);
      long started = System.nanoTime();
      List<TableOutcome> outcomes = new WarehouseLoad(connection, new Configuration()).run(new WarehouseLoadRequest(
          "bench", List.of("pages"), Optional.of(bucket.toUri().toString()), Optional.empty(),
          LakeLayout.RAW, Optional.empty(), false,
          false, Optional.empty(), Optional.empty(), Granularity.DAY, WarehouseDialect.POSTGRESQL, Optional.empty(),
          InputOptions.DEFAULT));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (outcomes.get(0).rows() != rows) {
        throw new IllegalStateException("loaded " + outcomes);
      }
      return seconds;
    }
  }

  private static double plainCopy(DatabaseCredentials credentials, Path csv, long rows) throws Exception {
    try (Connection connection = connect(credentials)) {
      reset(connection, true);
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      long copied;
      try (InputStream in = Files.newInputStream(csv)) {
        copied = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY bench.pages FROM STDIN WITH (FORMAT csv)", in, 1 << 16);
      }
      connection.commit();
      if (copied != rows) {
        throw new IllegalStateException("copied " + copied);
      }
      return (System.nanoTime() - started) / 1e9;
    }
  }

  /** Drops the table; the plain COPY gets it created first (Tributary creates it from the config). */
  private static void reset(Connection connection, boolean create) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS bench CASCADE");
      statement.execute("CREATE SCHEMA bench");
      if (create) {
        statement.execute(TABLE_DDL);
      }
      statement.execute("CHECKPOINT");
    }
  }

  private static Connection connect(DatabaseCredentials credentials) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("options", "-c TimeZone=UTC");
    return DriverManager.getConnection(credentials.jdbcUrl(), properties);
  }

  private static void writeInputs(long rows, Path jsonBucket, Path parquetBucket, Path csv) throws Exception {
    Instant day = Instant.parse(TIMESTAMP);
    Path jsonDir = Files.createDirectories(jsonBucket.resolve(InputName.dayDirectory("bench", "pages", day)));
    Path parquetDir = Files.createDirectories(parquetBucket.resolve(InputName.dayDirectory("bench", "pages", day)));
    Files.writeString(jsonDir.resolve("config_bench_pages_" + TIMESTAMP + ".yml"), CONFIG);
    Files.writeString(parquetDir.resolve("config_bench_pages_" + TIMESTAMP + ".yml"), CONFIG);
    MessageType type = MessageTypeParser.parseMessageType("message pages { required int64 day (TIMESTAMP(MICROS,true));"
        + " required int64 id; optional binary path (STRING); optional int32 hits; optional double amount; }");
    Path staged = parquetDir.resolve("staged.parquet");
    SplittableRandom random = new SplittableRandom(42);
    long dayMicros = day.toEpochMilli() * 1000;
    try (Writer json = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
            Files.newOutputStream(jsonDir.resolve("bench_pages_" + TIMESTAMP + ".json.gz")), 1 << 16),
            StandardCharsets.UTF_8), 1 << 16);
        Writer plain = Files.newBufferedWriter(csv);
        ParquetWriter<Group> parquet = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(staged.toUri()))
            .withType(type).withConf(new Configuration()).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (long id = 0; id < rows; id++) {
        long micros = dayMicros + random.nextLong(86_400_000_000L);
        String time = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
        String path = "/page/" + random.nextInt(50_000);
        int hits = random.nextInt(1000);
        double amount = Math.round(random.nextDouble() * 100_000) / 100.0;
        json.write("{\"day\":\"" + time + "\",\"id\":" + id + ",\"path\":\"" + path + "\",\"hits\":" + hits
            + ",\"amount\":" + amount + "}\n");
        plain.write(time.replace('T', ' ').replace("Z", "") + "," + id + "," + path + "," + hits + "," + amount + "\n");
        parquet.write(groups.newGroup().append("day", micros).append("id", id).append("path", path)
            .append("hits", hits).append("amount", amount));
      }
    }
    Files.move(staged, parquetDir.resolve("bench_pages_" + TIMESTAMP + ".parquet"));
    Files.deleteIfExists(parquetDir.resolve(".staged.parquet.crc"));
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
