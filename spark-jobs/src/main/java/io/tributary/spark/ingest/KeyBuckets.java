package io.tributary.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import io.tributary.core.config.TableName;
import io.tributary.spark.pg.PgColumn;
import io.tributary.spark.pg.PgType;
import io.tributary.spark.state.KeyedMerge;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Finds the keys of a current state that its source no longer holds, reading little of the source. Each key's text
 * (its columns' text forms joined by U+001F, the same in PostgreSQL and Spark for integer, text and uuid columns)
 * is hashed with MD5, and the hash's first 28 bits, masked, pick one of about a quarter as many buckets as the
 * state has keys. The state's count and sum of a 60-bit slice of the hashes per bucket are sent to the source as
 * arrays (no table is created there, so a read replica serves); the source computes its own per bucket and returns
 * only the buckets that differ with their keys. A bucket of about four keys differs when one of them was deleted
 * (or added), so with 1% of keys deleted about 4% of the keys are read, and nothing else.
 */
public final class KeyBuckets {
  /** A bucket holds about this many of the state's keys (the next power of two of buckets). */
  public static final int KEYS_PER_BUCKET = 4;
  /** At most 2^24 buckets: their arrays stay well below PostgreSQL's limits. */
  private static final int MAX_BITS = 24;
  private static final String SEPARATOR = "\u001f";
  private final TableName table;
  private final List<String> key;

  /**
   * What a pass found: the keys the state has and the source has not (as key texts); the bytes it read from the
   * source (bucket numbers and key texts) and the source keys among them; the state's keys, the buckets and how many
   * differed.
   */
  record Found(Set<String> deleted, long bytesRead, long keysRead, long stateKeys, int buckets, int differing) {}

  KeyBuckets(TableName table, List<String> key) {
    this.table = table;
    this.key = List.copyOf(key);
  }

  /** Throws naming a key column whose type a pass cannot compare (not an integer, text, varchar or uuid). */
  public static void check(List<PgColumn> columns, List<String> key) {
    for (String name : key) {
      PgColumn column = columns.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("deletes: key column " + name + " is not in the table"));
      boolean comparable = !column.array() && (column.type() == PgType.INT2 || column.type() == PgType.INT4
          || column.type() == PgType.INT8 || column.type() == PgType.UUID || column.catalogType().equals("text")
          || column.catalogType().startsWith("character varying"));
      if (!comparable) {
        throw new IllegalArgumentException("deletes: key column " + name + " is " + column.catalogType()
            + "; finding deleted keys needs integer, text, varchar or uuid key columns");
      }
    }
  }

  /** The key's text as a Spark column over a relation with the key's columns. */
  Column keyText() {
    return keyText("");
  }

  /** The key's text over the relation aliased {@code alias}. */
  Column keyText(String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return concat_ws(SEPARATOR, key.stream().map(k -> col(prefix + KeyedMerge.quoted(k)).cast(DataTypes.StringType))
        .toArray(Column[]::new));
  }

  /** Compares {@code stateKeys} (a relation holding the key's columns) with the source's keys. */
  Found compare(Connection source, Dataset<Row> stateKeys) throws SQLException {
    Dataset<Row> hashed = stateKeys.select(keyText().as("t")).withColumn("h", md5(col("t")));
    long keys = hashed.count();
    int bits = Math.max(0, Math.min(MAX_BITS, 64 - Long.numberOfLeadingZeros(Math.max(1, keys / KEYS_PER_BUCKET))));
    long mask = (1L << bits) - 1;
    Column bucket = conv(substring(col("h"), 1, 7), 16, 10).cast(DataTypes.LongType).bitwiseAND(mask);
    List<Row> summary = hashed.groupBy(bucket.cast(DataTypes.IntegerType).as("b"))
        .agg(count("*"), sum(conv(substring(col("h"), 17, 15), 16, 10).cast(DataTypes.createDecimalType(38, 0))))
        .collectAsList();
    Integer[] buckets = new Integer[summary.size()];
    Long[] counts = new Long[summary.size()];
    BigDecimal[] sums = new BigDecimal[summary.size()];
    for (int i = 0; i < summary.size(); i++) {
      buckets[i] = summary.get(i).getInt(0);
      counts[i] = summary.get(i).getLong(1);
      sums[i] = summary.get(i).getDecimal(2);
    }
    String sql = "WITH state (b, n, s) AS (SELECT * FROM unnest(?::int[], ?::bigint[], ?::numeric[])),"
        + " src AS (SELECT ((('x' || substr(h, 1, 7))::bit(28)::int) & " + mask + ") AS b, t,"
        + " ('x' || substr(h, 17, 15))::bit(60)::bigint AS v"
        + " FROM (SELECT t, md5(t) AS h FROM (SELECT " + sourceKeyText() + " AS t FROM " + table.quoted() + ") k) h),"
        + " agg AS (SELECT b, count(*) AS n, sum(v) AS s FROM src GROUP BY b),"
        + " diff AS (SELECT coalesce(a.b, st.b) AS b FROM agg a FULL JOIN state st ON a.b = st.b"
        + " WHERE a.n IS DISTINCT FROM st.n OR a.s IS DISTINCT FROM st.s)"
        + " SELECT diff.b, src.t FROM diff LEFT JOIN src ON src.b = diff.b";
    Set<Integer> differing = new HashSet<>();
    Set<String> present = new HashSet<>();
    long bytes = 0;
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      statement.setArray(1, source.createArrayOf("int4", buckets));
      statement.setArray(2, source.createArrayOf("int8", counts));
      statement.setArray(3, source.createArrayOf("numeric", sums));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          differing.add(rows.getInt(1));
          bytes += Integer.BYTES;
          String text = rows.getString(2);
          if (text != null) {
            present.add(text);
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
          }
        }
      }
    }
    Set<String> deleted = new HashSet<>();
    if (!differing.isEmpty()) {
      for (Row row : hashed.where(bucket.isin(differing.stream().map(Integer::longValue).toArray())).select("t")
          .collectAsList()) {
        if (!present.contains(row.getString(0))) {
          deleted.add(row.getString(0));
        }
      }
    }
    return new Found(deleted, bytes, present.size(), keys, 1 << bits, differing.size());
  }

  private String sourceKeyText() {
    return "concat_ws(chr(31), " + key.stream().map(k -> "\"" + k.replace("\"", "\"\"") + "\"::text")
        .collect(Collectors.joining(", ")) + ")";
  }
}
