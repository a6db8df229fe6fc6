package io.tributary.spark.warehouse;

import io.tributary.core.config.WarehouseSource;
import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.LakeLayout;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One warehouse load: the target schema and tables; the input (a bucket in the seed tool's layout, or where
 * another job publishes its windows, in that job's layout); an overriding config; truncate and force; which input: the one stamped
 * {@code date}, the latest in {@code window}, or the latest of all; how the input is read and fitted
 * ({@link InputOptions}).
 */
public record WarehouseLoadRequest(String schema, List<String> tables, Optional<String> bucket,
    Optional<String> lakeRoot, LakeLayout lakeLayout, Optional<String> config, boolean truncate, boolean force, Optional<Instant> date,
    Optional<LoadWindow> window, Granularity granularity, WarehouseDialect dialect, Optional<String> iamRole,
    InputOptions options) {

  public WarehouseLoadRequest {
    Objects.requireNonNull(schema, "schema");
    tables = List.copyOf(tables);
    Objects.requireNonNull(options, "options");
    if (bucket.isPresent() == lakeRoot.isPresent()) {
      throw new IllegalArgumentException("a load reads a bucket or a job's RAW root, exactly one");
    }
  }

  /** A warehouse-load job's window: the latest input whose data date lies in it. */
  public static WarehouseLoadRequest forWindow(WarehouseSource source, LoadWindow window) {
    return new WarehouseLoadRequest(source.schema(), source.tables(), source.bucket().map(Object::toString),
        source.lakeInput().map(Object::toString), source.lakeLayout(), source.config(), source.truncate(), source.force(),
        Optional.empty(), Optional.of(window), source.granularity(), source.dialect(), source.iamRole(),
        InputOptions.DEFAULT);
  }
}
