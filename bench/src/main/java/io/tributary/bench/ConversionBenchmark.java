package io.tributary.bench;

import io.tributary.spark.convert.S3dbSampleData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Conversion benchmark: generated S3DB data (one dataset, every day of 2020; {@code csvMegabytes} of CSV
 * before gzip) converted to Parquet + zstd, athena layout, day partitions, by Tributary (local Spark, own
 * JVM) and by DuckDB ({@code COPY ... PARTITION_BY}) on the same machine, interleaved, best of
 * {@code repetitions}. Then the same data as one year partition, and as hour partitions (24 writers open
 * per task), each in a JVM whose heap is smaller than the data, with their peak memory. Usage: {@code bench/run convert [csvMegabytes=2048] [repetitions=2]
 * [smallHeapMegabytes=512]}.
 */
public final class ConversionBenchmark {
  private static final Instant FIRST_DAY = Instant.parse("2020-01-01T00:00:00Z");
  private static final int DAYS = 366;

  private ConversionBenchmark() {}

  public static void main(String[] args) throws Exception {
    long csvMegabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int smallHeap = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    Path work = Path.of(System.getProperty("bench.work", "bench/target/conversion")).toAbsolutePath();
    Path source = work.resolve("s3db-" + csvMegabytes + "MB");
    long csvBytes = generate(source, csvMegabytes);
    long gzBytes = size(source);
    System.out.printf("input: %s, %,d bytes of CSV (%,d gzip) in %d day files%n", source, csvBytes, gzBytes, DAYS);
    double mb = csvBytes / 1e6;

    double bestTributary = Double.MAX_VALUE;
    double bestDuck = Double.MAX_VALUE;
    for (int rep = 1; rep <= repetitions; rep++) {
      Path tributaryOut = clean(work.resolve("out-tributary"));
      String[] result = tributary(source, tributaryOut, "day", "4g");
      double seconds = Double.parseDouble(result[1]);
      bestTributary = Math.min(bestTributary, seconds);
      System.out.printf("rep %d tributary: %.2f s, %.1f MB/s, %s rows, %d files, %,d bytes%n", rep, seconds,
          mb / seconds, result[2], countFiles(tributaryOut), size(tributaryOut));
      Path duckOut = clean(work.resolve("out-duckdb"));
      double duck = duckdb(source, duckOut);
      bestDuck = Math.min(bestDuck, duck);
      System.out.printf("rep %d duckdb:    %.2f s, %.1f MB/s, %d files, %,d bytes%n", rep, duck, mb / duck,
          countFiles(duckOut), size(duckOut));
    }
    System.out.println();
    System.out.println("| parquet+zstd, athena, day partitions | seconds | MB/s (CSV) |");
    System.out.println("|---|---|---|");
    System.out.printf("| Tributary (local Spark, 2 cores) | %.2f | %.1f |%n", bestTributary, mb / bestTributary);
    System.out.printf("| DuckDB %s COPY PARTITION_BY | %.2f | %.1f |%n", duckVersion(), bestDuck, mb / bestDuck);
    System.out.printf("ratio tributary/duckdb throughput: %.2f (target >= 0.70)%n", bestDuck / bestTributary);

    System.out.println("(file sizes differ: see docs/benchmarks.md)");

    Path yearOut = clean(work.resolve("out-year"));
    String[] year = tributary(source, yearOut, "year", smallHeap + "m");
    System.out.printf("%nyear partition, -Xmx%dm (data %.0f MB of CSV, %.1fx the heap): %s s, %.1f MB/s, %s rows;"
        + " peak heap %.0f MB, peak RSS %.0f MB, output %,d bytes%n", smallHeap, mb, mb / smallHeap,
        year[1], mb / Double.parseDouble(year[1]), year[2], Long.parseLong(year[3]) / 1e6,
        Long.parseLong(year[4]) / 1e6, size(yearOut));

    Path hourOut = clean(work.resolve("out-hour"));
    String[] hour = tributary(source, hourOut, "hour", smallHeap + "m");
    System.out.printf("hour partitions (24 writers open per task), -Xmx%dm: %s s, %.1f MB/s, %s rows; peak heap %.0f MB,"
        + " peak RSS %.0f MB, %d files%n", smallHeap, hour[1], mb / Double.parseDouble(hour[1]), hour[2],
        Long.parseLong(hour[3]) / 1e6, Long.parseLong(hour[4]) / 1e6, countFiles(hourOut));
  }

  /** Writes the sample dataset once (kept between runs); returns its CSV size before gzip. */
  static long generate(Path source, long csvMegabytes) throws Exception {
    Path sizeFile = source.resolve("CSV_BYTES");
    if (Files.exists(sizeFile)) {
      return Long.parseLong(Files.readString(sizeFile).trim());
    }
    clean(source);
    long rowBytes = S3dbSampleData.row(FIRST_DAY, 5, 123, 0).length() + 1;
    int nodes = (int) Math.max(1, csvMegabytes * 1_000_000L / DAYS / 24 / rowBytes);
    System.out.printf("generating %d days x 24 hours x %d nodes below %s ...%n", DAYS, nodes, source);
    S3dbSampleData sample = new S3dbSampleData(source, nodes, 1);
    sample.writeMetadata("bench", "prices");
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    List<Future<Long>> sizes = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      Instant day = FIRST_DAY.plusSeconds(86_400L * d);
      sizes.add(pool.submit(() -> csvSize(sample.writeDay("bench", "prices", day))));
    }
    long total = 0;
    for (Future<Long> size : sizes) {
      total += size.get();
    }
    pool.shutdown();
    Files.writeString(sizeFile, Long.toString(total));
    return total;
  }

  private static long csvSize(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** Runs ConversionRun in a child JVM; returns its RESULT fields. */
  static String[] tributary(Path source, Path dest, String size, String heap) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap));
    command.addAll(ManagementFactoryArgs.addOpens());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConversionRun.class.getName(),
        "--source", source.toUri().toString(), "--dest", dest.toUri().toString(), "--format", "parquet",
        "--compression", "zst", "--layout", "athena", "--partition-size", size, "--run-id", "bench"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    StringBuilder log = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else {
          log.append(line).append('\n');
        }
      }
    }
    if (process.waitFor() != 0 || result == null) {
      throw new IllegalStateException("tributary run failed:\n" + log);
    }
    return result.split(" ");
  }

  static double duckdb(Path source, Path dest) throws Exception {
    String glob = source.resolve("bench/prices").toString() + "/year=*/*.csv.gz";
    String sql = "COPY (SELECT * EXCLUDE (ts), year(ts) AS year, month(ts) AS month, day(ts) AS day FROM ("
        + "SELECT *, epoch_ms(target_start * 1000) AS ts FROM read_csv('" + glob + "', header = true, "
        + "hive_partitioning = false, columns = {'release_date': 'BIGINT', 'target_start': 'BIGINT', "
        + "'target_end': 'BIGINT', 'node_name': 'VARCHAR', 'lmp': 'DOUBLE', 'is_settled': 'BOOLEAN'}))) "
        + "TO '" + dest + "' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month, day))";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      long start = System.nanoTime();
      statement.execute(sql);
      return (System.nanoTime() - start) / 1e9;
    }
  }

  static String duckVersion() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        var result = connection.createStatement().executeQuery("SELECT version()")) {
      result.next();
      return result.getString(1);
    }
  }

  static Path clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static long countFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }

  /** The JVM flags Spark needs on Java 17. */
  static final class ManagementFactoryArgs {
    static List<String> addOpens() {
      List<String> flags = new ArrayList<>();
      for (String pkg : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
          "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
          "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
        flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
      }
      return flags;
    }
  }
}
