package io.tributary.convert;

import java.io.Closeable;
import java.io.IOException;

/** Writes the rows of one output partition to one file, holding at most a bounded buffer in memory. */
interface PartitionWriter extends Closeable {
  void write(TypedRow row) throws IOException;

  /** Rows written so far. */
  long rows();
}
