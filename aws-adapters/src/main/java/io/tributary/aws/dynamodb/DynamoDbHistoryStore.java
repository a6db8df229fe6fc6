package io.tributary.aws.dynamodb;

import static io.tributary.aws.dynamodb.DynamoDbConfigStore.s;

import java.util.concurrent.ThreadLocalRandom;
import io.tributary.core.history.ConcurrentWindowChangeException;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.JobUpdate;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunStatus;
import io.tributary.core.history.RunTakenOverException;
import io.tributary.core.history.SourceSchemaText;
import io.tributary.core.history.SourceSnapshot;
import io.tributary.core.history.StateCommit;
import io.tributary.core.history.WindowLease;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Run history in DynamoDB. Each job has, under its {@code job_name}, one item per run ({@code
 * sk = RUN#<window start>#<started at>#<run id>}) and one lease item per window ({@code
 * sk = LEASE#<start>#<stop>}, naming the run that holds it). Starting, succeeding and failing a run are
 * each one {@code TransactWriteItems}: the run item, the lease, and (given a {@link JobUpdate}) the job's
 * item in the config table. A lease is taken only in the state it was read in (optimistic), so two starters
 * never both win; a lease released by a successful run is free only to a deliberate re-run, so
 * overlapping executions load each window once; an expired lease's run is marked ABANDONED in the
 * transaction that takes it over.
 */
public final class DynamoDbHistoryStore implements HistoryStore {
  private static final String RUN_PREFIX = "RUN#";
  private static final String LEASE_PREFIX = "LEASE#";
  private static final int START_ATTEMPTS = 5;
  /** How often ending a run is tried when another transaction touched its items at the same time. */
  private static final int END_ATTEMPTS = 5;

  private final DynamoDbClient client;
  private final String table;
  private final JobItemUpdates jobs;

  public DynamoDbHistoryStore(DynamoDbClient client, TributaryTables tables) {
    this.client = client;
    this.table = tables.historyTable();
    this.jobs = new JobItemUpdates(tables.configTable());
  }

  @Override
  public JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun,
      Optional<JobUpdate> job) {
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> held = client.getItem(b -> b.tableName(table).consistentRead(true)
          .key(leaseKey(jobName, window))).item();
      Optional<WindowLease> current = lease(jobName, window, held);
      if (current.isPresent() && current.get().heldBy(runId)) {
        return JobRun.started(jobName, window, runId, current.get().startedAt()); // started before; response lost
      }
      if (current.isPresent() && !current.get().free(now, rerun)) {
        throw current.get().refusal(jobName, window);
      }
      JobRun run = JobRun.started(jobName, window, runId, now);
      List<TransactWriteItem> writes = new ArrayList<>();
      writes.add(TransactWriteItem.builder().put(takeLease(run, held, now.plus(lease))).build());
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(run))
          .conditionExpression("attribute_not_exists(sk)").build()).build());
      if (current.isPresent() && current.get().abandonsHolder()) {
        writes.add(TransactWriteItem.builder().update(abandon(jobName, window, held, runId, now)).build());
      }
      job.ifPresent(update -> writes.add(TransactWriteItem.builder().update(jobs.update(jobName, update)).build()));
      try {
        client.transactWriteItems(b -> b.transactItems(writes));
        return run;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (job.isPresent() && failed(reasons, writes.size() - 1)) {
          throw jobRefused(jobName, job.get());
        }
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        // The lease (or the run it named) changed since it was read: read it again and decide again.
      }
    }
  }

  @Override
  public JobRun succeed(JobRun run, RunRecord record, Instant now, Optional<JobUpdate> job) {
    return end(run.succeeded(record, now), job);
  }

  @Override
  public JobRun fail(JobRun run, String error, Instant now, Optional<JobUpdate> job) {
    return end(run.failed(error, now), job);
  }

  @Override
  public JobRun waited(JobRun run, String reason, Instant now, Optional<JobUpdate> job) {
    return end(run.waiting(reason, now), job);
  }

  /**
   * Replaces the run item with its ended form, releases the window and applies {@code job}, all or nothing;
   * when the run has already ended, returns it as stored (a retry after a lost response).
   */
  private JobRun end(JobRun ended, Optional<JobUpdate> job) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(ended))
        .conditionExpression("#status = :running")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":running", s(RunStatus.RUNNING.name())))
        .returnValuesOnConditionCheckFailure("ALL_OLD")
        .build()).build());
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(leaseKey(ended.jobName(), ended.window()))
        .updateExpression("SET #status = :status")
        .conditionExpression("run_id = :run")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":status", s(ended.status().name()), ":run", s(ended.runId())))
        .build()).build());
    job.ifPresent(update -> writes.add(TransactWriteItem.builder().update(jobs.update(ended.jobName(), update)).build()));
    for (int attempt = 1; ; attempt++) {
      try {
        client.transactWriteItems(b -> b.transactItems(writes));
        return ended;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (failed(reasons, 0)) {
          return alreadyEnded(ended, reasons.get(0).item());
        }
        if (failed(reasons, 1)) {
          throw new RunTakenOverException(ended, "another run holds its lease");
        }
        if (failed(reasons, 2)) {
          throw jobRefused(ended.jobName(), job.orElseThrow());
        }
        // A transaction on the same items at the same time (another job's window moving the job table's item,
        // a takeover) cancels this one without deciding anything: try again, so a step that succeeded is never
        // recorded FAILED for it.
        if (attempt == END_ATTEMPTS || !conflicted(reasons)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static boolean conflicted(List<CancellationReason> reasons) {
    return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
  }

  /** Waits before attempt {@code attempt + 1}: 50 ms, doubled each time, with full jitter. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 50L << attempt));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a conflicting transaction", interrupted);
    }
  }

  /** The stored run when it has already ended as {@code ended} would; otherwise why it cannot end so. */
  private static JobRun alreadyEnded(JobRun ended, Map<String, AttributeValue> storedItem) {
    if (storedItem == null || storedItem.isEmpty()) {
      throw new IllegalStateException("run " + ended.runId() + " of job '" + ended.jobName() + "' is not in history");
    }
    JobRun stored = fromItem(storedItem);
    if (stored.status() == ended.status() || ended.status() == RunStatus.FAILED) {
      return stored;
    }
    throw new RunTakenOverException(ended, "it is " + stored.status() + stored.error().map(m -> " (" + m + ")").orElse(""));
  }

  private static RuntimeException jobRefused(String jobName, JobUpdate update) {
    return update.move().isPresent()
        ? new ConcurrentWindowChangeException(jobName, update.move().get().from())
        : new IllegalStateException("job '" + jobName + "' left the job table during its run");
  }

  private static boolean failed(List<CancellationReason> reasons, int index) {
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  /** The lease a lease item holds, if the window has one (items written before started_at: from history). */
  private Optional<WindowLease> lease(String jobName, LoadWindow window, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    String runId = item.get("run_id").s();
    Instant startedAt = item.containsKey("started_at") ? Instant.parse(item.get("started_at").s())
        : runs(jobName).stream().filter(r -> r.runId().equals(runId) && r.window().equals(window))
            .map(JobRun::startedAt).findFirst().orElse(Instant.EPOCH);
    return Optional.of(new WindowLease(runId, RunStatus.valueOf(item.get("status").s()),
        Instant.ofEpochMilli(Long.parseLong(item.get("expires_at").n())), startedAt));
  }

  /** The lease item of {@code run}, on condition that the lease is as it was read. */
  private Put takeLease(JobRun run, Map<String, AttributeValue> held, Instant expires) {
    Map<String, AttributeValue> item = new HashMap<>(leaseKey(run.jobName(), run.window()));
    item.put("run_id", s(run.runId()));
    item.put("run_sk", s(runSortKey(run)));
    item.put("started_at", s(run.startedAt().toString()));
    item.put("status", s(RunStatus.RUNNING.name()));
    item.put("expires_at", n(expires.toEpochMilli()));
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (held == null || held.isEmpty()) {
      return put.conditionExpression("attribute_not_exists(sk)").build();
    }
    return put.conditionExpression("run_id = :heldRun AND #status = :heldStatus AND expires_at = :heldExpires")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":heldRun", held.get("run_id"), ":heldStatus", held.get("status"),
            ":heldExpires", held.get("expires_at")))
        .build();
  }

  /** Marks the run holding an expired lease ABANDONED, naming the run taking over. */
  private Update abandon(String jobName, LoadWindow window, Map<String, AttributeValue> lease, String takenOverBy,
      Instant now) {
    return Update.builder().tableName(table)
        .key(Map.of(TributaryTables.JOB_NAME, s(jobName), TributaryTables.SORT_KEY, s(runSortKey(jobName, window, lease))))
        .updateExpression("SET #status = :abandoned, ended_at = :now, #error = :error, taken_over_by = :by")
        .conditionExpression("#status = :running")
        .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
        .expressionAttributeValues(Map.of(":abandoned", s(RunStatus.ABANDONED.name()), ":now", s(now.toString()),
            ":error", s("lease expired; window taken over by run " + takenOverBy), ":by", s(takenOverBy),
            ":running", s(RunStatus.RUNNING.name())))
        .build();
  }

  /** The sort key of the run a lease names (leases written before run_sk existed: found by its run id). */
  private String runSortKey(String jobName, LoadWindow window, Map<String, AttributeValue> lease) {
    if (lease.containsKey("run_sk")) {
      return lease.get("run_sk").s();
    }
    String runId = lease.get("run_id").s();
    return runs(jobName).stream().filter(r -> r.runId().equals(runId) && r.window().equals(window))
        .map(DynamoDbHistoryStore::runSortKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("lease of job '" + jobName + "' window " + window
            + " names run " + runId + ", which is not in history"));
  }

  @Override
  public List<JobRun> runs(String jobName) {
    List<JobRun> runs = new ArrayList<>();
    client.queryPaginator(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("job_name = :job AND begins_with(sk, :prefix)")
            .expressionAttributeValues(Map.of(":job", s(jobName), ":prefix", s(RUN_PREFIX))))
        .items().forEach(item -> runs.add(fromItem(item)));
    runs.sort(Comparator.comparing(JobRun::startedAt).thenComparing(JobRun::runId).reversed());
    return runs;
  }

  private static Map<String, AttributeValue> leaseKey(String jobName, LoadWindow window) {
    return Map.of(TributaryTables.JOB_NAME, s(jobName),
        TributaryTables.SORT_KEY, s(LEASE_PREFIX + window.start() + "#" + window.stop()));
  }

  private static String runSortKey(JobRun run) {
    return RUN_PREFIX + run.window().start() + "#" + run.startedAt() + "#" + run.runId();
  }

  private static Map<String, AttributeValue> toItem(JobRun run) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TributaryTables.JOB_NAME, s(run.jobName()));
    item.put(TributaryTables.SORT_KEY, s(runSortKey(run)));
    item.put("run_id", s(run.runId()));
    item.put("window_start", s(run.window().start().toString()));
    item.put("window_stop", s(run.window().stop().toString()));
    item.put("status", s(run.status().name()));
    item.put("started_at", s(run.startedAt().toString()));
    run.endedAt().ifPresent(t -> item.put("ended_at", s(t.toString())));
    run.error().ifPresent(e -> item.put("error", s(e)));
    run.result().ifPresent(r -> {
      item.put("rows_read", n(r.rowsRead()));
      item.put("rows_written", n(r.rowsWritten()));
      item.put("rows_rejected", n(r.rowsRejected()));
      item.put("bytes_written", n(r.bytesWritten()));
      item.put("duration_ms", n(r.duration().toMillis()));
      item.put("output_path", s(r.outputPath()));
      r.windowColumnMin().ifPresent(t -> item.put("window_column_min", s(t.toString())));
      r.windowColumnMax().ifPresent(t -> item.put("window_column_max", s(t.toString())));
      if (!r.source().schema().isEmpty()) {
        item.put("source_schema", s(SourceSchemaText.write(r.source().schema())));
      }
      r.source().checksum().ifPresent(c -> item.put("source_checksum", n(c)));
      r.rowsBeforeRepair().ifPresent(b -> item.put("rows_before_repair", n(b)));
      r.currentState().ifPresent(c -> {
        item.put("state_table", s(c.table()));
        item.put("state_version", n(c.version()));
        item.put("state_rows", n(c.rows()));
        c.deletedKeys().ifPresent(d -> item.put("state_deleted_keys", n(d)));
      });
    });
    return item;
  }

  private static JobRun fromItem(Map<String, AttributeValue> item) {
    Optional<RunRecord> result = item.containsKey("rows_read")
        ? Optional.of(new RunRecord(
            num(item, "rows_read"), num(item, "rows_written"), num(item, "bytes_written"),
            instant(item, "window_column_min"), instant(item, "window_column_max"),
            Duration.ofMillis(num(item, "duration_ms")), item.get("output_path").s(),
            item.containsKey("rows_rejected") ? num(item, "rows_rejected") : 0,
            new SourceSnapshot(item.containsKey("source_schema")
                ? SourceSchemaText.read(item.get("source_schema").s()) : List.of(),
                Optional.ofNullable(item.get("source_checksum")).map(v -> Long.parseLong(v.n()))),
            Optional.ofNullable(item.get("rows_before_repair")).map(v -> Long.parseLong(v.n())), List.of(),
            Optional.ofNullable(item.get("state_table")).map(t -> new StateCommit(t.s(), num(item, "state_version"),
                num(item, "state_rows"), Optional.ofNullable(item.get("state_deleted_keys"))
                .map(v -> Long.parseLong(v.n()))))))
        : Optional.empty();
    return new JobRun(
        item.get(TributaryTables.JOB_NAME).s(),
        new LoadWindow(Instant.parse(item.get("window_start").s()), Instant.parse(item.get("window_stop").s())),
        item.get("run_id").s(),
        RunStatus.valueOf(item.get("status").s()),
        Instant.parse(item.get("started_at").s()),
        instant(item, "ended_at"),
        result,
        Optional.ofNullable(item.get("error")).map(AttributeValue::s));
  }

  private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(v -> Instant.parse(v.s()));
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
