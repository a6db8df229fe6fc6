package io.tributary.aws.dynamodb;

import static io.tributary.aws.dynamodb.DynamoDbConfigStore.s;

import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunStatus;
import io.tributary.core.history.WindowAlreadyRunningException;
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
 * sk = LEASE#<start>#<stop>}). Starting a run writes both in one transaction, on condition that the
 * lease is free: never taken, released by a failed run, or expired. A lease released by a successful run
 * is free only to a deliberate re-run, so overlapping executions load each window once.
 */
public final class DynamoDbHistoryStore implements HistoryStore {
  private static final String RUN_PREFIX = "RUN#";
  private static final String LEASE_PREFIX = "LEASE#";

  private final DynamoDbClient client;
  private final String table;

  public DynamoDbHistoryStore(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  @Override
  public JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun) {
    JobRun run = JobRun.started(jobName, window, runId, now);
    Map<String, AttributeValue> leaseItem = new HashMap<>(leaseKey(jobName, window));
    leaseItem.put("run_id", s(runId));
    leaseItem.put("status", s(RunStatus.RUNNING.name()));
    leaseItem.put("expires_at", n(now.plus(lease).toEpochMilli()));
    Put takeLease = Put.builder().tableName(table).item(leaseItem)
        .conditionExpression("attribute_not_exists(sk) OR #status = :failed OR (#status = :running AND expires_at < :now)"
            + (rerun ? " OR #status = :succeeded" : ""))
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(rerun
            ? Map.of(":running", s(RunStatus.RUNNING.name()), ":failed", s(RunStatus.FAILED.name()),
                ":succeeded", s(RunStatus.SUCCEEDED.name()), ":now", n(now.toEpochMilli()))
            : Map.of(":running", s(RunStatus.RUNNING.name()), ":failed", s(RunStatus.FAILED.name()),
                ":now", n(now.toEpochMilli())))
        .returnValuesOnConditionCheckFailure("ALL_OLD")
        .build();
    Put addRun = Put.builder().tableName(table).item(toItem(run))
        .conditionExpression("attribute_not_exists(sk)").build();
    try {
      client.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().put(takeLease).build(), TransactWriteItem.builder().put(addRun).build()));
    } catch (TransactionCanceledException e) {
      CancellationReason reason = e.cancellationReasons().get(0);
      if ("ConditionalCheckFailed".equals(reason.code())) {
        Map<String, AttributeValue> held = reason.item();
        throw new WindowAlreadyRunningException(jobName, window, held == null ? "?" : held.get("run_id").s(),
            held == null ? RunStatus.RUNNING : RunStatus.valueOf(held.get("status").s()));
      }
      throw e;
    }
    return run;
  }

  @Override
  public JobRun succeed(JobRun run, RunRecord record, Instant now) {
    JobRun ended = run.succeeded(record, now);
    end(ended);
    return ended;
  }

  @Override
  public JobRun fail(JobRun run, String error, Instant now) {
    JobRun ended = run.failed(error, now);
    end(ended);
    return ended;
  }

  /** Replaces the run item with its ended form and releases the window, if this run still holds it. */
  private void end(JobRun ended) {
    Put runItem = Put.builder().tableName(table).item(toItem(ended))
        .conditionExpression("#status = :running")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":running", s(RunStatus.RUNNING.name())))
        .build();
    Update release = Update.builder().tableName(table).key(leaseKey(ended.jobName(), ended.window()))
        .updateExpression("SET #status = :status")
        .conditionExpression("run_id = :run")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":status", s(ended.status().name()), ":run", s(ended.runId())))
        .build();
    client.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().put(runItem).build(), TransactWriteItem.builder().update(release).build()));
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

  private static Map<String, AttributeValue> toItem(JobRun run) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TributaryTables.JOB_NAME, s(run.jobName()));
    item.put(TributaryTables.SORT_KEY,
        s(RUN_PREFIX + run.window().start() + "#" + run.startedAt() + "#" + run.runId()));
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
    });
    return item;
  }

  private static JobRun fromItem(Map<String, AttributeValue> item) {
    Optional<RunRecord> result = item.containsKey("rows_read")
        ? Optional.of(new RunRecord(
            num(item, "rows_read"), num(item, "rows_written"), num(item, "bytes_written"),
            instant(item, "window_column_min"), instant(item, "window_column_max"),
            Duration.ofMillis(num(item, "duration_ms")), item.get("output_path").s(),
            item.containsKey("rows_rejected") ? num(item, "rows_rejected") : 0))
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
