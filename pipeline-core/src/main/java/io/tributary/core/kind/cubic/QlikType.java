package io.tributary.core.kind.cubic;

import java.util.Arrays;
import java.util.Optional;

/**
 * The data types of Qlik Replicate's {@code .dfm} column descriptions, as its file-channel and S3 targets
 * write them. Each maps to one Parquet/Spark type; see {@code DfmColumn#sparkType}.
 */
public enum QlikType {
  STRING, WSTRING, CLOB, NCLOB, BYTES, BLOB, INT1, INT2, INT4, INT8, UINT1, UINT2, UINT4, UINT8, NUMERIC, REAL4,
  REAL8, BOOLEAN, DATE, TIME, DATETIME;

  /** The type named {@code name} in a dfm, if Tributary knows it. */
  public static Optional<QlikType> of(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
  }
}
