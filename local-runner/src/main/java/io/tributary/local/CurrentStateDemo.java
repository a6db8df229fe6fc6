package io.tributary.local;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.local.sfn.LocalOrchestration;
import io.tributary.local.sfn.LocalStateMachine;
import io.tributary.orchestration.Json;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's act for a job with {@code current_state=true}: one key updated and one deleted at the source, the
 * job's next window run, and the state's rows of both keys before and after, with the state's Delta commits.
 */
final class CurrentStateDemo {
  /** The key the act updates and the one it deletes (every sample table holds ids 1 to its row count). */
  static final long UPDATED = 2;
  static final long DELETED = 3;

  /** Makes an orchestration whose clock stands at a given time. */
  interface Orchestrations {
    LocalOrchestration at(Clock clock) throws Exception;
  }

  private CurrentStateDemo() {}

  /** Plays the act for {@code job} (as the job table holds it now) against {@code source}. */
  static boolean play(PrintWriter out, JobConfig job, Connection source, SparkSession spark,
      Orchestrations orchestrations) throws Exception {
    String state = RawZoneLayout.currentStateRoot(job);
    String table = job.source(JdbcSource.class).table().quoted();
    String windowColumn = job.source(JdbcSource.class).windowColumn().quoted();
    Instant changedAt = job.window().start().plus(Duration.ofHours(1));
    out.printf("%n%s keeps a current state (current_state=true), %s:%n", job.name(), state);
    out.print(rows(spark, state, "  before: "));
    try (PreparedStatement update = source.prepareStatement("UPDATE " + table + " SET " + windowColumn
        + " = ? WHERE id = ?"); PreparedStatement delete = source.prepareStatement("DELETE FROM " + table
        + " WHERE id = ?")) {
      update.setTimestamp(1, Timestamp.from(changedAt));
      update.setLong(2, UPDATED);
      update.executeUpdate();
      delete.setLong(1, DELETED);
      delete.executeUpdate();
    }
    out.printf("  at the source: id %d updated (%s = %s), id %d deleted; running %s's next window %s%n", UPDATED,
        job.source(JdbcSource.class).windowColumn(), changedAt, DELETED, job.name(), job.window());
    out.flush();
    LocalStateMachine.Execution execution;
    try (LocalOrchestration orchestration = orchestrations.at(Clock.fixed(job.window().stop(), ZoneOffset.UTC))) {
      var input = Json.object();
      input.putArray("jobs").add(job.name());
      execution = orchestration.execute(input);
    }
    out.print(rows(spark, state, "  after:  "));
    out.printf("  the state's commits:%n%s", commits(spark, state));
    return execution.succeeded();
  }

  /** The state's rows of the two keys, one line each ("no row" for a key the state does not hold). */
  private static String rows(SparkSession spark, String state, String prefix) {
    StringBuilder text = new StringBuilder();
    List<Row> rows = spark.read().format("delta").load(state).where(col("id").isin(UPDATED, DELETED))
        .orderBy("id").collectAsList();
    for (long id : List.of(UPDATED, DELETED)) {
      String line = rows.stream().filter(r -> ((Number) r.getAs("id")).longValue() == id).findFirst()
          .map(Row::toString).orElse("no row for id " + id);
      text.append(prefix).append(line).append(System.lineSeparator());
    }
    return text.toString();
  }

  /** Each commit of the state: its version, operation and Delta's figures for it. */
  private static String commits(SparkSession spark, String state) {
    StringBuilder text = new StringBuilder();
    for (Row commit : DeltaTable.forPath(spark, state).history().orderBy("version")
        .select("version", "operation", "operationMetrics").collectAsList()) {
      Map<String, String> metrics = commit.getJavaMap(2);
      text.append(String.format("    version %d %s %s%n", commit.getLong(0), commit.getString(1), metrics));
    }
    return text.toString();
  }

  /** Whether {@code job} keeps a current state. */
  static boolean keepsState(JobConfig job) {
    return job.source() instanceof JdbcSource jdbc && jdbc.options().currentState().isPresent();
  }
}
