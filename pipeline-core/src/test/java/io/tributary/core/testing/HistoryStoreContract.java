package io.tributary.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.ConcurrentWindowChangeException;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.JobUpdate;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunStatus;
import io.tributary.core.history.SourceColumn;
import io.tributary.core.history.SourceSnapshot;
import io.tributary.core.history.RunTakenOverException;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryStore} (with its {@link ConfigStore}) must do, run against the in-memory stores
 * and against DynamoDB Local: exclusive windows, one atomic operation per step, idempotent retries per run
 * id, and abandoned runs that end.
 */
public abstract class HistoryStoreContract {
  /** A config store and the history store that commits job updates to it. */
  public record Stores(ConfigStore configs, HistoryStore history) {}

  public static final String JOB_TABLE = "job_name | load_date | load_window_start | load_window_stop | job_flow_id"
      + " | job_status | output_dir | script_source | database_name | table_name | window_db_column"
      + " | partition_by_col | lower_bound | upper_bound | num_partitions\n"
      + "deposit | - | 2018-11-04 00:00:00 | 2018-11-05 00:00:00 | - | PENDING | s3://lake/RAW | jdbc-ingest"
      + " | sales | deposits | created_at | quarter | 1 | 1000 | 10\n";
  static final Instant NOW = Instant.parse("2018-11-06T00:00:00Z");
  static final Duration LEASE = Duration.ofHours(1);
  static final RunRecord RECORD = new RunRecord(5, 5, 100, Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
      "s3://lake/RAW/x");

  protected ConfigStore configs;
  protected HistoryStore history;
  protected JobConfig deposit;

  /** Fresh, empty stores. */
  protected abstract Stores newStores();

  @BeforeEach
  void loadJob() {
    Stores stores = newStores();
    configs = stores.configs();
    history = stores.history();
    configs.load(JobTableParser.parse("config.txt", JOB_TABLE));
    deposit = configs.get("deposit").orElseThrow();
  }

  JobRun startLive(String runId, Instant now) {
    return history.start("deposit", deposit.window(), runId, now, LEASE, false,
        Optional.of(JobUpdate.running("j-CLUSTER1")));
  }

  @Test
  void startingMarksTheJobRunningInTheSameOperation() {
    startLive("run-1", NOW);

    JobConfig job = configs.get("deposit").orElseThrow();
    assertEquals(JobStatus.RUNNING, job.state().status());
    assertEquals("j-CLUSTER1", job.state().jobFlowId());
    assertEquals(RunStatus.RUNNING, history.runs("deposit").get(0).status());
  }

  @Test
  void aRunningWindowIsRefusedToAnotherRunNamingTheHolderAndItsLease() {
    startLive("run-1", NOW);

    WindowAlreadyRunningException busy = assertThrows(WindowAlreadyRunningException.class,
        () -> startLive("run-2", NOW.plusSeconds(60)));
    assertEquals("run-1", busy.holderRunId());
    assertEquals(Optional.of(NOW.plus(LEASE)), busy.heldUntil());
    assertEquals(1, history.runs("deposit").size());
  }

  @Test
  void startingAgainWithTheSameRunIdReturnsTheStoredRun() {
    JobRun first = startLive("run-1", NOW);

    JobRun again = startLive("run-1", NOW.plusSeconds(5));

    assertEquals(first, again);
    assertEquals(1, history.runs("deposit").size());
  }

  @Test
  void succeedingRecordsTheRunAndRotatesTheJobTogether() {
    JobRun run = startLive("run-1", NOW);

    history.succeed(run, RECORD, NOW.plusSeconds(10),
        Optional.of(JobUpdate.rotated(deposit.window(), LocalDate.parse("2018-11-06"))));

    JobConfig job = configs.get("deposit").orElseThrow();
    assertEquals(deposit.window().next(), job.window());
    assertEquals(JobStatus.SUCCEEDED, job.state().status());
    assertEquals(Optional.of(LocalDate.parse("2018-11-06")), job.state().loadDate());
    assertEquals("j-CLUSTER1", job.state().jobFlowId());
    JobRun stored = history.runs("deposit").get(0);
    assertEquals(RunStatus.SUCCEEDED, stored.status());
    assertEquals(Optional.of(RECORD), stored.result());
  }

  @Test
  void aWaitingRunKeepsTheJobOnItsWindowFreesItAndKeepsTheSourceItSaw() {
    JobRun run = startLive("run-1", NOW);
    history.waited(run, "backend 42 open", NOW.plusSeconds(10), Optional.of(JobUpdate.waiting()));
    JobRun again = history.waited(run, "backend 42 open", NOW.plusSeconds(20), Optional.of(JobUpdate.waiting()));

    assertEquals(RunStatus.WAITING, again.status());
    assertEquals(Optional.of("backend 42 open"), history.runs("deposit").get(0).error());
    assertEquals(JobStatus.WAITING, configs.get("deposit").orElseThrow().state().status());
    assertEquals(deposit.window(), configs.get("deposit").orElseThrow().window());
    JobRun next = startLive("run-2", NOW.plusSeconds(30));
    RunRecord seen = RECORD.withSource(new SourceSnapshot(List.of(new SourceColumn("amount", "numeric(12,2)")),
        Optional.of(-17L))).asRepairOf(4);
    history.succeed(next, seen, NOW.plusSeconds(40));
    assertEquals(Optional.of(seen), history.runs("deposit").get(0).result());
  }

  @Test
  void aCompletionRetriedAfterItsResponseWasLostAdvancesTheWindowOnce() {
    JobRun run = startLive("run-1", NOW);
    Optional<JobUpdate> rotate = Optional.of(JobUpdate.rotated(deposit.window(), LocalDate.parse("2018-11-06")));
    JobRun first = history.succeed(run, RECORD, NOW.plusSeconds(10), rotate);

    JobRun retried = history.succeed(run, RECORD, NOW.plusSeconds(20), rotate);

    assertEquals(first, retried);
    assertEquals(deposit.window().next(), configs.get("deposit").orElseThrow().window());
    assertEquals(List.of(first), history.runs("deposit"));
  }

  @Test
  void aRotationFromAWindowTheJobNoLongerHasChangesNothing() {
    JobRun run = startLive("run-1", NOW);
    LoadWindow elsewhere = deposit.window().next();

    assertThrows(ConcurrentWindowChangeException.class, () -> history.succeed(run, RECORD, NOW.plusSeconds(10),
        Optional.of(JobUpdate.rotated(elsewhere, LocalDate.parse("2018-11-06")))));

    assertEquals(RunStatus.RUNNING, history.runs("deposit").get(0).status());
    assertEquals(deposit.window(), configs.get("deposit").orElseThrow().window());
  }

  @Test
  void aSucceededWindowStartsAgainOnlyAsARerun() {
    history.succeed(startLive("run-1", NOW), RECORD, NOW.plusSeconds(10), Optional.empty());

    assertThrows(WindowAlreadyRunningException.class, () -> startLive("run-2", NOW.plusSeconds(20)));
    JobRun rerun = history.start("deposit", deposit.window(), "backfill-1", NOW.plusSeconds(30), LEASE, true);
    assertEquals(RunStatus.RUNNING, rerun.status());
  }

  @Test
  void aRunWhoseExpiredLeaseIsTakenOverEndsAsAbandonedAndCannotCompleteLater() {
    JobRun crashed = startLive("run-1", NOW);

    JobRun takeover = startLive("run-2", NOW.plus(LEASE).plusSeconds(1));

    JobRun abandoned = history.runs("deposit").stream().filter(r -> r.runId().equals("run-1")).findFirst().orElseThrow();
    assertEquals(RunStatus.ABANDONED, abandoned.status());
    assertTrue(abandoned.error().orElseThrow().contains("run-2"), abandoned.error().toString());
    assertEquals(Optional.of(NOW.plus(LEASE).plusSeconds(1)), abandoned.endedAt());
    Optional<JobUpdate> rotate = Optional.of(JobUpdate.rotated(deposit.window(), LocalDate.parse("2018-11-06")));
    assertThrows(RunTakenOverException.class, () -> history.succeed(crashed, RECORD, NOW.plus(LEASE), rotate));
    assertEquals(deposit.window(), configs.get("deposit").orElseThrow().window());
    history.succeed(takeover, RECORD, NOW.plus(LEASE).plusSeconds(60), rotate);
    assertEquals(deposit.window().next(), configs.get("deposit").orElseThrow().window());
  }

  @Test
  void failingKeepsTheWindowAndARepeatedFailureIsANoOp() {
    JobRun run = startLive("run-1", NOW);

    JobRun failed = history.fail(run, "boom", NOW.plusSeconds(5), Optional.of(JobUpdate.failed()));
    JobRun again = history.fail(run, "boom again", NOW.plusSeconds(6), Optional.of(JobUpdate.failed()));

    assertEquals(failed, again);
    assertEquals(Optional.of("boom"), history.runs("deposit").get(0).error());
    JobConfig job = configs.get("deposit").orElseThrow();
    assertEquals(deposit.window(), job.window());
    assertEquals(JobStatus.FAILED, job.state().status());
    startLive("run-2", NOW.plusSeconds(7)); // a failed window is free again
  }
}
