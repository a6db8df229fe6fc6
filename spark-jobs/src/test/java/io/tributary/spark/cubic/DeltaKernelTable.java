package io.tributary.spark.cubic;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Delta table as Delta Kernel (no Spark) reads it: every live row, each value as text. */
public final class DeltaKernelTable {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private DeltaKernelTable() {}

  /** The rows of the table at {@code path} (a local path or URI), columns {@code names} in that order. */
  public static List<List<String>> rows(String path, List<String> names) throws Exception {
    Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
    Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    Scan scan = snapshot.getScanBuilder(engine).build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
    List<List<String>> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row scanFile = fileRows.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> data = engine.getParquetHandler().readParquetFiles(
                io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status), physical, Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
              while (logical.hasNext()) {
                collect(logical.next(), names, rows);
              }
            }
          }
        }
      }
    }
    return rows;
  }

  private static void collect(FilteredColumnarBatch batch, List<String> names, List<List<String>> rows) {
    ColumnarBatch data = batch.getData();
    Optional<ColumnVector> selected = batch.getSelectionVector();
    for (int row = 0; row < data.getSize(); row++) {
      if (selected.isPresent() && (selected.get().isNullAt(row) || !selected.get().getBoolean(row))) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String name : names) {
        ColumnVector column = data.getColumnVector(data.getSchema().indexOf(name));
        values.add(text(column, row));
      }
      rows.add(values);
    }
  }

  private static String text(ColumnVector column, int row) {
    if (column.isNullAt(row)) {
      return null;
    }
    return switch (column.getDataType().toString()) {
      case "integer" -> Integer.toString(column.getInt(row));
      case "short" -> Short.toString(column.getShort(row));
      case "long" -> Long.toString(column.getLong(row));
      case "boolean" -> Boolean.toString(column.getBoolean(row));
      case "string" -> column.getString(row);
      case "timestamp" -> LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(column.getLong(row) * 1000), ZoneOffset.UTC)
          .format(SECONDS);
      default -> column.getDataType() instanceof io.delta.kernel.types.DecimalType
          ? column.getDecimal(row).toPlainString() : String.valueOf(column.getDataType());
    };
  }
}
