package io.tributary.core.kind.cubic;

import java.util.Locale;
import java.util.Objects;

/**
 * One column of a {@code .dfm}'s {@code dataInfo.columns}.
 *
 * @param ordinal 1-based position in the file
 * @param name as Qlik writes it (upper case for Cubic's tables)
 * @param type its Qlik type
 * @param length declared length
 * @param precision digits of a NUMERIC
 * @param scale digits after the point of a NUMERIC
 * @param primaryKeyPos 1, 2, ... for the key's columns in key order; 0 for the others
 */
public record DfmColumn(int ordinal, String name, QlikType type, int length, int precision, int scale,
    int primaryKeyPos) {
  /** Qlik's change-table header columns, before the table's own. */
  public static final String CHANGE_SEQ = "header__change_seq";
  public static final String CHANGE_OPER = "header__change_oper";
  public static final String CHANGE_TIMESTAMP = "header__timestamp";

  public DfmColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The lake's name of the column: lower-cased. */
  public String lakeName() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Whether this is one of the change table's {@code header__} columns. */
  public boolean isChangeHeader() {
    return lakeName().startsWith("header__");
  }

  /**
   * The Spark SQL type the column is written as: integers by width (unsigned ones one size up), NUMERIC as a
   * decimal of its precision and scale (up to 38 digits; wider or unspecified ones as strings, exact),
   * DATETIME as a timestamp read in UTC, strings, times and binary data as strings.
   */
  public String sqlType() {
    return switch (type) {
      case STRING, WSTRING, CLOB, NCLOB, BYTES, BLOB, TIME -> "string";
      case INT1, INT2, UINT1 -> "smallint";
      case INT4, UINT2 -> "int";
      case INT8, UINT4 -> "bigint";
      case UINT8 -> "decimal(20,0)";
      case NUMERIC -> precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision
          ? "decimal(" + precision + "," + scale + ")" : "string";
      case REAL4 -> "float";
      case REAL8 -> "double";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case DATETIME -> "timestamp";
    };
  }
}
