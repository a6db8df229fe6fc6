package io.tributary.spark.cubic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.tributary.core.kind.cubic.DeclaredSchema;
import io.tributary.core.kind.cubic.Dfm;
import io.tributary.core.kind.cubic.DfmColumn;
import io.tributary.core.kind.cubic.DfmParser;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one incoming file as typed rows with lower-cased column names: an ODS file as its dfm declares (CSV with
 * a header, the dfm's delimiter, quote and null value, {@code ""} escapes, fields spanning lines), each value cast
 * to its type with ANSI rules so a bad value fails the load; a DMAP file as its header's strings; a Kafka batch
 * as JSON lines with the schema Spark infers. The session must read timestamps in UTC.
 */
public final class CubicFileReader {
  /** The column {@link #odsFiles} names each row's file in. */
  public static final String FILE = "_tributary_file";
  private final SparkSession spark;
  private final FileStore store;

  public CubicFileReader(SparkSession spark, FileStore store) {
    this.spark = spark;
    this.store = store;
  }

  /** A file's rows and, for ODS, its dfm. */
  public record TypedFile(Dataset<Row> rows, Optional<Dfm> dfm) {}

  /**
   * Reads the load at {@code uri} (key {@code key}); {@code dfmUri} is its dfm's (ODS only); {@code declared} the
   * job's columns for a DMAP or Kafka table, if it declares them.
   */
  public TypedFile read(IncomingKey key, String uri, String dfmUri, Optional<DeclaredSchema> declared)
      throws IOException {
    return switch (key.feed()) {
      case ODS -> ods(key, uri, dfmUri);
      case DMAP -> new TypedFile(declared.map(d -> declaredCsv(uri, d))
          .orElseGet(() -> lowerCased(csv(',', '"', "").option("inferSchema", "false").load(uri))), Optional.empty());
      case KAFKA -> new TypedFile(declared.map(d -> declaredJson(uri, d))
          .orElseGet(() -> lowerCased(spark.read().option("mode", "FAILFAST").json(uri))), Optional.empty());
    };
  }

  /** A DMAP file whose header must name exactly the declared columns (any case), each cast to its type. */
  private Dataset<Row> declaredCsv(String uri, DeclaredSchema declared) {
    Dataset<Row> raw = csv(',', '"', "").schema(strings(declared.columns().stream()
        .map(DeclaredSchema.Column::name).toList())).option("enforceSchema", "false").load(uri);
    return raw.select(declared.columns().stream().map(c -> typed(c.name(), c.sqlType(), c.name()))
        .toArray(Column[]::new));
  }

  /**
   * A Kafka batch typed by the declared columns (matched to the records' field names exactly); the fields it
   * does not declare are kept, as a JSON object of their values, in {@code _extra} (null when there are none).
   */
  private Dataset<Row> declaredJson(String uri, DeclaredSchema declared) {
    String schema = declared.columns().stream().map(c -> quoted(c.name()) + " " + c.sqlType())
        .collect(Collectors.joining(", "));
    String names = declared.columns().stream().map(c -> "'" + c.name().replace("'", "\\'") + "'")
        .collect(Collectors.joining(", "));
    Dataset<Row> lines = spark.read().text(uri).where("trim(value) <> ''");
    Dataset<Row> parsed = lines.selectExpr("from_json(value, '" + schema.replace("'", "\\'")
            + "', map('mode', 'FAILFAST')) as r",
        "map_filter(from_json(value, 'map<string,string>'), (k, v) -> NOT array_contains(array(" + names
            + "), k)) as extra");
    List<Column> columns = new ArrayList<>();
    declared.columns().forEach(c -> columns.add(col("r." + quoted(c.name())).as(c.name())));
    columns.add(expr("CASE WHEN size(extra) = 0 THEN NULL ELSE to_json(extra) END").as("_extra"));
    return parsed.select(columns.toArray(Column[]::new));
  }

  private TypedFile ods(IncomingKey key, String uri, String dfmUri) throws IOException {
    Dfm dfm = dfm(key, dfmUri);
    return new TypedFile(typed(odsCsv(dfm).load(uri), dfm), Optional.of(dfm));
  }

  /** The dfm of the ODS file {@code key}, read from {@code dfmUri}. */
  public Dfm dfm(IncomingKey key, String dfmUri) throws IOException {
    return DfmParser.parse(key.dfmKey(), text(dfmUri));
  }

  /**
   * Several ODS files of one dfm layout read together (a task per file), typed as {@link #read} types one, each
   * row with the name of its file in column {@value #FILE}.
   */
  public Dataset<Row> odsFiles(List<String> uris, Dfm layout) {
    Dataset<Row> raw = odsCsv(layout).load(uris.toArray(String[]::new))
        .withColumn(FILE, expr("substring_index(input_file_name(), '/', -1)"));
    List<Column> columns = new ArrayList<>(typedColumns(layout));
    columns.add(col(FILE));
    return raw.select(columns.toArray(Column[]::new));
  }

  private DataFrameReader odsCsv(Dfm dfm) {
    return csv(dfm.fieldDelimiter(), dfm.quoteChar(), dfm.nullValue()).schema(strings(dfm))
        .option("enforceSchema", "false");
  }

  private static Dataset<Row> typed(Dataset<Row> raw, Dfm dfm) {
    return raw.select(typedColumns(dfm).toArray(Column[]::new));
  }

  private static List<Column> typedColumns(Dfm dfm) {
    return dfm.columns().stream().map(c -> typed(c.name(), c.sqlType(), c.lakeName())).toList();
  }

  /**
   * The first value of {@code uri} that does not cast to its dfm type, as "record N, column C: 'value' is not
   * TYPE", if any: run only after a load failed, to say where.
   */
  public Optional<String> firstBadValue(IncomingKey key, String uri, Dfm dfm) {
    Dataset<Row> raw = csv(dfm.fieldDelimiter(), dfm.quoteChar(), dfm.nullValue()).schema(strings(dfm)).load(uri)
        .withColumn("_record", expr("monotonically_increasing_id() + 1"));
    for (DfmColumn column : dfm.columns()) {
      if (column.sqlType().equals("string")) {
        continue;
      }
      String name = quoted(column.name());
      List<Row> bad = raw.where(name + " is not null and try_cast(" + name + " as " + column.sqlType() + ") is null")
          .orderBy("_record").select(col("_record"), col(name)).limit(1).collectAsList();
      if (!bad.isEmpty()) {
        return Optional.of(key.key() + ": record " + bad.get(0).getLong(0) + ", column " + column.name() + ": '"
            + bad.get(0).getString(1) + "' is not " + column.type() + " (" + column.sqlType() + ")");
      }
    }
    return Optional.empty();
  }

  private static StructType strings(Dfm dfm) {
    return strings(dfm.columns().stream().map(DfmColumn::name).toList());
  }

  /** A schema reading every one of {@code names} as a string, as the file spells them. */
  private static StructType strings(List<String> names) {
    return new StructType(names.stream().map(n -> new StructField(n, DataTypes.StringType, true,
        Metadata.empty())).toArray(StructField[]::new));
  }

  /** The string column {@code name} cast to {@code sqlType} (ANSI in this session), named {@code alias}. */
  private static Column typed(String name, String sqlType, String alias) {
    return (sqlType.equals("string") ? col(quoted(name)) : expr("cast(" + quoted(name) + " as " + sqlType + ")"))
        .as(alias);
  }

  private DataFrameReader csv(char delimiter, char quote, String nullValue) {
    return spark.read().format("csv").option("header", "true").option("sep", String.valueOf(delimiter))
        .option("quote", String.valueOf(quote)).option("escape", String.valueOf(quote))
        .option("nullValue", nullValue).option("multiLine", "true").option("mode", "FAILFAST");
  }

  private static Dataset<Row> lowerCased(Dataset<Row> rows) {
    return rows.select(Arrays.stream(rows.columns())
        .map(c -> col(quoted(c)).as(c.toLowerCase(Locale.ROOT))).toArray(Column[]::new));
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private String text(String uri) throws IOException {
    try (InputStream in = store.open(uri)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
