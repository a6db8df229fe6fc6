package io.tributary.spark.ingest;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
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

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final Path trash;

  private WindowCommit(FileSystem fs, Path target, Path staging, Path trash) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.trash = trash;
  }

  /**
   * Prepares the commit of {@code partition} below {@code root} for {@code runId}, removing what earlier,
   * killed runs of the same window left in staging (the window's lease makes this run its only writer).
   */
  public static WindowCommit begin(Configuration conf, String root, String partition, String runId) throws IOException {
    Path rootPath = new Path(root);
    FileSystem fs = rootPath.getFileSystem(conf);
    String windowKey = partition.replace('/', '_');
    Path windowStaging = new Path(new Path(rootPath, STAGING), windowKey);
    if (fs.exists(windowStaging)) {
      for (FileStatus stale : fs.listStatus(windowStaging)) {
        LOG.info("removing staging left by an earlier run: {}", stale.getPath());
        fs.delete(stale.getPath(), true);
      }
    }
    return new WindowCommit(fs, new Path(rootPath, partition), new Path(windowStaging, runId),
        new Path(new Path(new Path(rootPath, TRASH), windowKey), runId));
  }

  /** Where the run writes. */
  public String stagingPath() {
    return staging.toString();
  }

  /** Where the window is visible once published. */
  public String targetPath() {
    return target.toString();
  }

  /** Rows and bytes in the staged data files, read from their Parquet footers. */
  public StagedFiles stagedFiles() throws IOException {
    long rows = 0;
    long bytes = 0;
    int files = 0;
    for (FileStatus file : fs.listStatus(staging)) {
      String name = file.getPath().getName();
      if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
          rows += reader.getRecordCount();
        }
        bytes += file.getLen();
        files++;
      }
    }
    return new StagedFiles(files, rows, bytes);
  }

  /** What a run staged. */
  public record StagedFiles(int files, long rows, long bytes) {}

  /** Swaps the staged directory in as the window's directory. */
  public void publish() throws IOException {
    fs.mkdirs(target.getParent());
    boolean replaced = fs.exists(target);
    if (replaced) {
      fs.mkdirs(trash.getParent());
      rename(target, trash);
    }
    rename(staging, target);
    if (replaced) {
      fs.delete(trash, true);
    }
  }

  /** Removes this run's staging (after a failure). */
  public void abandon() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("cannot remove staging {}: {}", staging, e.getMessage());
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
