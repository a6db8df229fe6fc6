package io.tributary.spark.pg;

import org.apache.spark.sql.connector.read.InputPartition;

/** One partition of the read: the COPY statement it runs. */
record PgCopyPartition(int index, String statement) implements InputPartition {}
