package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.convert.ConversionLayout;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.ParquetRowGroupEncoder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format x compression x layout x partition size: written from sample S3DB data and read back
 * value by value with the formats' own readers, or refused before any work with a reason.
 */
class ConversionMatrixTest {
  private static final int NODES = 5;
  private static final int RELEASES = 2;
  private static final DatasetId DATASET = new DatasetId("caiso", "prices");
  /** A year boundary, a month boundary and a leap day. */
  private static final List<Instant> DAYS = List.of(Instant.parse("2019-12-31T00:00:00Z"),
      Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-29T00:00:00Z"));

  @TempDir
  static Path temp;
  private static Path source;

  @BeforeAll
  static void writeSource() throws Exception {
    source = temp.resolve("source");
    new S3dbSampleData(source, NODES, RELEASES)
        .writeDataset(DATASET.collection(), DATASET.dataset(), DAYS.toArray(Instant[]::new));
  }

  @TestFactory
  Stream<DynamicTest> everyCombinationIsWrittenAndReadBackOrRefused() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      for (Compression compression : Compression.values()) {
        for (PartitionLayout layout : PartitionLayout.values()) {
          for (PartitionSize size : PartitionSize.values()) {
            String name = format.extension() + " " + compression.label() + " " + layout.label() + " "
                + size.name().toLowerCase();
            Optional<String> refusal = ConversionTarget.refusal(format, compression, layout);
            tests.add(DynamicTest.dynamicTest(name, refusal.isPresent()
                ? () -> assertRefused(format, compression, layout, size, refusal.get())
                : () -> assertConvertsAndReadsBack(new ConversionTarget(format, compression, layout, size))));
          }
        }
      }
    }
    return tests.stream();
  }

  private static void assertRefused(OutputFormat format, Compression compression, PartitionLayout layout,
      PartitionSize size, String reason) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new ConversionTarget(format, compression, layout, size));
    assertEquals(reason, refused.getMessage());
    assertTrue(reason.contains("use "), "the refusal says what to use instead: " + reason);
    boolean expectedRefusal = layout == PartitionLayout.ATHENA
        && (format == OutputFormat.PARQUET ? compression == Compression.BZ2
            : !List.of(Compression.LZ4, Compression.ZST, Compression.NONE).contains(compression));
    assertTrue(expectedRefusal, "only parquet+bz2 and arrow+br/bz2/gz/sz in-file are refused");
  }

  private static void assertConvertsAndReadsBack(ConversionTarget target) throws Exception {
    Path dest = Files.createTempDirectory(temp, "dest");
    ConversionRequest request = new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), target, List.of(), Optional.empty(),
        ConversionRequest.DEFAULT_TIME_INDEX);
    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request, "matrix");
    assertTrue(summary.succeeded(), summary.render());

    Map<Instant, List<List<Object>>> expected = expectedPartitions(target.partitionSize());
    assertEquals(expected.size(), summary.partitionsWritten(), summary.render());
    assertEquals((long) DAYS.size() * 24 * NODES * RELEASES, summary.rowsWritten());
    for (Map.Entry<Instant, List<List<Object>>> partition : expected.entrySet()) {
      Path file = dest.resolve(DATASET.path()).resolve(target.partitionFile(partition.getKey()));
      assertTrue(Files.isRegularFile(file), "missing " + file);
      assertEquals(partition.getValue(), ConvertedFiles.read(file, target, temp), "rows of " + file);
      if (target.format() == OutputFormat.PARQUET && target.layout() == PartitionLayout.ATHENA) {
        String codec = ParquetRowGroupEncoder.codecName(target.compression()).name();
        assertTrue(ConvertedFiles.parquetCodecs(file).stream().allMatch(codec::equals), "codec of " + file);
      }
    }
    try (Stream<Path> files = Files.walk(dest)) {
      List<Path> data = files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("METADATA.json")).toList();
      assertEquals(expected.size(), data.size(), "exactly one file per partition, nothing else: " + data);
    }
    assertFalse(Files.exists(dest.resolve(ConversionLayout.STAGING).resolve("matrix")), "staging removed");
  }

  /** The sample rows of each output partition, in file order. */
  static Map<Instant, List<List<Object>>> expectedPartitions(PartitionSize size) {
    Map<Instant, List<List<Object>>> partitions = new TreeMap<>();
    for (Instant day : DAYS) {
      for (int hour = 0; hour < 24; hour++) {
        Instant partition = size.start(day.plusSeconds(hour * 3600L));
        for (int node = 0; node < NODES; node++) {
          for (int release = 0; release < RELEASES; release++) {
            partitions.computeIfAbsent(partition, p -> new ArrayList<>())
                .add(ConvertedFiles.sampleRow(day, hour, node, release));
          }
        }
      }
    }
    return partitions;
  }
}
