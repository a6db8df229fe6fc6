package io.tributary.spark.pg;

import java.io.Serializable;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * One source column as it is read: its name, its catalog type, how COPY selects it and how its binary
 * value is decoded. {@code type} is null for columns selected as text.
 *
 * @param name the column name as stored in the catalog
 * @param catalogType the type as {@code format_type} prints it, e.g. {@code numeric(12,2)}
 * @param type the decoded base type, or null when the column is read as text
 * @param array whether the column is a one-dimensional array of {@code type}
 * @param precision numeric precision (0 when not numeric)
 * @param scale numeric scale
 */
public record PgColumn(
    String name, String catalogType, PgType type, boolean array, int precision, int scale)
    implements Serializable {

  /** The identifier as it must appear in SQL: always quoted, inner quotes doubled. */
  public String quotedName() {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The select-list expression: the column itself, or its text form when not decoded natively. */
  public String selectExpression() {
    return type == null ? quotedName() + "::text" : quotedName();
  }

  /** The Spark type the column becomes. */
  public DataType sparkType() {
    if (type == null) {
      return DataTypes.StringType;
    }
    return array ? new ArrayType(elementSparkType(), true) : elementSparkType();
  }

  private DataType elementSparkType() {
    return type == PgType.NUMERIC ? DataTypes.createDecimalType(precision, scale) : type.sparkType();
  }

  /** True when the column is an exact numeric that fits Spark's decimal. */
  boolean isDecimal() {
    return type == PgType.NUMERIC && precision > 0 && precision <= DecimalType.MAX_PRECISION();
  }
}
