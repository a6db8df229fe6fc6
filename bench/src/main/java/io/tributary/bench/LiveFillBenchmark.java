package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.convert.Conversion;
import io.tributary.convert.InProcessUnits;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.livefill.DayLiveFill;
import io.tributary.livefill.LiveFillFunction;
import io.tributary.livefill.S3FileStore;
import io.tributary.livefill.SdkStorage;
import io.tributary.local.LiveFillPackage;
import io.tributary.local.LocalStores;
import io.tributary.orchestration.ExecutionRequest;
import io.tributary.orchestration.Executions;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.SqsBatch;
import io.tributary.spark.testing.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Live-fill by the function: day files of the conversion benchmark's LMP feed land on the local S3 server one by
 * one, and each is converted to its day partition (Parquet, zstd, athena) by the live-fill function, warm (one JVM
 * that has converted before) and cold (a new JVM on the function's shaded jar per object, as Lambda's first request
 * to a new execution environment). The figure per object is the time from its PUT to its partition published. Also
 * the package's size and the peak heap of the cold invocations, which size the stack's function.
 */
public final class LiveFillBenchmark {
  private static final Instant FIRST_DAY = Instant.parse("2020-01-01T00:00:00Z");
  private static final int WARM_UP = 5;
  private static final String TABLE = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n"
      + "live|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://lake/parquet|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/lmp;format=parquet;compression=zst;layout=athena;partition_size=day;live=true\n";

  private LiveFillBenchmark() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    long feedMegabytes = args.length > 1 ? Long.parseLong(args[1]) : 512;
    int functionMegabytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    int s3aObjects = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path work = Path.of(System.getProperty("bench.work", "bench/target/conversion")).toAbsolutePath();
    Path feed = work.resolve("lmp-" + feedMegabytes + "MB");
    ConversionBenchmark.generate(feed, feedMegabytes);
    Path dataset = feed.resolve("bench/prices");
    List<Path> days;
    try (Stream<Path> files = Files.list(dataset.resolve("year=2020"))) {
      days = files.filter(f -> f.toString().endsWith(".csv.gz")).sorted().toList();
    }
    if (days.size() < WARM_UP + objects) {
      throw new IllegalArgumentException("the feed has " + days.size() + " days, fewer than " + (WARM_UP + objects));
    }
    long largest = days.stream().mapToLong(LiveFillBenchmark::size).max().orElseThrow();
    Path lambdaJar = LiveFillPackage.jar(Path.of(System.getProperty("bench.root", ".")).toAbsolutePath());
    System.out.printf("feed %d MB: %d day files, largest %.2f MB gzipped; %d objects each way; function package %s%n",
        feedMegabytes, days.size(), largest / 1e6, objects, lambdaJar.getFileName());
    System.out.printf("package: %.1f MB zipped, %.1f MB unzipped (Lambda: 250 MB unzipped)%n",
        Files.size(lambdaJar) / 1e6, unzipped(lambdaJar) / 1e6);
    Path hadoopAws = jarOf("org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar");
    Path sdkBundle = jarOf("com/amazonaws/aws-java-sdk-bundle/1.12.262/aws-java-sdk-bundle-1.12.262.jar");
    System.out.printf("S3A instead (hadoop-aws and the SDK v1 bundle it needs): +%.1f MB zipped, +%.1f MB unzipped%n",
        (Files.size(hadoopAws) + Files.size(sdkBundle)) / 1e6, (unzipped(hadoopAws) + unzipped(sdkBundle)) / 1e6);

    Path root = work.resolve("live-fill");
    deleteTree(root);
    try (LocalS3 s3 = LocalS3.start(root.resolve("s3")); LocalStores stores = LocalStores.start()) {
      s3.bucket("feeds");
      s3.bucket("lake");
      stores.configs().load(JobTableParser.parse("config.txt", TABLE));
      Map<String, String> settings = s3.settings();
      try (S3Client client = client(settings)) {
        client.putObject(b -> b.bucket("feeds").key("lmp/bench/prices/METADATA.json"),
            RequestBody.fromFile(dataset.resolve("METADATA.json")));
        ConversionTarget target = stores.configs().get("live").orElseThrow().conversion().target();
        LiveFillFunction warm = warmFunction(client, stores, Files.createDirectories(root.resolve("spool")));
        List<Double> warmSeconds = new ArrayList<>();
        for (int i = 0; i < WARM_UP + objects; i++) {
          Path day = days.get(i);
          long start = System.nanoTime();
          JsonNode out = warm.convert(land(client, day));
          requirePublished(out, day);
          if (i >= WARM_UP) {
            warmSeconds.add((System.nanoTime() - start) / 1e9);
          }
        }
        List<Double> coldSeconds = new ArrayList<>();
        List<Double> s3aSeconds = new ArrayList<>();
        long peakHeap = 0;
        for (int i = 0; i < objects + s3aObjects; i++) {
          Path day = days.get((WARM_UP + objects + i) % days.size());
          boolean s3a = i >= objects;
          Path partition = s3.root().resolve("lake/parquet/bench/prices").resolve(target.partitionFile(
              Instant.ofEpochSecond(Long.parseLong(day.getFileName().toString().replace(".csv.gz", "")))));
          long start = System.nanoTime();
          SqsBatch batch = land(client, day);
          Cold cold = coldInvoke(s3a ? List.of(lambdaJar, hadoopAws, sdkBundle) : List.of(lambdaJar),
              functionMegabytes, settings, stores, sqsEvent(batch), root, s3a, partition);
          String output = cold.output();
          requirePublished(Json.MAPPER.readTree(output.lines().findFirst().orElseThrow()), day);
          (s3a ? s3aSeconds : coldSeconds).add((cold.publishedNanos() - start) / 1e9);
          long heap = Long.parseLong(output.lines().filter(l -> l.startsWith("PEAK_HEAP_BYTES "))
              .findFirst().orElseThrow().substring("PEAK_HEAP_BYTES ".length()));
          peakHeap = s3a ? peakHeap : Math.max(peakHeap, heap);
        }
        System.out.println();
        System.out.println("| function | objects | p50 | p95 | max | target p50 |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(row("warm (one JVM)", warmSeconds, "< 2 s"));
        System.out.println(row("cold (a new JVM on the package, -Xmx" + heapMegabytes(functionMegabytes) + "m)",
            coldSeconds, "< 10 s"));
        if (!s3aSeconds.isEmpty()) {
          System.out.println(row("cold, S3 through S3A instead of the AWS SDK", s3aSeconds, "(the alternative)"));
        }
        System.out.printf("peak heap of a cold invocation: %.0f MB (the largest day file: %.2f MB gzipped)%n",
            peakHeap / 1e6, largest / 1e6);
      }
    }
  }

  /** The function's heap at {@code functionMegabytes} of memory: what the stack gives the JVM (JAVA_TOOL_OPTIONS). */
  static int heapMegabytes(int functionMegabytes) {
    return functionMegabytes * 3 / 4;
  }

  private static LiveFillFunction warmFunction(S3Client client, LocalStores stores, Path spool) {
    Clock clock = Clock.systemUTC();
    SdkStorage storage = new SdkStorage(new S3FileStore(client, spool, false));
    Conversion conversion = new Conversion(storage, new InProcessUnits(storage,
        Runtime.getRuntime().availableProcessors()), Conversion.DEFAULT_MEMORY_BUDGET, clock);
    WindowBookkeeping bookkeeping = new WindowBookkeeping(stores.history(), clock, Duration.ofMinutes(20));
    return new LiveFillFunction(stores.configs(), new DayLiveFill(conversion, bookkeeping, clock),
        ColdInvoke.dayJobsOnly(), clock, line -> { });
  }

  /** PUTs {@code day} into the source bucket; returns the message S3 would send for it. */
  private static SqsBatch land(S3Client client, Path day) {
    String key = "lmp/bench/prices/year=2020/" + day.getFileName();
    client.putObject(b -> b.bucket("feeds").key(key), RequestBody.fromFile(day));
    return new SqsBatch(List.of(new SqsBatch.Message("m-" + day.getFileName(), List.of("s3://feeds/" + key))),
        List.of());
  }

  private static String sqsEvent(SqsBatch batch) {
    SqsBatch.Message message = batch.messages().get(0);
    return LiveFillPackage.sqsEvent(message.messageId(), "feeds",
        message.objects().get(0).substring("s3://feeds/".length()));
  }

  private static void requirePublished(JsonNode out, Path day) {
    if (!out.path("batchItemFailures").isEmpty() || out.path("daysConverted").asInt() != 1) {
      throw new IllegalStateException(day + " was not published: " + out);
    }
  }

  /** Runs {@link ColdInvoke} on the function's package alone, configured as the stack configures the function. */
  /** What a cold invocation printed, and when ({@link System#nanoTime}) its partition appeared. */
  private record Cold(String output, long publishedNanos) {}

  private static Cold coldInvoke(List<Path> jars, int functionMegabytes, Map<String, String> s3, LocalStores stores,
      String event, Path root, boolean s3a, Path partition) throws IOException, InterruptedException {
    Path classes = Path.of(ColdInvoke.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heapMegabytes(functionMegabytes) + "m", "-XX:+UseSerialGC"));
    if (s3a) {
      s3.forEach((key, value) -> command.add("-D" + key + "=" + value));
    }
    command.addAll(List.of("-cp", String.join(":", jars.stream().map(Path::toString).toList()) + ":" + classes,
        ColdInvoke.class.getName()));
    if (s3a) {
      command.add("s3a");
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(LiveFillPackage.environment(Path.of(System.getProperty("bench.root", ".")), s3,
        stores.endpoint()));
    Path eventFile = Files.writeString(root.resolve("event.json"), event);
    Process process = builder.redirectInput(eventFile.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    // Published is when the partition appears: S3A's clean-up of its staging afterwards stalls on S3Proxy.
    while (!Files.exists(partition) && process.isAlive()) {
      Thread.sleep(5);
    }
    long published = System.nanoTime();
    String output = printed.join();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the cold invocation failed:\n" + output);
    }
    return new Cold(output.lines().filter(l -> l.startsWith("{") || l.startsWith("PEAK_HEAP_BYTES "))
        .reduce((a, b) -> a + "\n" + b).orElseThrow(() -> new IllegalStateException("no response:\n" + output)),
        published);
  }

  private static S3Client client(Map<String, String> settings) {
    return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(URI.create(settings.get("fs.s3a.endpoint"))).forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            settings.get("fs.s3a.access.key"), settings.get("fs.s3a.secret.key")))).build();
  }

  private static String row(String name, List<Double> seconds, String target) {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    return String.format("| %s | %d | %.2f s | %.2f s | %.2f s | %s |", name, sorted.size(), percentile(sorted, 50),
        percentile(sorted, 95), sorted.get(sorted.size() - 1), target);
  }

  /** The nearest-rank percentile of sorted values. */
  private static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static Path jarOf(String repositoryPath) {
    Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(repositoryPath);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is not in the local Maven repository (the spark-jobs tests bring it)");
    }
    return jar;
  }

  private static long unzipped(Path jar) throws IOException {
    long bytes = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        bytes += Math.max(0, entry.getSize());
      }
    }
    return bytes;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
