package io.tributary.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Conversion benchmark on a realistic LMP feed ({@link LmpFeedData}: every day of 2020, {@code sizes} megabytes
 * of CSV before gzip each), converted to Parquet + zstd, athena layout, day partitions, by Tributary (local
 * Spark, own JVM: the first conversion on a new session is reported as cold, the best of {@code repetitions}
 * after it as warm) and by DuckDB ({@code COPY ... PARTITION_BY}, best of {@code repetitions}), with their
 * throughput and byte ratios, and the wall time of a one-day live-fill on the warm session. Then, on the
 * largest size, the whole year as one partition encoded by one task and by every core, and hour partitions
 * (24 writers open per task), each in a JVM whose heap is smaller than the data, with their peak memory, and
 * the hour partitions again at half that heap.
 * Usage: {@code bench/run convert [sizes=128,512,2048] [repetitions=2] [smallHeapMegabytes=512]}.
 */
public final class ConversionBenchmark {
  private static final Instant FIRST_DAY = Instant.parse("2020-01-01T00:00:00Z");
  private static final String LAST_DAY = "2020-12-31T00:00:00Z";
  private static final int DAYS = 366;
  /**
   * Spark refuses to start with less than 450 MB of heap unless told the memory to plan with; the heap itself is
   * still what -Xmx says.
   */
  private static final String SPARK_PLANS_WITH = "-Dspark.testing.memory=";

  private ConversionBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = Arrays.stream((args.length > 0 ? args[0] : "128,512,2048").split(","))
        .map(String::trim).map(Long::parseLong).toList();
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int smallHeap = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    Path work = Path.of(System.getProperty("bench.work", "bench/target/conversion")).toAbsolutePath();
    System.out.printf("DuckDB %s; %d cores; Tributary warm = best of %d conversions after a 10 s warm-up on the"
        + " same session; cold = the first conversion on it%n", duckVersion(), Runtime.getRuntime().availableProcessors(),
        repetitions);
    List<String> table = new ArrayList<>();
    long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
    for (long csvMegabytes : sizes) {
      table.add(againstDuckDb(work, csvMegabytes, repetitions, csvMegabytes == largest));
    }
    System.out.println();
    System.out.println("| CSV | rows | Tributary cold | Tributary warm | DuckDB | throughput ratio (warm) | ratio (cold)"
        + " | bytes, Tributary / DuckDB | one-day live-fill, warm |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
    System.out.println("targets: throughput ratio (warm) >= 0.90 at every size, >= 1.00 at the largest; bytes <= 1.10");
    Path source = work.resolve("lmp-" + largest + "MB");
    double megabytes = generate(source, largest) / 1e6;
    yearPartition(work, source, megabytes, repetitions, smallHeap);
    hourPartitions(work, source, megabytes, smallHeap);
  }

  /** Day partitions of one size by Tributary and by DuckDB; returns the row of the summary table. */
  private static String againstDuckDb(Path work, long csvMegabytes, int repetitions, boolean printColumns)
      throws Exception {
    Path source = work.resolve("lmp-" + csvMegabytes + "MB");
    double mb = generate(source, csvMegabytes) / 1e6;
    Path tributaryOut = clean(work.resolve("out-tributary"));
    String[] result = tributary(source, tributaryOut, "day", "4g", repetitions, true);
    long ourBytes = size(tributaryOut);
    double duck = Double.MAX_VALUE;
    Path duckOut = work.resolve("out-duckdb");
    for (int rep = 0; rep < repetitions; rep++) {
      duck = Math.min(duck, duckdb(source, clean(duckOut)));
    }
    long duckBytes = size(duckOut);
    double cold = Double.parseDouble(result[1]);
    double warm = Double.parseDouble(result[2]);
    String row = String.format("| %,.0f MB | %,d | %.2f s | %.2f s (%.0f MB/s) | %.2f s (%.0f MB/s) | **%.2f** | %.2f |"
        + " %,d / %,d = **%.2f** | %s s |", mb, Long.parseLong(result[3]), cold, warm, mb / warm, duck, mb / duck,
        duck / warm, duck / cold, ourBytes, duckBytes, (double) ourBytes / duckBytes, result[7]);
    System.out.println(row);
    if (printColumns) {
      printColumnBytes(tributaryOut, duckOut);
    }
    return row;
  }

  /** The whole year as one partition, encoded by one task and by every core, alternating. */
  private static void yearPartition(Path work, Path source, double mb, int repetitions, int smallHeap)
      throws Exception {
    // Twice each, alternating, best kept: this machine's speed drifts by 20% over minutes.
    String[] oneTask = null;
    String[] everyCore = null;
    for (int round = 0; round < 2; round++) {
      oneTask = faster(oneTask, tributary(source, clean(work.resolve("out-year")), "year", smallHeap + "m", repetitions,
          false, "-Dspark.master=local[1]"));
      everyCore = faster(everyCore, tributary(source, clean(work.resolve("out-year")), "year", smallHeap + "m",
          repetitions, false));
    }
    System.out.printf("%nyear partition, %.0f MB of CSV, -Xmx%dm, best of 2 JVMs each:%n", mb, smallHeap);
    System.out.println("| encoded by | cold | warm | MB/s (warm) | peak heap in use | peak heap after GC | peak RSS |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String[] run : List.of(oneTask, everyCore)) {
      System.out.printf("| %s | %s s | %s s | %.0f | %.0f MB | %.0f MB | %.0f MB |%n", run == oneTask ? "one task (local[1])"
          : "every core", run[1], run[2], mb / Double.parseDouble(run[2]), Long.parseLong(run[4]) / 1e6,
          Long.parseLong(run[5]) / 1e6, Long.parseLong(run[6]) / 1e6);
    }
    System.out.printf("speed-up, every core over one task (warm): %.2f (target >= 1.60); output %,d bytes in one file%n",
        Double.parseDouble(oneTask[2]) / Double.parseDouble(everyCore[2]), size(work.resolve("out-year")));
    String[] half = tributary(source, clean(work.resolve("out-year")), "year", smallHeap / 2 + "m", 1, false,
        SPARK_PLANS_WITH + (smallHeap * 1048576L));
    System.out.printf("every core at half that heap, -Xmx%dm: cold %s s, warm %s s, %s rows%n", smallHeap / 2, half[1],
        half[2], half[3]);
  }

  /** Hour partitions (24 writers open per task) with a heap smaller than the data, then at half that heap. */
  private static void hourPartitions(Path work, Path source, double mb, int smallHeap) throws Exception {
    Path hourOut = clean(work.resolve("out-hour"));
    String[] hour = tributary(source, hourOut, "hour", smallHeap + "m", 1, false);
    System.out.printf("%nhour partitions (24 writers open per task), -Xmx%dm: cold %s s, warm %s s (%.0f MB/s), %d files;"
        + " peak heap in use %.0f MB, peak heap after GC %.0f MB (%.0f%% of the heap), peak RSS %.0f MB%n", smallHeap,
        hour[1], hour[2], mb / Double.parseDouble(hour[2]), countFiles(hourOut), Long.parseLong(hour[4]) / 1e6,
        Long.parseLong(hour[5]) / 1e6, 100.0 * Long.parseLong(hour[5]) / (smallHeap * 1048576.0),
        Long.parseLong(hour[6]) / 1e6);
    // The margin, shown rather than estimated.
    int halfHeap = smallHeap / 2;
    String[] hourHalf = tributary(source, clean(hourOut), "hour", halfHeap + "m", 1, false,
        SPARK_PLANS_WITH + (smallHeap * 1048576L));
    System.out.printf("hour partitions at half that heap, -Xmx%dm: cold %s s, warm %s s, %s rows: the margin at -Xmx%dm"
        + " is at least 2x%n", halfHeap, hourHalf[1], hourHalf[2], hourHalf[3], smallHeap);
  }

  /** Of two RESULTs, the one with the faster warm time. */
  private static String[] faster(String[] best, String[] result) {
    return best == null || Double.parseDouble(result[2]) < Double.parseDouble(best[2]) ? result : best;
  }

  /** Writes the benchmark's LMP feed once (kept between runs); returns its CSV size before gzip. */
  static long generate(Path source, long csvMegabytes) throws Exception {
    Path sizeFile = source.resolve("CSV_BYTES");
    if (Files.exists(sizeFile)) {
      return Long.parseLong(Files.readString(sizeFile).trim());
    }
    clean(source);
    int nodes = (int) Math.max(1, csvMegabytes * 1_000_000L / DAYS / 24 / LmpFeedData.TYPICAL_LINE_BYTES);
    System.out.printf("generating %d days x 24 hours x %d nodes below %s ...%n", DAYS, nodes, source);
    LmpFeedData feed = new LmpFeedData(source.resolve("bench/prices"), FIRST_DAY, DAYS, nodes, 2020);
    feed.writeMetadata();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    List<Future<Long>> sizes = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      int day = d;
      sizes.add(pool.submit(() -> csvSize(feed.writeDay(day))));
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
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Runs ConversionRun in a child JVM; returns its RESULT fields. */
  static String[] tributary(Path source, Path dest, String size, String heap, int warmRuns, boolean liveFill,
      String... jvmFlags) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Dbench.runs=" + warmRuns));
    if (liveFill) {
      command.add("-Dbench.liveFillDay=" + LAST_DAY);
    }
    command.addAll(List.of(jvmFlags));
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

  /** Compressed bytes per column of both outputs, from their footers (DuckDB's parquet_metadata). */
  static void printColumnBytes(Path ours, Path duck) throws Exception {
    System.out.println("| column | Tributary bytes | encodings | DuckDB bytes | encodings |");
    System.out.println("|---|---|---|---|---|");
    String query = "SELECT path_in_schema, sum(total_compressed_size), string_agg(DISTINCT encodings, ' ')"
        + " FROM parquet_metadata('%s/**/*.parquet') GROUP BY 1";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Map<String, String[]> columns = new LinkedHashMap<>();
      for (Path dir : List.of(ours, duck)) {
        try (var rows = statement.executeQuery(String.format(query, dir))) {
          while (rows.next()) {
            String[] row = columns.computeIfAbsent(rows.getString(1), c -> new String[] {"-", "", "-", ""});
            int at = dir.equals(ours) ? 0 : 2;
            row[at] = String.format("%,d", rows.getLong(2));
            row[at + 1] = rows.getString(3);
          }
        }
      }
      columns.forEach((column, row) -> System.out.printf("| %s | %s | %s | %s | %s |%n", column, row[0], row[1],
          row[2], row[3]));
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
