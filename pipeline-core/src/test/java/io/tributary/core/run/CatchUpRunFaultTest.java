package io.tributary.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.testing.HistoryStoreContract;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.testing.MutableClock;
import io.tributary.core.testing.RecordingIngestion;
import io.tributary.core.testing.StoreFaults;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A local catch-up run killed at every write of its bookkeeping (before the write, or after it with the
 * response lost): the next run finishes every window exactly once, and no run is left RUNNING.
 */
@Tag("fast")
class CatchUpRunFaultTest {
  static final Instant NOW = Instant.parse("2018-11-06T00:00:00Z");
  static final Duration LEASE = Duration.ofHours(1);

  InMemoryStores stores;
  MutableClock clock;
  RecordingIngestion lake;
  JobConfig deposit;

  void setUp() {
    stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", HistoryStoreContract.JOB_TABLE));
    deposit = stores.configs().get("deposit").orElseThrow();
    clock = new MutableClock(NOW);
    lake = new RecordingIngestion();
  }

  CatchUpRun catchUp() {
    return new CatchUpRun(stores.configs(), stores.history(), lake, clock, new CatchUpRun.Settings(10, LEASE));
  }

  @Test
  void aCleanRunLoadsBothDueWindowsWithFourWrites() {
    setUp();
    int before = stores.faults().writes();

    List<WindowOutcome> outcomes = catchUp().runAll();

    assertEquals(List.of(WindowOutcome.Result.SUCCEEDED, WindowOutcome.Result.SUCCEEDED),
        outcomes.stream().map(WindowOutcome::result).toList());
    assertEquals(4, stores.faults().writes() - before, "start + succeed per window");
    assertConverged();
  }

  @Test
  void aCrashAtAnyWriteConvergesOnTheNextRun() {
    List<String> cases = new ArrayList<>();
    for (int write = 1; write <= 4; write++) {
      for (String fault : List.of("refused", "response lost")) {
        setUp();
        int n = stores.faults().writes() + write;
        BiConsumer<StoreFaults, Integer> inject = fault.equals("refused") ? StoreFaults::refuse : StoreFaults::loseResponse;
        inject.accept(stores.faults(), n);

        assertThrows(StoreFaults.InjectedFault.class, () -> catchUp().runAll(), "write " + write + " " + fault);
        stores.faults().clear();
        clock.advance(LEASE.plusMinutes(1)); // the crashed run's lease has expired
        catchUp().runAll();

        assertConverged();
        cases.add(write + " " + fault);
      }
    }
    assertEquals(8, cases.size());
  }

  @Test
  void aRunStartedTwiceAfterALostResponseIsOneRun() {
    setUp();
    WindowBookkeeping bookkeeping = new WindowBookkeeping(stores.history(), clock, LEASE);
    stores.faults().loseResponse(stores.faults().writes() + 1);

    assertThrows(StoreFaults.InjectedFault.class,
        () -> bookkeeping.start(deposit, deposit.window(), "run-1", "j-1", WindowBookkeeping.Mode.LIVE));
    JobRun run = bookkeeping.start(deposit, deposit.window(), "run-1", "j-1", WindowBookkeeping.Mode.LIVE);
    stores.faults().loseResponse(stores.faults().writes() + 1);
    assertThrows(StoreFaults.InjectedFault.class, () -> bookkeeping.succeed(run,
        lake.ingest(deposit, deposit.window(), "run-1"), WindowBookkeeping.Mode.LIVE));
    bookkeeping.succeed(run, lake.ingest(deposit, deposit.window(), "run-1"), WindowBookkeeping.Mode.LIVE);

    assertEquals(List.of(run.runId()), stores.history().runs("deposit").stream().map(JobRun::runId).toList());
    assertEquals(deposit.window().next(), stores.configs().get("deposit").orElseThrow().window());
  }

  @Test
  void aFailedWindowStopsItsJobKeepingTheWindowAndIsRetriedNextRun() {
    setUp();
    lake.failing(deposit.window().next());

    List<WindowOutcome> outcomes = catchUp().runAll();

    assertEquals(List.of(WindowOutcome.Result.SUCCEEDED, WindowOutcome.Result.FAILED),
        outcomes.stream().map(WindowOutcome::result).toList());
    JobConfig job = stores.configs().get("deposit").orElseThrow();
    assertEquals(deposit.window().next(), job.window());
    assertEquals(JobStatus.FAILED, job.state().status());
    assertTrue(outcomes.get(1).error().orElseThrow().contains("source unreachable"));
  }

  @Test
  void aBackfillReloadsPastWindowsWithoutMovingTheJob() {
    setUp();
    catchUp().runAll();
    JobConfig before = stores.configs().get("deposit").orElseThrow();

    List<WindowOutcome> outcomes = catchUp().backfill(before, List.of(deposit.window()));

    assertEquals(WindowOutcome.Result.SUCCEEDED, outcomes.get(0).result());
    assertEquals(before, stores.configs().get("deposit").orElseThrow());
    assertEquals(3, lake.runs().size());
  }

  @Test
  void aWindowHeldByAnotherRunIsSkippedNamingTheHolder() {
    setUp();
    stores.history().start("deposit", deposit.window(), "other-run", NOW, LEASE);

    List<WindowOutcome> outcomes = catchUp().runAll();

    assertEquals(WindowOutcome.Result.SKIPPED_BUSY, outcomes.get(0).result());
    assertTrue(outcomes.get(0).error().orElseThrow().contains("other-run"));
    assertEquals(deposit.window(), stores.configs().get("deposit").orElseThrow().window());
  }

  /** Both due windows loaded once each, the job two windows on, and no run left RUNNING. */
  void assertConverged() {
    LoadWindow first = deposit.window();
    LoadWindow second = first.next();
    JobConfig job = stores.configs().get("deposit").orElseThrow();
    assertEquals(second.next(), job.window());
    assertEquals(JobStatus.SUCCEEDED, job.state().status());
    List<JobRun> runs = stores.history().runs("deposit");
    Map<LoadWindow, Long> succeeded = runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED)
        .collect(Collectors.groupingBy(JobRun::window, Collectors.counting()));
    assertEquals(Map.of(first, 1L, second, 1L), succeeded, runs.toString());
    assertTrue(runs.stream().noneMatch(r -> r.status() == RunStatus.RUNNING), runs.toString());
    assertEquals(java.util.Set.of(first, second), lake.lake().keySet());
    for (JobRun run : runs) {
      if (run.status() == RunStatus.SUCCEEDED) {
        assertEquals(run.runId(), lake.lake().get(run.window()), "the lake holds what the recorded run wrote");
      }
    }
  }
}
