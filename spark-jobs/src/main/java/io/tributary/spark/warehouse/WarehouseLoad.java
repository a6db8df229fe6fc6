package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.InvalidWarehouseConfigException;
import io.tributary.core.kind.warehouse.WarehouseConfigParser;
import io.tributary.core.kind.warehouse.WarehouseTable;
import io.tributary.core.run.Failures;
import io.tributary.storage.FileStore;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Loads each table of a request from its input: finds the input by the timestamp in its name, reads its
 * config, and runs the table's one-transaction load. Tables are independent: one failing does not stop the
 * others; each ends with an outcome.
 */
public final class WarehouseLoad {
  private final Connection connection;
  private final Configuration conf;

  public WarehouseLoad(Connection connection, Configuration conf) {
    this.connection = connection;
    this.conf = conf;
  }

  /** One outcome per table, in the request's order. */
  public List<TableOutcome> run(WarehouseLoadRequest request) {
    List<TableOutcome> outcomes = new ArrayList<>();
    for (String table : request.tables()) {
      long started = System.nanoTime();
      try {
        outcomes.add(load(request, table));
      } catch (IOException | SQLException | RuntimeException e) {
        Failures.unlessBug(e); // the table's input, config or database failed; a bug fails the step
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        outcomes.add(new TableOutcome(request.schema() + "." + table, "-", Optional.empty(),
            TableOutcome.Action.FAILED, 0, Duration.ofNanos(System.nanoTime() - started),
            Optional.of("nothing changed: " + message)));
      }
    }
    return outcomes;
  }

  private TableOutcome load(WarehouseLoadRequest request, String table) throws IOException, SQLException {
    String root = request.bucket().orElseGet(() -> request.lakeRoot().orElseThrow());
    FileStore store = FileStores.of(root, conf);
    InputListing listing = new InputListing(store);
    List<WarehouseInput> inputs = request.bucket().isPresent()
        ? listing.bucket(request.bucket().get(), request.schema(), table)
        : switch (request.lakeLayout()) {
          case RAW -> listing.lake(request.lakeRoot().get());
          case ATHENA -> listing.athena(request.lakeRoot().get());
        };
    Optional<WarehouseInput> chosen = choose(inputs, request, table, root);
    if (chosen.isEmpty()) {
      return new TableOutcome(request.schema() + "." + table, "-", Optional.empty(), TableOutcome.Action.NO_INPUT,
          0, Duration.ZERO, Optional.of("no input with a data date in " + request.window().orElseThrow()));
    }
    WarehouseInput input = ManifestInput.resolve(store, chosen.get());
    WarehouseTable config = config(request, table, input);
    return new TableLoad(connection, request.dialect(), request.granularity(), request.truncate(), request.force(),
        store, conf, request.iamRole(), request.options()).load(config, input);
  }

  /** The input to load: stamped exactly {@code date}, the latest in the window, or the latest of all. */
  static Optional<WarehouseInput> choose(List<WarehouseInput> inputs, WarehouseLoadRequest request, String table,
      String root) {
    if (request.date().isPresent()) {
      Instant date = request.date().get();
      Optional<WarehouseInput> exact = inputs.stream().filter(i -> i.timestamp().equals(date)).findFirst();
      if (exact.isEmpty()) {
        List<String> nearest = inputs.stream()
            .sorted(Comparator.comparing(i -> Duration.between(i.timestamp(), date).abs()))
            .limit(3).map(i -> i.timestamp().toString()).toList();
        throw new IllegalArgumentException("no input of " + request.schema() + "." + table + " stamped " + date
            + (nearest.isEmpty() ? " (there is none below " + root + ")" : "; nearest: " + String.join(", ", nearest)));
      }
      return exact;
    }
    if (request.window().isPresent()) {
      return inputs.stream().filter(i -> request.window().get().contains(i.timestamp()))
          .max(Comparator.comparing(WarehouseInput::timestamp));
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input of " + request.schema() + "." + table + " below " + root);
    }
    return Optional.of(inputs.get(inputs.size() - 1));
  }

  private WarehouseTable config(WarehouseLoadRequest request, String table, WarehouseInput input) throws IOException {
    String uri = request.config().or(input::configUri).orElseThrow(() -> new IllegalArgumentException(
        "no config beside " + input.name() + " (expected config_" + request.schema() + "_" + table
            + "_<timestamp>.yml) and none given with --config"));
    Map<String, WarehouseTable> tables;
    try {
      tables = WarehouseConfigParser.parse(uri, read(uri));
    } catch (InvalidWarehouseConfigException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    WarehouseTable config = WarehouseConfigParser.entryFor(uri, tables, table);
    if (!config.schema().equals(request.schema())) {
      throw new IllegalArgumentException(uri + ": " + table + ".meta.schema is '" + config.schema()
          + "', expected the target schema '" + request.schema() + "'");
    }
    return config;
  }

  private String read(String uri) throws IOException {
    String full = uri.contains(":") ? uri : Path.of(uri).toAbsolutePath().toUri().toString();
    try (InputStream in = FileStores.of(full, conf).open(full)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The outcomes as a table a person reads. */
  public static String render(List<TableOutcome> outcomes) {
    StringBuilder out = new StringBuilder(String.format("%-28s %-44s %-11s %-10s %12s %8s  %s%n", "TABLE", "INPUT",
        "DATA DATE", "ACTION", "ROWS", "SECONDS", "DETAIL"));
    for (TableOutcome o : outcomes) {
      out.append(String.format("%-28s %-44s %-11s %-10s %,12d %8.2f  %s%n", o.table(), o.input(),
          o.dataDate().map(d -> d.toString().substring(0, 10)).orElse("-"), o.action(), o.rows(),
          o.duration().toMillis() / 1000.0, o.detail().orElse("")));
    }
    return out.toString();
  }
}
