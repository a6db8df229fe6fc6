package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.local.sfn.LocalEmrCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counts a local run prints for docs/cost.md come from the real clients and file system. */
class CloudUsageTest {
  @Test
  void everyDynamoDbRequestOfTheCliIsCountedByOperation() {
    long before;
    try (LocalStores stores = LocalStores.start()) {
      before = AwsRequestCounter.counts().getOrDefault("DynamoDb.GetItem", 0L);
      stores.configs().get("no-such-job");
      stores.configs().get("no-such-job");
    }
    assertEquals(before + 2, AwsRequestCounter.counts().get("DynamoDb.GetItem"));
    assertTrue(AwsRequestCounter.counts().getOrDefault("DynamoDb.CreateTable", 0L) > 0);
  }

  @Test
  void dynamoDbRequestsSplitIntoWritesAndReadsAsBilledAndTableAdministrationIsLeftOut() {
    CloudUsage usage = new CloudUsage(new LocalEmrCluster.Usage(1, 3, 12.5), 1, 20, Map.of("PlanRun", 1L),
        Map.of("DynamoDb.PutItem", 4L, "DynamoDb.UpdateItem", 2L, "DynamoDb.TransactWriteItems", 1L,
            "DynamoDb.GetItem", 5L, "DynamoDb.Query", 3L, "DynamoDb.CreateTable", 7L, "DynamoDb.ListTables", 1L,
            "Glue.GetTable", 9L),
        new CloudUsage.LakeWrites(5, 2_000_000));

    assertEquals(7, usage.dynamoDbWrites());
    assertEquals(8, usage.dynamoDbReads());
    assertTrue(usage.render().contains("DynamoDB        7 writes, 8 reads"), usage.render());
    assertTrue(usage.render().contains("Lake            5 objects written (S3 PUTs), 2.0 MB"), usage.render());
  }

  @Test
  void theLakesWritesAreTheFilesWrittenSinceTheRunBeganWithoutChecksums(@TempDir Path lake) throws Exception {
    Path old = Files.writeString(Files.createDirectories(lake.resolve("a/b")).resolve("old.parquet"), "old");
    Files.setLastModifiedTime(old,
        java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T00:00:00Z")));
    java.time.Instant began = java.time.Instant.now().minusSeconds(1);
    Files.write(lake.resolve("a/b/part-0.parquet"), new byte[1000]);
    Files.write(lake.resolve("a/_SUCCESS"), new byte[0]);
    Files.write(lake.resolve("a/b/.part-0.parquet.crc"), new byte[16]);

    assertEquals(new CloudUsage.LakeWrites(2, 1000), CloudUsage.LakeWrites.since(lake, began));
    assertEquals(new CloudUsage.LakeWrites(0, 0), CloudUsage.LakeWrites.since(lake.resolve("none"), began));
  }
}
