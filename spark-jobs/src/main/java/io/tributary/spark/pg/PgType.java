package io.tributary.spark.pg;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The PostgreSQL base types read in COPY's binary format, with the Spark type each becomes. Columns of
 * any other type (time, interval, inet, enums, domains, ...) are selected as {@code ::text} and read as
 * strings, so that nothing is lost or rounded.
 */
public enum PgType {
  BOOL(DataTypes.BooleanType),
  INT2(DataTypes.ShortType),
  INT4(DataTypes.IntegerType),
  INT8(DataTypes.LongType),
  FLOAT4(DataTypes.FloatType),
  FLOAT8(DataTypes.DoubleType),
  /** numeric(p, s) with p <= 38; other numerics are read as exact text. */
  NUMERIC(null),
  TEXT(DataTypes.StringType),
  JSON(DataTypes.StringType),
  JSONB(DataTypes.StringType),
  UUID(DataTypes.StringType),
  BYTEA(DataTypes.BinaryType),
  DATE(DataTypes.DateType),
  /** timestamp without time zone: a wall-clock time, kept as Spark TIMESTAMP_NTZ. */
  TIMESTAMP(DataTypes.TimestampNTZType),
  /** timestamp with time zone: an instant, kept as Spark TIMESTAMP (UTC). */
  TIMESTAMPTZ(DataTypes.TimestampType);

  private static final Map<String, PgType> BY_NAME = Map.ofEntries(
      Map.entry("bool", BOOL), Map.entry("int2", INT2), Map.entry("int4", INT4), Map.entry("int8", INT8),
      Map.entry("float4", FLOAT4), Map.entry("float8", FLOAT8), Map.entry("numeric", NUMERIC),
      Map.entry("text", TEXT), Map.entry("varchar", TEXT), Map.entry("bpchar", TEXT), Map.entry("name", TEXT),
      Map.entry("json", JSON), Map.entry("jsonb", JSONB), Map.entry("uuid", UUID), Map.entry("bytea", BYTEA),
      Map.entry("date", DATE), Map.entry("timestamp", TIMESTAMP), Map.entry("timestamptz", TIMESTAMPTZ));

  private final DataType sparkType;

  PgType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  /** The Spark type, or null where it depends on the column (numeric). */
  DataType sparkType() {
    return sparkType;
  }

  /** The type with catalog name {@code typname}, or null when it is read as text. */
  static PgType byName(String typname) {
    return BY_NAME.get(typname.toLowerCase(Locale.ROOT));
  }
}
