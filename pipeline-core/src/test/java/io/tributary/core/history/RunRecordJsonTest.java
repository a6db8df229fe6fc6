package io.tributary.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RunRecordJsonTest {
  private static final LoadWindow NOV4 = new LoadWindow(Instant.parse("2018-11-04T00:00:00Z"),
      Instant.parse("2018-11-05T00:00:00Z"));

  @Test
  void aRecordWithItsSourceAndRepairsReadsBackEqual() {
    RunRecord repair = new RunRecord(1465, 1465, 10, Optional.empty(), Optional.empty(), Duration.ofMillis(5), "p",
        0, new SourceSnapshot(List.of(new SourceColumn("id", "bigint")), Optional.of(42L)), Optional.of(1440L),
        List.of(), Optional.of(new StateCommit("s3a://lake/sales/deposits/current", 12, 1465, Optional.of(3L))));
    RunRecord record = new RunRecord(1440, 1440, 99, Optional.of(NOV4.start()), Optional.empty(),
        Duration.ofMillis(7), "q", 0, new SourceSnapshot(List.of(new SourceColumn("a \"b\", c", "numeric(12,2)")),
            Optional.empty()), Optional.empty(), List.of(new WindowRepair(NOV4, "r-repair", 1440, repair)),
        Optional.empty());
    String json = RunRecordJson.write("job", NOV4.next(), "r", record);
    assertEquals(record, RunRecordJson.read(json));
    assertTrue(RunRecordJson.waiting(json).isEmpty());
  }

  @Test
  void aWaitingReportSaysWhy() {
    String json = RunRecordJson.writeWaiting("job", NOV4, "r", "backend 7 open");
    assertEquals(Optional.of("backend 7 open"), RunRecordJson.waiting(json));
  }
}
