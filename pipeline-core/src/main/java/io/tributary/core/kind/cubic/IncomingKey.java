package io.tributary.core.kind.cubic;

import java.util.Locale;
import java.util.Optional;

/**
 * What an incoming object's key says: {@code cubic/<feed folder>/<table folder>/<file>}. An ODS table and its
 * {@code __ct} folder are one table, named as the seed's Glue tables are: {@code cubic/ods_qlik/EDW.SAMPLE/}
 * is {@code cubic__ods_qlik__edw_sample}. Data files end {@code .csv.gz} (ODS), {@code .csv}/{@code .csv.gz}
 * (DMAP) or {@code .json} (Kafka); an ODS data file's metadata is the sibling {@code .dfm}.
 *
 * @param key the whole key
 * @param feed the feed it landed in
 * @param folder the table's folder without {@code __ct}, e.g. {@code EDW.SAMPLE}
 * @param changeTable whether it lies in the {@code __ct} folder
 * @param fileName the last segment, e.g. {@code LOAD00000001.csv.gz}
 */
public record IncomingKey(String key, FeedKind feed, String folder, boolean changeTable, String fileName) {
  /** The root every Cubic key lies under. */
  public static final String ROOT = "cubic/";
  private static final String CHANGE_SUFFIX = "__ct";
  private static final String DFM = ".dfm";

  /** The key's parts, or empty when it is not a Cubic object (wrong root or feed, or too few segments). */
  public static Optional<IncomingKey> parse(String key) {
    String[] parts = key.split("/");
    if (parts.length != 4 || !(parts[0] + "/").equals(ROOT) || parts[2].isEmpty() || parts[3].isEmpty()) {
      return Optional.empty();
    }
    Optional<FeedKind> feed = FeedKind.fromFolder(parts[1]);
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    boolean change = feed.get() == FeedKind.ODS && parts[2].endsWith(CHANGE_SUFFIX);
    String folder = change ? parts[2].substring(0, parts[2].length() - CHANGE_SUFFIX.length()) : parts[2];
    return Optional.of(new IncomingKey(key, feed.get(), folder, change, parts[3]));
  }

  /** The table's registry (and Glue) name, e.g. {@code cubic__ods_qlik__edw_sample}. */
  public String tableName() {
    return tableName(feed, folder);
  }

  /** The registry name of the table in {@code folder} of {@code feed}. */
  public static String tableName(FeedKind feed, String folder) {
    return "cubic__" + feed.folder() + "__" + folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** The folder the object lies in, e.g. {@code cubic/ods_qlik/EDW.SAMPLE__ct}. */
  public String prefix() {
    return ROOT + feed.folder() + "/" + folder + (changeTable ? CHANGE_SUFFIX : "");
  }

  /**
   * Whether this is a data file of its feed, a load: ODS {@code .csv.gz} (as MBTA's pipeline registers only those,
   * {@code ExCubicIngestion.Validators.valid_s3_object?}), DMAP {@code .csv.gz} or {@code .csv}, Kafka {@code .json}.
   */
  public boolean isData() {
    return switch (feed) {
      case ODS -> fileName.endsWith(".csv.gz");
      case DMAP -> fileName.endsWith(".csv.gz") || fileName.endsWith(".csv");
      case KAFKA -> fileName.endsWith(".json");
    };
  }

  /** Whether this is an ODS data file's metadata rather than data. */
  public boolean isDfm() {
    return feed == FeedKind.ODS && fileName.endsWith(DFM);
  }

  /** The key of an ODS data file's {@code .dfm}: the key with {@code .csv.gz} (or {@code .csv}) replaced. */
  public String dfmKey() {
    String base = fileName.endsWith(".csv.gz") ? fileName.substring(0, fileName.length() - 7)
        : fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    return prefix() + "/" + base + DFM;
  }

  /** Whether this is the first file of an ODS full load ({@code LOAD00000001}): it starts a snapshot. */
  public boolean startsSnapshot() {
    return isSnapshotFile() && fileName.matches("LOAD0*1\\..*");
  }

  /** Whether this is a file of an ODS full load ({@code LOAD<n>}). */
  public boolean isSnapshotFile() {
    return feed == FeedKind.ODS && !changeTable && fileName.startsWith("LOAD");
  }
}
