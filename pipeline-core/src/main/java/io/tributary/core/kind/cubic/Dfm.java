package io.tributary.core.kind.cubic;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a Qlik Replicate {@code .dfm} (data file metadata, JSON) that ingestion uses: the columns in
 * file order, the CSV options ({@code formatInfo.options}) and the record count ({@code fileInfo.recordCount}).
 */
public record Dfm(List<DfmColumn> columns, char fieldDelimiter, char quoteChar, String nullValue,
    Optional<Long> recordCount) {
  public Dfm {
    columns = columns.stream().sorted(Comparator.comparingInt(DfmColumn::ordinal)).toList();
    Objects.requireNonNull(nullValue, "nullValue");
    Objects.requireNonNull(recordCount, "recordCount");
  }

  /** This dfm without its record count: what files read with one schema and one CSV dialect share. */
  public Dfm layout() {
    return new Dfm(columns, fieldDelimiter, quoteChar, nullValue, Optional.empty());
  }

  /** The table's own columns: without the change table's {@code header__} columns. */
  public List<DfmColumn> tableColumns() {
    return columns.stream().filter(c -> !c.isChangeHeader()).toList();
  }

  /** The primary key's columns in key order ({@code primaryKeyPos} 1, 2, ...). */
  public List<DfmColumn> primaryKey() {
    return columns.stream().filter(c -> c.primaryKeyPos() > 0)
        .sorted(Comparator.comparingInt(DfmColumn::primaryKeyPos)).toList();
  }

  /** Whether the file is a change table's: it has the {@code header__change_seq} and {@code _oper} columns. */
  public boolean isChangeFile() {
    return columns.stream().anyMatch(c -> c.lakeName().equals(DfmColumn.CHANGE_SEQ))
        && columns.stream().anyMatch(c -> c.lakeName().equals(DfmColumn.CHANGE_OPER));
  }
}
