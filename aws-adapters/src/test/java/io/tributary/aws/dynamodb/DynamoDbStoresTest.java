package io.tributary.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.reflect.Proxy;
import java.lang.reflect.InvocationTargetException;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.ConcurrentWindowChangeException;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunStatus;
import io.tributary.core.history.StateCommit;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbStoresTest {
  static final String HEADER = "job_name | load_date | load_window_start | load_window_stop | job_flow_id"
      + " | job_status | output_dir | script_source | database_name | table_name | window_db_column"
      + " | partition_by_col | lower_bound | upper_bound | num_partitions\n";
  static final String ROWS = HEADER
      + "deposit | - | 2018-11-04 00:00:00 | 2018-11-05 00:00:00 | - | PENDING | s3://lake/RAW | jdbc-ingest"
      + " | sales | deposits | created_at | quarter | 1 | 1000 | 10\n"
      + "loan | 2018-11-03 | 2018-11-04 06:00:00 | 2018-11-04 12:00:00 | j-1K48XXXXXXHCB | SUCCEEDED | file:/tmp/l"
      + " | jdbc-ingest | sales | public.loans | created_at | id | -5 | 5 | 2\n";
  static final Instant NOW = Instant.parse("2018-11-06T00:00:00Z");

  static DynamoDbLocalProcess dynamo;
  static DynamoDbClient client;
  DynamoDbConfigStore configs;
  DynamoDbHistoryStore history;
  TributaryTables tables;

  @BeforeAll
  static void startDynamoDbLocal() {
    dynamo = DynamoDbLocalProcess.start();
    client = dynamo.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  @BeforeEach
  void freshTables() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    tables = new TributaryTables("config_" + suffix, "history_" + suffix);
    tables.createIfMissing(client);
    configs = new DynamoDbConfigStore(client, tables.configTable());
    history = new DynamoDbHistoryStore(client, tables);
  }

  @Test
  void loadedJobsReadBackEqual() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", ROWS);

    configs.load(jobs);

    assertEquals(jobs, configs.all());
    assertEquals(Optional.of(jobs.get(1)), configs.get("loan"));
    assertEquals(Optional.empty(), configs.get("nope"));
  }

  @Test
  void jobRemovedFromTheFileIsDisabledNotDeleted() {
    List<JobConfig> jobs = JobTableParser.parse("config.txt", ROWS);
    configs.load(jobs);

    configs.load(List.of(jobs.get(0)));

    assertEquals(JobStatus.DISABLED, configs.get("loan").orElseThrow().state().status());
    assertEquals(JobStatus.PENDING, configs.get("deposit").orElseThrow().state().status());
  }

  @Test
  void advanceMovesTheWindowOnlyFromTheExpectedOne() {
    JobConfig deposit = JobTableParser.parse("config.txt", ROWS).get(0);
    configs.load(List.of(deposit));
    LoadWindow next = deposit.window().next();
    JobState done = new JobState(Optional.of(java.time.LocalDate.of(2018, 11, 6)), "-", JobStatus.SUCCEEDED);

    configs.advance("deposit", deposit.window(), next, done);

    JobConfig stored = configs.get("deposit").orElseThrow();
    assertEquals(next, stored.window());
    assertEquals(done, stored.state());
    assertThrows(ConcurrentWindowChangeException.class,
        () -> configs.advance("deposit", deposit.window(), next, done));
  }

  @Test
  void aRunEndingWhileAnotherTransactionTouchesItsItemsIsRecordedOnceAfterTheConflict() {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    AtomicInteger conflicts = new AtomicInteger(2);
    DynamoDbClient conflicting = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("transactWriteItems") && conflicts.getAndDecrement() > 0) {
            throw TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(CancellationReason.builder().code("None").build(),
                    CancellationReason.builder().code("TransactionConflict").build())
                .build();
          }
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    DynamoDbHistoryStore store = new DynamoDbHistoryStore(conflicting, tables);
    JobRun run = history.start("deposit", window, "run-1", NOW, Duration.ofHours(1));

    store.succeed(run, new RunRecord(1, 1, 10, Optional.empty(), Optional.empty(), Duration.ofMillis(5), "file:/o", 0),
        NOW.plusSeconds(5));

    assertEquals(-1, conflicts.get(), "two conflicts, then the write");
    assertEquals(RunStatus.SUCCEEDED, history.runs("deposit").get(0).status());
  }

  @Test
  void historyKeepsOneItemPerRunWithItsFigures() {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    JobRun first = history.start("deposit", window, "run-1", NOW, Duration.ofHours(1));
    history.fail(first, "SQLException: boom", NOW.plusSeconds(5));
    JobRun second = history.start("deposit", window, "run-2", NOW.plusSeconds(10), Duration.ofHours(1));
    RunRecord record = new RunRecord(45, 42, 4096, Optional.of(window.start()), Optional.of(NOW.minusSeconds(1)),
        Duration.ofMillis(1234), "file:/tmp/out/load_date=2018-11-05", 3)
        .withCurrentState(new StateCommit("file:/tmp/out/current", 4, 42, Optional.of(2L)));
    history.succeed(second, record, NOW.plusSeconds(20));

    List<JobRun> runs = history.runs("deposit");

    assertEquals(2, runs.size());
    JobRun newest = runs.get(0);
    assertEquals("run-2", newest.runId());
    assertEquals(RunStatus.SUCCEEDED, newest.status());
    assertEquals(Optional.of(record), newest.result());
    assertEquals(Optional.of(NOW.plusSeconds(20)), newest.endedAt());
    assertEquals(window, newest.window());
    JobRun failed = runs.get(1);
    assertEquals(RunStatus.FAILED, failed.status());
    assertEquals(Optional.of("SQLException: boom"), failed.error());
    assertEquals(Optional.empty(), failed.result());
  }

  @Test
  void sameWindowCannotBeRunningTwice() {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    history.start("deposit", window, "run-1", NOW, Duration.ofHours(1));

    WindowAlreadyRunningException e = assertThrows(WindowAlreadyRunningException.class,
        () -> history.start("deposit", window, "run-2", NOW.plusSeconds(1), Duration.ofHours(1)));

    assertTrue(e.getMessage().contains("run-1"), e.getMessage());
    assertEquals(1, history.runs("deposit").size());
    // another window of the same job, and the same window of another job, are free
    history.start("deposit", window.next(), "run-3", NOW, Duration.ofHours(1));
    history.start("loan", window, "run-4", NOW, Duration.ofHours(1));
  }

  @Test
  void expiredLeaseOfACrashedRunCanBeTakenOver() {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    history.start("deposit", window, "crashed", NOW, Duration.ofMinutes(10));

    JobRun takeover = history.start("deposit", window, "rescue", NOW.plus(Duration.ofMinutes(11)), Duration.ofHours(1));

    assertEquals("rescue", takeover.runId());
  }

  @Test
  void concurrentStartsOfOneWindowLetExactlyOneThrough() throws Exception {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    int contenders = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      String runId = "run-" + i;
      Callable<Boolean> attempt = () -> {
        go.await();
        try {
          history.start("deposit", window, runId, NOW, Duration.ofHours(1));
          return true;
        } catch (WindowAlreadyRunningException | software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
          return false;
        }
      };
      results.add(pool.submit(attempt));
    }
    go.countDown();
    int started = 0;
    for (Future<Boolean> result : results) {
      started += result.get() ? 1 : 0;
    }
    pool.shutdown();

    assertEquals(1, started);
    assertEquals(1, history.runs("deposit").size());
  }

  @Test
  void succeededWindowIsNotRunAgainUnlessRerunIsAsked() {
    LoadWindow window = new LoadWindow(NOW.minus(Duration.ofDays(1)), NOW);
    JobRun first = history.start("deposit", window, "scheduled", NOW, Duration.ofHours(1));
    history.succeed(first, new RunRecord(1, 1, 1, Optional.empty(), Optional.empty(), Duration.ZERO, "p"), NOW);

    WindowAlreadyRunningException e = assertThrows(WindowAlreadyRunningException.class,
        () -> history.start("deposit", window, "manual", NOW.plusSeconds(1), Duration.ofHours(1)));
    JobRun backfill = history.start("deposit", window, "backfill", NOW.plusSeconds(2), Duration.ofHours(1), true);

    assertTrue(e.getMessage().contains("already loaded by run scheduled"), e.getMessage());
    assertEquals("backfill", backfill.runId());
    assertEquals(2, history.runs("deposit").size());
  }

  @Test
  void invalidUploadLeavesThePreviousJobTableInForceAndAlerts() {
    List<String> alerts = new ArrayList<>();
    io.tributary.core.config.JobTableSync sync = new io.tributary.core.config.JobTableSync(configs, alerts::add);
    sync.sync("s3://bucket/config/config.txt", ROWS);

    assertThrows(io.tributary.core.config.InvalidJobTableException.class,
        () -> sync.sync("s3://bucket/config/config.txt", ROWS.replace("| deposits |", "| deposits;drop |")));

    assertEquals(JobTableParser.parse("config.txt", ROWS), configs.all());
    assertEquals(1, alerts.size());
    assertTrue(alerts.get(0).contains("s3://bucket/config/config.txt:2: table_name: 'deposits;drop'"), alerts.get(0));
    assertTrue(alerts.get(0).endsWith("The previous job table stays in force."));
  }
}
