package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.InputFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One input of a table: its data timestamp (from its name, or a window's load_date), its data files (one,
 * or a published window's Parquet parts), their format, and the config beside it, if any.
 */
public record WarehouseInput(String name, Instant timestamp, List<String> files, InputFormat format,
    Optional<String> configUri) {
  public WarehouseInput {
    files = List.copyOf(files);
  }
}
