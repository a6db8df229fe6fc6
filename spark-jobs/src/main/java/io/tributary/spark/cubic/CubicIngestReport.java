package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import java.util.List;
import java.util.Set;

/**
 * What one cubic-ingest run did: every load it registered or moved, as it ended; the data files still waiting
 * for their dfm; the tables not active (their objects left unregistered); the tables another run held.
 */
public record CubicIngestReport(String runId, List<CubicLoad> loads, List<String> waitingForDfm,
    Set<String> inactiveTables, List<String> busyTables) {

  /** The loads that ended {@code status}. */
  public List<CubicLoad> in(LoadStatus status) {
    return loads.stream().filter(l -> l.status() == status).toList();
  }

  /** Rows ingested by the loads archived in this run. */
  public long rows() {
    return in(LoadStatus.ARCHIVED).stream().mapToLong(l -> l.rows().orElse(0L)).sum();
  }

  /** The report as a table: key, table, status, rows, reason; then what waits and what was skipped. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(LoadTable.render(loads));
    out.append(String.format("cubic-ingest %s: %d load(s), %d archived, %d errored, %d ignored, %d rows%n", runId,
        loads.size(), in(LoadStatus.ARCHIVED).size(), in(LoadStatus.ERRORED).size(), in(LoadStatus.IGNORED).size(),
        rows()));
    waitingForDfm.forEach(k -> out.append("waiting for its .dfm: ").append(k).append('\n'));
    if (!inactiveTables.isEmpty()) {
      out.append("not active (left in incoming): ").append(String.join(", ", inactiveTables)).append('\n');
    }
    busyTables.forEach(t -> out.append("skipped, held by another run: ").append(t).append('\n'));
    return out.toString();
  }
}
