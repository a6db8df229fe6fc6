package io.tributary.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.storage.LocalFileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing staged files: whole files over their targets, stale siblings gone, staging discarded. */
@Tag("fast")
class StagedPublisherTest {
  @TempDir Path dir;

  @Test
  void aStagedFileReplacesItsTargetAndItsStaleSiblings() throws Exception {
    Path target = dir.resolve("year=2020/1577836800.arrow.zst");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "old");
    Files.writeString(dir.resolve("year=2020/1577836800.arrow.gz"), "old codec");
    Files.writeString(dir.resolve("year=2020/1609459200.arrow.zst"), "another partition");
    Path staged = dir.resolve("_staging/run/a");
    Files.createDirectories(staged.getParent());
    Files.writeString(staged, "new");
    StagedPublisher publisher = new StagedPublisher(new LocalFileStore());

    publisher.replace(staged.toUri().toString(), target.toUri().toString(), "1577836800.");

    assertEquals("new", Files.readString(target));
    assertFalse(Files.exists(staged));
    assertEquals(List.of("1577836800.arrow.zst", "1609459200.arrow.zst"),
        Files.list(target.getParent()).map(p -> p.getFileName().toString()).sorted().toList());
  }

  @Test
  void aPartitionLeftWithoutRowsIsRemovedAndStagingDiscarded() throws Exception {
    Path target = dir.resolve("day=01/part.parquet");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "rows");
    Files.createDirectories(dir.resolve("_staging/run/x"));
    StagedPublisher publisher = new StagedPublisher(new LocalFileStore());

    assertTrue(publisher.remove(target.toUri().toString(), null));
    assertFalse(publisher.remove(target.toUri().toString(), null), "nothing left to remove");
    publisher.discard(dir.resolve("_staging/run").toUri().toString());

    assertFalse(Files.exists(target));
    assertFalse(Files.exists(dir.resolve("_staging/run")));
  }
}
