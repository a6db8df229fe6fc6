package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.InputFormat;
import io.tributary.core.kind.warehouse.InputName;
import io.tributary.storage.FileStore;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists a table's inputs, oldest first, by the timestamp in their names (never by modification time): in a
 * bucket of the seed tool's layout, or in the RAW zone of a jdbc-ingest job (each published
 * {@code load_date=} window one input of its Parquet files).
 */
public final class InputListing {
  private final FileStore store;

  public InputListing(FileStore store) {
    this.store = store;
  }

  /** The inputs of {@code schema.table} below {@code bucket}. */
  public List<WarehouseInput> bucket(String bucket, String schema, String table) throws IOException {
    List<WarehouseInput> inputs = new ArrayList<>();
    String root = trim(bucket) + "/" + schema + "/" + table;
    for (FileStore.Entry year : directories(root, "_data_timestamp_year=")) {
      String yearDir = root + "/" + year.name();
      for (FileStore.Entry month : directories(yearDir, "_data_timestamp_month=")) {
        String monthDir = yearDir + "/" + month.name();
        for (FileStore.Entry day : directories(monthDir, "_data_timestamp_day=")) {
          String dayDir = monthDir + "/" + day.name();
          List<FileStore.Entry> files = store.list(dayDir);
          for (FileStore.Entry file : files) {
            if (file.directory()) {
              continue;
            }
            InputName.parse(schema, table, file.name()).ifPresent(name -> inputs.add(new WarehouseInput(
                file.name(), name.timestamp(), List.of(dayDir + "/" + file.name()), name.format(),
                files.stream().anyMatch(f -> f.name().equals(name.configName()))
                    ? Optional.of(dayDir + "/" + name.configName()) : Optional.empty())));
          }
        }
      }
    }
    return preferred(inputs);
  }

  /**
   * One input per timestamp, oldest first: where a timestamp has files in several forms, the one the seed tool
   * takes (see {@link InputFormat}'s order), never whichever the listing gave first.
   */
  static List<WarehouseInput> preferred(List<WarehouseInput> inputs) {
    Map<Instant, WarehouseInput> byTimestamp = new TreeMap<>();
    for (WarehouseInput input : inputs) {
      byTimestamp.merge(input.timestamp(), input,
          (a, b) -> a.format().ordinal() <= b.format().ordinal() ? a : b);
    }
    return new ArrayList<>(byTimestamp.values());
  }

  /** The published windows below a jdbc-ingest job's RAW root, one input per {@code load_date}. */
  public List<WarehouseInput> lake(String root) throws IOException {
    List<WarehouseInput> inputs = new ArrayList<>();
    for (FileStore.Entry window : directories(trim(root), "load_date=")) {
      Instant date = LocalDate.parse(window.name().substring("load_date=".length())).atStartOfDay(ZoneOffset.UTC)
          .toInstant();
      List<String> files = new ArrayList<>();
      collectParquet(trim(root) + "/" + window.name(), files);
      inputs.add(new WarehouseInput(window.name(), date, files, InputFormat.PARQUET, Optional.empty()));
    }
    inputs.sort(Comparator.comparing(WarehouseInput::timestamp));
    return inputs;
  }

  /**
   * The partitions of a convert job's dataset in the athena layout ({@code year=/month=/day=[/hour=]}), one
   * input per day or hour partition, its start the data date.
   */
  public List<WarehouseInput> athena(String root) throws IOException {
    List<WarehouseInput> inputs = new ArrayList<>();
    athena(trim(root), "", 0, new int[] {1970, 1, 1, 0}, inputs);
    inputs.sort(Comparator.comparing(WarehouseInput::timestamp));
    return inputs;
  }

  private static final String[] ATHENA_LEVELS = {"year=", "month=", "day=", "hour="};

  private void athena(String dir, String name, int level, int[] fields, List<WarehouseInput> inputs)
      throws IOException {
    List<FileStore.Entry> children = level < ATHENA_LEVELS.length ? directories(dir, ATHENA_LEVELS[level]) : List.of();
    if (children.isEmpty() && level >= 3) {
      List<String> files = new ArrayList<>();
      collectParquet(dir, files);
      if (!files.isEmpty()) {
        Instant start = LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], 0)
            .toInstant(ZoneOffset.UTC);
        inputs.add(new WarehouseInput(name, start, files, InputFormat.PARQUET, Optional.empty()));
      }
      return;
    }
    for (FileStore.Entry child : children) {
      int[] next = fields.clone();
      next[level] = Integer.parseInt(child.name().substring(ATHENA_LEVELS[level].length()));
      athena(dir + "/" + child.name(), name.isEmpty() ? child.name() : name + "/" + child.name(), level + 1, next,
          inputs);
    }
  }

  private void collectParquet(String dir, List<String> files) throws IOException {
    for (FileStore.Entry entry : store.list(dir)) {
      if (entry.name().startsWith("_") || entry.name().startsWith(".")) {
        continue;
      }
      if (entry.directory()) {
        collectParquet(dir + "/" + entry.name(), files);
      } else if (entry.name().endsWith(".parquet")) {
        files.add(dir + "/" + entry.name());
      }
    }
  }

  private List<FileStore.Entry> directories(String dir, String prefix) throws IOException {
    return store.list(dir).stream().filter(e -> e.directory() && e.name().startsWith(prefix)).toList();
  }

  private static String trim(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
