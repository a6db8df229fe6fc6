package io.tributary.convert;

import io.tributary.core.convert.ConversionPlanner;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.S3dbMetadata;
import io.tributary.core.convert.SourceLayout;
import io.tributary.storage.FileStore;
import io.tributary.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Converts S3DB datasets: plans whole output partitions per dataset, has a {@link UnitRunner} convert each unit
 * (streaming, bounded memory), then publishes the staged files of every dataset whose units all succeeded. A
 * dataset that fails (missing METADATA.json, unreadable file) publishes nothing; the others go on. Spark runs
 * the units on EMR; the live-fill function runs them in its own JVM. Planning, staging and publishing are the
 * same either way.
 */
public final class Conversion {
  /** Memory one unit may give its open writers (row groups / record batches). */
  public static final long DEFAULT_MEMORY_BUDGET = 64L << 20;

  /** Files moved into place at once (each a copy and a delete on S3). */
  private static final int PUBLISH_THREADS = 16;

  private final Storage storage;
  private final UnitRunner units;
  private final long memoryBudget;
  private final Clock clock;

  public Conversion(Storage storage, UnitRunner units, long memoryBudget, Clock clock) {
    this.storage = storage;
    this.units = units;
    this.memoryBudget = memoryBudget;
    this.clock = clock;
  }

  /** Back-fill: every partition of the selected datasets that meets the request's range. */
  public ConversionSummary backfill(ConversionRequest request, String runId) throws IOException {
    SourceFiles source = new SourceFiles(request.source(), request.sourceLayout(), storage);
    List<DatasetId> datasets = request.datasets().isEmpty() ? source.datasets() : request.datasets();
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("no dataset below " + request.source() + ": expected "
          + (request.sourceLayout() == SourceLayout.S3DB
              ? "<collection>/<dataset>/METADATA.json with day files beside it" : "<feed>/<day>.csv[.gz] files")
          + " (does the source exist?)");
    }
    ConversionPlanner planner = new ConversionPlanner(request.target().partitionSize());
    return run(request, runId, source, datasets,
        (dataset, days) -> planner.forRange(dataset, days, request.range()));
  }

  /** Live-fill: exactly the partitions holding the changed days, each rewritten whole, once. */
  public ConversionSummary liveFill(ConversionRequest request, Map<DatasetId, Set<Instant>> changedDays,
      String runId) throws IOException {
    SourceFiles source = new SourceFiles(request.source(), request.sourceLayout(), storage);
    List<DatasetId> datasets = changedDays.keySet().stream()
        .filter(d -> request.datasets().isEmpty() || request.datasets().contains(d)).sorted(
            Comparator.comparing(DatasetId::path)).toList();
    ConversionPlanner planner = new ConversionPlanner(request.target().partitionSize());
    return run(request, runId, source, datasets,
        (dataset, days) -> planner.forChanges(dataset, days, changedDays.get(dataset)));
  }

  private interface UnitSelection {
    List<ConversionUnit> units(DatasetId dataset, Collection<Instant> days);
  }

  private ConversionSummary run(ConversionRequest request, String runId, SourceFiles source,
      List<DatasetId> datasets, UnitSelection selection) throws IOException {
    ConversionTarget target = request.target();
    String destination = request.destination().toString();
    String staging = ConversionLayout.stagingRoot(destination, runId);
    FileStore store = storage.store(destination);
    List<String> notes = new ArrayList<>();
    List<String> deadStaging = StagingOwner.removeDead(store, destination + "/" + ConversionLayout.STAGING, runId,
        clock.instant());
    if (!deadStaging.isEmpty()) {
      notes.add("removed the staging of " + deadStaging.size() + " run(s) that ended without cleaning up: "
          + deadStaging);
    }
    StagingOwner.claim(store, staging, clock.instant());
    Map<DatasetId, DatasetOutcome> failed = new LinkedHashMap<>();
    Map<DatasetId, PlannedDataset> planned = new LinkedHashMap<>();
    List<UnitTask> tasks = new ArrayList<>();
    for (DatasetId dataset : datasets) {
      try {
        S3dbMetadata metadata = request.declaredSchema().isPresent() ? null
            : source.metadata(dataset, request.timeIndexColumn());
        DatasetSchema schema = request.declaredSchema()
            .orElseGet(() -> DatasetSchema.of(metadata, request.timeIndexColumn()));
        SourceFiles.DayFiles files = source.dayFiles(dataset);
        List<ConversionUnit> units = selection.units(dataset, files.days());
        planned.put(dataset, new PlannedDataset(metadata, schema, files.ignored(), units.size()));
        for (ConversionUnit unit : units) {
          tasks.add(new UnitTask(unit, schema, target, source.datasetDirectory(dataset),
              unit.days().stream().map(files.files()::get).toList(), staging, memoryBudget, 1));
        }
      } catch (IOException e) {
        failed.put(dataset, DatasetOutcome.failed(dataset, e.getMessage()));
      }
    }
    StagedPublisher publisher = new StagedPublisher(storage.store(destination));
    ExecutorService publishing = Executors.newFixedThreadPool(PUBLISH_THREADS);
    try {
      Map<DatasetId, List<UnitResult>> results = new LinkedHashMap<>();
      for (UnitResult result : units.convert(tasks)) {
        results.computeIfAbsent(result.unit().dataset(), d -> new ArrayList<>()).add(result);
      }
      List<DatasetOutcome> outcomes = new ArrayList<>();
      for (DatasetId dataset : datasets) {
        if (failed.containsKey(dataset)) {
          outcomes.add(failed.get(dataset));
          continue;
        }
        List<UnitResult> unitResults = results.getOrDefault(dataset, List.of());
        List<String> unitFailures = unitResults.stream().flatMap(r -> r.failure().stream()).toList();
        outcomes.add(unitFailures.isEmpty()
            ? publish(request, dataset, planned.get(dataset), unitResults, staging, publisher, publishing, notes)
            : DatasetOutcome.failed(dataset, String.join("; ", unitFailures)));
      }
      for (DatasetId dataset : failed.keySet()) {
        PublishMarker.read(store, request.destination().resolve(dataset.path())).ifPresent(marker -> notes.add(
            dataset + ": the publish of run " + marker.runId() + " did not finish; units that may be stale or"
                + " missing: " + marker.units()));
      }
      return new ConversionSummary(runId, outcomes, notes);
    } finally {
      publishing.shutdownNow();
      publisher.discard(staging);
    }
  }

  private DatasetOutcome publish(ConversionRequest request, DatasetId dataset, PlannedDataset plan,
      List<UnitResult> results, String staging, StagedPublisher publisher, ExecutorService publishing,
      List<String> notes) throws IOException {
    FileStore store = storage.store(request.destination().toString());
    String datasetDestination = request.destination().resolve(dataset.path());
    Optional<PublishMarker> unfinished = PublishMarker.read(store, datasetDestination);
    Set<String> ours = new LinkedHashSet<>();
    results.forEach(r -> ours.add(r.unit().key(request.target().partitionSize())));
    PublishMarker.mark(store, datasetDestination, runId(staging), ours);
    int written = 0;
    int removed = 0;
    long read = 0;
    long kept = 0;
    long rejected = 0;
    long bytes = 0;
    List<String> reports = new ArrayList<>();
    for (UnitResult result : results) {
      if (result.rowsRead() != result.rowsWritten() + result.rowsRejected()) {
        throw new IllegalStateException("unit " + result.unit() + " read " + result.rowsRead()
            + " rows but wrote " + result.rowsWritten() + " and rejected " + result.rowsRejected());
      }
      read += result.rowsRead();
      kept += result.rowsWritten();
      rejected += result.rowsRejected();
      bytes += result.bytesWritten();
    }
    // Units publish in parallel: on S3 each file is a copy and a delete, and hour partitions make thousands.
    List<Future<UnitPublication>> publications = new ArrayList<>();
    for (UnitResult result : results) {
      publications.add(publishing.submit(() -> publishUnit(request, dataset, result, staging, publisher)));
    }
    for (Future<UnitPublication> publication : publications) {
      UnitPublication done = await(publication);
      written += done.written();
      removed += done.removed();
      done.report().ifPresent(reports::add);
    }
    PublishMarker.clear(store, datasetDestination, ours);
    unfinished.ifPresent(marker -> {
      Set<String> leftover = new LinkedHashSet<>(marker.units());
      leftover.removeAll(ours);
      notes.add(leftover.isEmpty()
          ? dataset + ": the unfinished publish of run " + marker.runId() + " is now complete: every unit it was"
              + " replacing has been rewritten"
          : dataset + ": the publish of run " + marker.runId() + " did not finish, or is under way; units still to"
              + " rewrite (they may be stale or missing): " + leftover);
    });
    if (request.target().layout() == PartitionLayout.DATACLIENT && !results.isEmpty()) {
      String metadata = DataClientMetadata.json(dataset, plan.metadata(), plan.schema(), request.target(),
          clock.instant());
      String stagedMetadata = staging + "/" + dataset.path() + "/" + ConversionLayout.METADATA;
      try (OutputStream out = storage.store(stagedMetadata).create(stagedMetadata)) {
        out.write(metadata.getBytes(StandardCharsets.UTF_8));
      }
      publisher.replace(stagedMetadata, request.destination().resolve(dataset.path() + "/" + ConversionLayout.METADATA),
          null);
    }
    List<String> rewrites = results.stream().sorted(Comparator.comparing(r -> r.unit().start()))
        .map(Conversion::rewrite).toList();
    return new DatasetOutcome(dataset, plan.units(), written, removed, read, kept, rejected, bytes, reports,
        plan.ignored(), Optional.empty(), rewrites);
  }

  /** What publishing one unit did. */
  private record UnitPublication(int written, int removed, Optional<String> report) {}

  private UnitPublication publishUnit(ConversionRequest request, DatasetId dataset, UnitResult result,
      String staging, StagedPublisher publisher) throws IOException {
    ConversionTarget target = request.target();
    String datasetDestination = request.destination().resolve(dataset.path());
    String datasetStaging = staging + "/" + dataset.path();
    boolean dataClient = target.layout() == PartitionLayout.DATACLIENT;
    int written = 0;
    int removed = 0;
    for (Instant partition : result.unit().partitions()) {
      String file = target.partitionFile(partition);
      String siblings = dataClient ? partition.getEpochSecond() + "." : null;
      if (result.stagedFiles().contains(file)) {
        publisher.replace(datasetStaging + "/" + file, datasetDestination + "/" + file, siblings);
        written++;
      } else if (publisher.remove(datasetDestination + "/" + file, siblings)) {
        removed++;
      }
    }
    String report = ConversionLayout.rejectsFile(dataset, result.unit(), target.partitionSize());
    String reportDestination = request.destination().resolve(report);
    if (result.stagedRejects()) {
      publisher.replace(staging + "/" + report, reportDestination, null);
      return new UnitPublication(written, removed, Optional.of(reportDestination));
    }
    publisher.remove(reportDestination, null);
    return new UnitPublication(written, removed, Optional.empty());
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** What a unit rewrote: its file (or first and last of its files) and rows. */
  private static String rewrite(UnitResult result) {
    List<String> files = result.stagedFiles().stream().sorted().toList();
    String what = files.isEmpty() ? "no file (no rows: its partitions removed)"
        : files.size() == 1 ? files.get(0)
        : files.get(0) + " .. " + files.get(files.size() - 1) + " (" + files.size() + " files)";
    return what + ": " + result.rowsWritten() + " rows";
  }

  /** The run id of a staging root ({@code <dest>/_tributary_staging/<run id>}). */
  private static String runId(String staging) {
    return staging.substring(staging.lastIndexOf('/') + 1);
  }

  private record PlannedDataset(S3dbMetadata metadata, DatasetSchema schema, List<String> ignored, int units) {}
}
