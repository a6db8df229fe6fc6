package io.tributary.convert;

import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;

/**
 * One parsed row, reused from row to row: per column a null flag and a long (int, bool as 0/1), a double
 * (float) or a byte slice (str, UTF-8, pointing into the reader's buffer until the next record).
 */
final class TypedRow {
  final S3dbColumnType[] types;
  final boolean[] nulls;
  final long[] longs;
  final double[] doubles;
  final byte[][] bytes;
  final int[] starts;
  final int[] lengths;

  TypedRow(DatasetSchema schema) {
    int n = schema.columns().size();
    types = schema.types().toArray(new S3dbColumnType[0]);
    nulls = new boolean[n];
    longs = new long[n];
    doubles = new double[n];
    bytes = new byte[n][];
    starts = new int[n];
    lengths = new int[n];
  }

  int size() {
    return types.length;
  }
}
