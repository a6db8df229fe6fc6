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
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A day file dropped into the source rewrites exactly the partitions holding that day, for every size:
 * new hour and day files, the whole month or year file rewritten from all its days; every other file is
 * left byte for byte and untouched. Days landing together rewrite each partition once.
 */
class LiveFillTest {
  private static final List<Instant> BACKFILLED = List.of(Instant.parse("2019-12-31T00:00:00Z"),
      Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-03-01T00:00:00Z"));
  private static final Instant NEW_DAY = Instant.parse("2020-01-15T00:00:00Z");

  @TempDir
  Path temp;

  @ParameterizedTest
  @EnumSource(PartitionSize.class)
  void aNewDayFileRewritesExactlyTheAffectedPartitions(PartitionSize size) throws Exception {
    Path source = temp.resolve("source");
    Path dest = temp.resolve("dest");
    S3dbSampleData sample = new S3dbSampleData(source, 3, 1);
    sample.writeDataset("caiso", "prices", BACKFILLED.toArray(Instant[]::new));
    ConversionTarget target = new ConversionTarget(OutputFormat.PARQUET, Compression.ZST,
        size == PartitionSize.YEAR ? PartitionLayout.DATACLIENT : PartitionLayout.ATHENA, size);
    ConversionRequest request = new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), target, List.of(), Optional.empty(),
        ConversionRequest.DEFAULT_TIME_INDEX);
    ConversionJob job = new ConversionJob(TestSpark.get());
    job.backfill(request, "backfill");
    Map<Path, Snapshot> before = snapshot(dest);
    Thread.sleep(20);

    Path dropped = sample.writeDay("caiso", "prices", NEW_DAY);
    SourceChanges changes = SourceChanges.of(request.source(), List.of(dropped.toUri().toString()));
    ConversionSummary summary = job.liveFill(request, changes.changedDays(), "live-1");

    Set<Path> expectedChanged = new HashSet<>();
    Path dataset = dest.resolve("caiso/prices");
    for (int hour = 0; hour < 24; hour++) {
      expectedChanged.add(dataset.resolve(target.partitionFile(size.start(NEW_DAY.plusSeconds(hour * 3600L)))));
    }
    if (target.layout() == PartitionLayout.DATACLIENT) {
      expectedChanged.add(dataset.resolve("METADATA.json"));
    }
    Map<Path, Snapshot> after = snapshot(dest);
    Set<Path> changed = new HashSet<>();
    for (Map.Entry<Path, Snapshot> file : after.entrySet()) {
      Snapshot old = before.get(file.getKey());
      if (old == null || !old.equals(file.getValue())) {
        changed.add(file.getKey());
      }
    }
    assertEquals(expectedChanged, changed, "rewritten files");
    assertTrue(after.keySet().containsAll(before.keySet()), "nothing removed");
    int expectedPartitions = size == PartitionSize.HOUR ? 24 : 1;
    assertEquals(expectedPartitions, summary.partitionsWritten());
    assertEquals(24 * 3, summary.rowsRead() - (size == PartitionSize.MONTH || size == PartitionSize.YEAR
        ? rowsOfOtherDaysInPartition(size) : 0), "the month/year file is rebuilt from all of its days");

    // Two more days of the same month landing together: one rewrite of each affected partition.
    Path second = sample.writeDay("caiso", "prices", NEW_DAY.plusSeconds(86_400));
    Path third = sample.writeDay("caiso", "prices", NEW_DAY.plusSeconds(2 * 86_400));
    SourceChanges batch = SourceChanges.of(request.source(),
        List.of(second.toUri().toString(), third.toUri().toString(), second.toUri().toString()));
    ConversionSummary batched = job.liveFill(request, batch.changedDays(), "live-2");
    assertEquals(size == PartitionSize.HOUR ? 48 : size == PartitionSize.DAY ? 2 : 1, batched.partitionsWritten());
    assertFalse(Files.exists(dest.resolve(ConversionLayout.STAGING)) && Files.list(dest.resolve(ConversionLayout.STAGING)).findAny().isPresent());
  }

  /** Rows of the back-filled days that share the new day's month or year partition. */
  private static long rowsOfOtherDaysInPartition(PartitionSize size) {
    return BACKFILLED.stream().filter(d -> size.start(d).equals(size.start(NEW_DAY))).count() * 24 * 3;
  }

  private record Snapshot(long modified, byte[] content) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Snapshot s && s.modified == modified && java.util.Arrays.equals(s.content, content);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(modified);
    }
  }

  private static Map<Path, Snapshot> snapshot(Path root) throws Exception {
    Map<Path, Snapshot> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(file, new Snapshot(Files.getLastModifiedTime(file).toMillis(), Files.readAllBytes(file)));
      }
    }
    return files;
  }
}
