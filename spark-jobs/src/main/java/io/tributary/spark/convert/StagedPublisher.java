package io.tributary.spark.convert;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves finished files from a run's staging directory to their place, one whole file at a time: a reader
 * sees the old file or the new one, never a partial one (on S3 a rename is a copy of a complete object).
 */
final class StagedPublisher {
  private final Configuration conf;

  StagedPublisher(Configuration conf) {
    this.conf = conf;
  }

  /** Replaces {@code target} with {@code staged}; siblings named {@code <siblingPrefix>*} go too. */
  void replace(String staged, String target, String siblingPrefix) throws IOException {
    Path from = new Path(staged);
    Path to = new Path(target);
    FileSystem fs = to.getFileSystem(conf);
    fs.mkdirs(to.getParent());
    removeSiblings(fs, to, siblingPrefix);
    if (fs.exists(to)) {
      fs.delete(to, false);
    }
    if (!fs.rename(from, to)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  /** Removes {@code target} (and its siblings) if present: the partition has no rows any more. */
  boolean remove(String target, String siblingPrefix) throws IOException {
    Path to = new Path(target);
    FileSystem fs = to.getFileSystem(conf);
    boolean removed = removeSiblings(fs, to, siblingPrefix);
    return fs.delete(to, false) || removed;
  }

  /** Deletes a run's staging directory. */
  void discard(String stagingRoot) throws IOException {
    Path path = new Path(stagingRoot);
    path.getFileSystem(conf).delete(path, true);
  }

  private static boolean removeSiblings(FileSystem fs, Path target, String prefix) throws IOException {
    if (prefix == null || !fs.exists(target.getParent())) {
      return false;
    }
    boolean removed = false;
    for (FileStatus sibling : fs.listStatus(target.getParent())) {
      String name = sibling.getPath().getName();
      if (name.startsWith(prefix) && !name.equals(target.getName())) {
        removed |= fs.delete(sibling.getPath(), false);
      }
    }
    return removed;
  }
}
