package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.convert.ConversionLayout;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.convert.SourceChanges;
import io.tributary.core.storage.StorageUri;
import io.tributary.spark.testing.LocalS3;
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a:// source and destination, in different buckets, through Hadoop's S3A client against a local S3
 * API: listing, reading, staging, publishing, re-running, live-fill.
 */
class S3aConversionTest {
  private static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant JAN_2 = Instant.parse("2020-01-02T00:00:00Z");

  @TempDir
  static Path temp;
  private static LocalS3 s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start(temp.resolve("buckets"));
    s3.configure(TestSpark.get().sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void convertsBetweenBucketsRerunsInPlaceAndLiveFillsAMonth() throws Exception {
    Path feeds = s3.bucket("feeds");
    Path lake = s3.bucket("lake");
    S3dbSampleData sample = new S3dbSampleData(feeds.resolve("gz"), 3, 1);
    sample.writeMetadata("caiso", "prices");
    sample.writeDay("caiso", "prices", JAN_1);
    ConversionTarget monthly = new ConversionTarget(OutputFormat.PARQUET, Compression.GZ, PartitionLayout.DATACLIENT,
        PartitionSize.MONTH);
    ConversionRequest request = new ConversionRequest(StorageUri.parse("s3a://feeds/gz"),
        StorageUri.parse("s3a://lake/converted"), monthly, List.of(), Optional.empty(),
        ConversionRequest.DEFAULT_TIME_INDEX);
    ConversionJob job = new ConversionJob(TestSpark.get());

    ConversionSummary first = job.backfill(request, "s3a-1");
    ConversionSummary again = job.backfill(request, "s3a-2");

    assertTrue(first.succeeded(), first.render());
    assertEquals(72, first.rowsWritten());
    assertEquals(72, again.rowsWritten());
    Path january = lake.resolve("converted/caiso/prices/year=2020/1577836800.parquet.gz");
    assertEquals(List.of(lake.resolve("converted/caiso/prices/METADATA.json"), january), files(lake));
    assertEquals(72, ConvertedFiles.read(january, monthly, temp).size());

    Path landed = sample.writeDay("caiso", "prices", JAN_2);
    String key = "s3://feeds/gz/" + feeds.resolve("gz").relativize(landed).toString().replace('\\', '/');
    ConversionSummary live = job.liveFill(request,
        SourceChanges.of(request.source(), List.of(key)).changedDays(), "s3a-live");

    assertEquals(1, live.partitionsWritten());
    assertEquals(144, ConvertedFiles.read(january, monthly, temp).size(), "January rebuilt from both days");
    assertFalse(files(lake).stream().anyMatch(p -> p.toString().contains(ConversionLayout.STAGING)),
        "no staging left in the bucket");
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }
}
