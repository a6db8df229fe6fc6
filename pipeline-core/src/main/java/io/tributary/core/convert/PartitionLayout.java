package io.tributary.core.convert;

import java.util.Locale;

/** How converted files are laid out below the destination. */
public enum PartitionLayout {
  /**
   * Hive-style directories down to the partition size ({@code year=2020/month=01/day=02/hour=03/}), one
   * file per partition, compressed inside the file; Athena and Spark prune on the directories.
   */
  ATHENA,
  /**
   * DataClient's layout: {@code year=<YYYY>/<unix seconds of the partition start>.<format>[.<compression>]},
   * the whole file compressed, and a METADATA.json per dataset.
   */
  DATACLIENT;

  /** Parses {@code athena|dataclient}; the message lists the choices. */
  public static PartitionLayout parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("layout '" + text + "' is not one of athena, dataclient");
    }
  }

  /** The name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
