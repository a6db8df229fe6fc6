package io.tributary.spark.catalog;

import io.tributary.core.catalog.LakeCatalog;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The catalog's columns of a Spark schema: each field's name and Hive type ({@code catalogString}). */
public final class CatalogColumns {
  private CatalogColumns() {}

  /** The columns of {@code schema}, in order. */
  public static List<LakeCatalog.Column> of(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(f -> new LakeCatalog.Column(f.name(), f.dataType().catalogString())).toList();
  }
}
