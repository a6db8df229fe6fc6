package io.tributary.spark.cubic;

import io.tributary.core.config.CubicSource;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.FeedKind;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.SnapshotTime;

/**
 * Where a cubic-ingest job reads and writes: the incoming objects; the raw zone ({@code
 * <springboard>/raw/<prefix>[/snapshot=S]/identifier=<file>/}); the current-state Delta tables ({@code
 * <springboard>/current/cubic/ods_qlik/<TABLE>/}) and their deletes ({@code <springboard>/state/...}); the archive
 * ({@code <archive>/<prefix>[/snapshot=S]/<file>}) and the error prefix ({@code <error>/<prefix>/timestamp=T/<file>}).
 */
public record CubicPaths(CubicSource source) {

  /** The incoming object of {@code key}. */
  public String incoming(String key) {
    return source.incoming().resolve(key);
  }

  /** The raw-zone directory of a load's rows: {@link #rawParent} then {@code identifier=<file name>}. */
  public String raw(CubicLoad load) {
    return rawParent(load) + "/identifier=" + load.incomingKey().fileName();
  }

  /** The directory holding a load's raw-zone directory and those of the other files of its folder and snapshot. */
  public String rawParent(CubicLoad load) {
    return source.springboard().resolve("raw/" + load.incomingKey().prefix() + snapshotSegment(load));
  }

  /** The root of a raw table: every load of the key's folder lies below it. */
  public String rawTable(IncomingKey key) {
    return source.springboard().resolve("raw/" + key.prefix());
  }

  /** The catalog name of an ODS table's current-state table: the raw table's name with {@code __current}. */
  public static String currentTableName(String table) {
    return table + "__current";
  }

  /** The current-state Delta table of an ODS table's folder. */
  public String current(String folder) {
    return source.springboard().resolve("current/" + IncomingKey.ROOT + FeedKind.ODS.folder() + "/" + folder);
  }

  /** The Delta table of the keys an ODS table's change files deleted, with the change_seq of the delete. */
  public String deletes(String folder) {
    return source.springboard().resolve("state/" + IncomingKey.ROOT + FeedKind.ODS.folder() + "/" + folder
        + "/deleted");
  }

  /** Where an archived load's file (or its dfm, {@code fileName}) goes. */
  public String archive(CubicLoad load, String fileName) {
    return source.archive().resolve(load.incomingKey().prefix() + snapshotSegment(load) + "/" + fileName);
  }

  /** Where an errored load's file (or its dfm) goes. */
  public String error(CubicLoad load, String fileName) {
    return source.error().resolve(load.incomingKey().prefix() + "/timestamp="
        + SnapshotTime.format(load.lastModified()) + "/" + fileName);
  }

  private static String snapshotSegment(CubicLoad load) {
    return load.snapshot().map(s -> "/snapshot=" + SnapshotTime.format(s)).orElse("");
  }
}
