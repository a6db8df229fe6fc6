package io.tributary.spark.ingest;

import io.tributary.storage.FileStore;
import io.tributary.storage.FileStores;
import io.tributary.storage.ParquetFooters;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one window's output visible all at once. A run writes into {@code <root>/_tributary_staging/
 * <window>/<run id>/} (directories starting with {@code _} are hidden from Spark, Hive and Athena
 * listings), then {@link #publish} swaps it in: the old window directory is renamed away, the staged one
 * renamed into place, the old one deleted. A reader sees the old window or the new one; a run killed
 * between the two renames leaves the window absent until the next run, never partial. Directory renames
 * are atomic on local and HDFS file systems; on S3 a rename copies objects, see docs/architecture.md.
 */
public final class WindowCommit {
  private static final Logger LOG = LoggerFactory.getLogger(WindowCommit.class);
  static final String STAGING = "_tributary_staging";
  static final String TRASH = "_tributary_trash";

  private final FileStore store;
  private final Configuration conf;
  private final String target;
  private final String staging;
  private final String trash;

  private WindowCommit(FileStore store, Configuration conf, String target, String staging, String trash) {
    this.store = store;
    this.conf = conf;
    this.target = target;
    this.staging = staging;
    this.trash = trash;
  }

  /**
   * Prepares the commit of {@code partition} below {@code root} for {@code runId}, removing what earlier,
   * killed runs of the same window left in staging (the window's lease makes this run its only writer).
   */
  public static WindowCommit begin(Configuration conf, String root, String partition, String runId) throws IOException {
    String rootUri = new Path(root).toString();
    FileStore store = FileStores.of(rootUri, conf);
    String windowKey = partition.replace('/', '_');
    String windowStaging = rootUri + "/" + STAGING + "/" + windowKey;
    for (FileStore.Entry stale : store.list(windowStaging)) {
      LOG.info("removing staging left by an earlier run: {}/{}", windowStaging, stale.name());
      store.deleteTree(windowStaging + "/" + stale.name());
    }
    return new WindowCommit(store, conf, rootUri + "/" + partition, windowStaging + "/" + runId,
        rootUri + "/" + TRASH + "/" + windowKey + "/" + runId);
  }

  /** Where the run writes. */
  public String stagingPath() {
    return staging;
  }

  /** Where the window is visible once published. */
  public String targetPath() {
    return target;
  }

  /** Rows and bytes in the staged data files, read from their Parquet footers. */
  public ParquetFooters.Contents stagedFiles() throws IOException {
    return ParquetFooters.of(store, staging, conf);
  }

  /** Swaps the staged directory in as the window's directory. */
  public void publish() throws IOException {
    boolean replaced = store.exists(target);
    if (replaced) {
      store.renameDirectory(target, trash);
    }
    store.renameDirectory(staging, target);
    if (replaced) {
      store.deleteTree(trash);
    }
  }

  /** Removes this run's staging (after a failure). */
  public void abandon() {
    try {
      store.deleteTree(staging);
    } catch (IOException e) {
      LOG.warn("cannot remove staging {}: {}", staging, e.getMessage());
    }
  }
}
