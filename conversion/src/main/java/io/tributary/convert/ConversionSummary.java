package io.tributary.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.history.RunRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The outcome of one conversion run, per dataset and in total, as printed and recorded. */
public record ConversionSummary(String runId, List<DatasetOutcome> datasets, List<String> notes) {
  /** Beyond this many units, a dataset's rewrites are summed up in one line. */
  private static final int MAX_REWRITES_SHOWN = 12;

  public ConversionSummary {
    datasets = List.copyOf(datasets);
    notes = List.copyOf(notes);
  }

  /** A summary with nothing to note beyond the datasets. */
  public ConversionSummary(String runId, List<DatasetOutcome> datasets) {
    this(runId, datasets, List.of());
  }

  public long rowsRead() {
    return datasets.stream().mapToLong(DatasetOutcome::rowsRead).sum();
  }

  public long rowsWritten() {
    return datasets.stream().mapToLong(DatasetOutcome::rowsWritten).sum();
  }

  public long rowsRejected() {
    return datasets.stream().mapToLong(DatasetOutcome::rowsRejected).sum();
  }

  public long bytesWritten() {
    return datasets.stream().mapToLong(DatasetOutcome::bytesWritten).sum();
  }

  public int partitionsWritten() {
    return datasets.stream().mapToInt(DatasetOutcome::partitionsWritten).sum();
  }

  public List<DatasetOutcome> failures() {
    return datasets.stream().filter(d -> !d.succeeded()).toList();
  }

  public boolean succeeded() {
    return failures().isEmpty();
  }

  /** Throws, naming each failed dataset and why, unless every dataset succeeded. */
  public ConversionSummary requireSucceeded() {
    if (!succeeded()) {
      throw new IllegalStateException(failures().stream()
          .map(f -> f.dataset() + ": " + f.failure().orElse("")).toList().toString());
    }
    return this;
  }

  /** The run record of a job window: the counts, {@code destination} as output path. */
  public RunRecord runRecord(String destination, Duration duration) {
    return new RunRecord(rowsRead(), rowsWritten(), bytesWritten(), Optional.empty(), Optional.empty(), duration,
        destination, rowsRejected());
  }

  /** A table a person reads: one line per dataset, then the totals. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-40s %6s %9s %9s %12s %12s %9s  %s%n", "dataset", "units", "written", "removed",
        "rows read", "rows written", "rejected", "outcome"));
    for (DatasetOutcome d : datasets) {
      out.append(String.format("%-40s %6d %9d %9d %12d %12d %9d  %s%n", d.dataset(), d.units(),
          d.partitionsWritten(), d.partitionsRemoved(), d.rowsRead(), d.rowsWritten(), d.rowsRejected(),
          d.failure().map(f -> "FAILED: " + f).orElse("ok")));
      if (d.rewrites().size() <= MAX_REWRITES_SHOWN) {
        d.rewrites().forEach(r -> out.append("  rewrote ").append(r).append('\n'));
      } else {
        out.append("  rewrote ").append(d.rewrites().size()).append(" units, from ").append(d.rewrites().get(0))
            .append(" to ").append(d.rewrites().get(d.rewrites().size() - 1)).append('\n');
      }
      d.rejectReports().forEach(r -> out.append("  rejected rows: ").append(r).append('\n'));
      d.ignoredFiles().forEach(r -> out.append("  not a day file, skipped: ").append(r).append('\n'));
    }
    notes.forEach(note -> out.append("note: ").append(note).append('\n'));
    out.append(String.format("total: %d rows read = %d written + %d rejected; %d partition files written; "
        + "%d dataset(s) failed%n", rowsRead(), rowsWritten(), rowsRejected(), partitionsWritten(), failures().size()));
    return out.toString();
  }

  /** The summary as JSON (the run record of the orchestration). */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("runId", runId);
    root.put("rowsRead", rowsRead());
    root.put("rowsWritten", rowsWritten());
    root.put("rowsRejected", rowsRejected());
    root.put("bytesWritten", bytesWritten());
    root.put("partitionsWritten", partitionsWritten());
    notes.forEach(root.putArray("notes")::add);
    var list = root.putArray("datasets");
    for (DatasetOutcome d : datasets) {
      ObjectNode node = list.addObject();
      node.put("dataset", d.dataset().path());
      node.put("units", d.units());
      node.put("partitionsWritten", d.partitionsWritten());
      node.put("partitionsRemoved", d.partitionsRemoved());
      node.put("rowsRead", d.rowsRead());
      node.put("rowsWritten", d.rowsWritten());
      node.put("rowsRejected", d.rowsRejected());
      d.rejectReports().forEach(node.putArray("rejectReports")::add);
      d.failure().ifPresent(f -> node.put("failure", f));
    }
    return root.toString();
  }
}
