package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.convert.Conversion;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.InProcessUnits;
import io.tributary.convert.DuckDbRows;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.storage.StorageUri;
import io.tributary.spark.testing.TestSpark;
import io.tributary.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-fill function's path (the engine in one JVM, no Spark) and the cluster's (Spark tasks) write the same
 * bytes: for every format, codec and layout live-fill takes, at hour and day partitions, one changed day converted
 * both ways gives the same file names with byte-identical contents, METADATA.json included (it carries the publish
 * time, the same clock here). Read back: Parquet by DuckDB, every file by the formats' own readers.
 */
class FunctionPathTest {
  private static final DatasetId DATASET = new DatasetId("caiso", "prices");
  private static final Instant DAY = Instant.parse("2020-02-29T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  static Path temp;
  private static Path source;

  @BeforeAll
  static void writeSource() throws Exception {
    source = temp.resolve("source");
    S3dbSampleData sample = new S3dbSampleData(source, 7, 3);
    sample.writeDataset(DATASET.collection(), DATASET.dataset(), DAY.minusSeconds(86_400), DAY);
  }

  @TestFactory
  Stream<DynamicTest> bothPathsWriteTheSameBytes() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      for (Compression compression : Compression.values()) {
        for (PartitionLayout layout : PartitionLayout.values()) {
          if (ConversionTarget.refusal(format, compression, layout).isPresent()) {
            continue;
          }
          for (PartitionSize size : List.of(PartitionSize.HOUR, PartitionSize.DAY)) {
            ConversionTarget target = new ConversionTarget(format, compression, layout, size);
            tests.add(DynamicTest.dynamicTest(format.extension() + " " + compression.label() + " " + layout.label()
                + " " + size.name().toLowerCase(), () -> assertSameOutput(target)));
          }
        }
      }
    }
    return tests.stream();
  }

  private static void assertSameOutput(ConversionTarget target) throws Exception {
    Path spark = Files.createTempDirectory(temp, "spark");
    Path function = Files.createTempDirectory(temp, "function");
    Map<DatasetId, Set<Instant>> changed = Map.of(DATASET, Set.of(DAY));
    ConversionSummary bySpark = new ConversionJob(TestSpark.get(), Conversion.DEFAULT_MEMORY_BUDGET, CLOCK)
        .liveFill(request(target, spark), changed, "live-spark");
    Storage storage = Storage.hadoop(new Configuration(false));
    ConversionSummary byFunction = new Conversion(storage, new InProcessUnits(storage, 1),
        Conversion.DEFAULT_MEMORY_BUDGET, CLOCK).liveFill(request(target, function), changed, "live-function");

    assertTrue(bySpark.succeeded() && byFunction.succeeded(), bySpark.render() + byFunction.render());
    assertEquals(bySpark.rowsWritten(), byFunction.rowsWritten());
    Map<String, byte[]> sparkFiles = files(spark);
    Map<String, byte[]> functionFiles = files(function);
    assertEquals(sparkFiles.keySet(), functionFiles.keySet(), "the same files");
    assertEquals(target.partitionSize() == PartitionSize.HOUR ? 24 : 1,
        sparkFiles.keySet().stream().filter(f -> !f.endsWith(".json")).count(), "partition files");
    long rows = 0;
    for (String file : sparkFiles.keySet()) {
      assertArrayEquals(sparkFiles.get(file), functionFiles.get(file), file + " is byte-identical");
      if (file.endsWith(".json")) {
        continue;
      }
      Path written = function.resolve(file);
      List<List<Object>> read = ConvertedFiles.read(written, target, temp);
      assertEquals(ConvertedFiles.read(spark.resolve(file), target, temp), read, "rows of " + file);
      rows += read.size();
      if (target.format() == OutputFormat.PARQUET && target.layout() == PartitionLayout.ATHENA) {
        assertEquals(read.size(), DuckDbRows.count(written), "DuckDB reads " + file);
      }
    }
    assertEquals(24 * 7 * 3, rows, "every row of the day");
  }

  private static ConversionRequest request(ConversionTarget target, Path dest) {
    return new ConversionRequest(StorageUri.parse(source.toUri().toString()), StorageUri.parse(dest.toUri().toString()),
        target, List.of(), Optional.empty(), ConversionRequest.DEFAULT_TIME_INDEX);
  }

  /** Every file below {@code root} but the run's leftovers (staging), by path relative to it. */
  private static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(file).toString();
        if (!relative.startsWith("_")) {
          files.put(relative, Files.readAllBytes(file));
        }
      }
    }
    return files;
  }
}
