package io.tributary.spark.cubic;

import io.tributary.core.storage.StorageUri;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.IncomingObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Every object under {@code <incoming>/cubic/}, with its key (relative to the root), last-modified and size. */
public final class IncomingListing {
  private IncomingListing() {}

  /** Lists {@code incoming}'s Cubic objects; an absent {@code cubic/} folder is an empty listing. */
  public static List<IncomingObject> list(StorageUri incoming, Configuration conf) throws IOException {
    Path root = new Path(incoming.toString());
    Path cubic = new Path(root, IncomingKey.ROOT);
    FileSystem fs = cubic.getFileSystem(conf);
    String rootPath = fs.makeQualified(root).toUri().getPath().replaceAll("/+$", "");
    List<IncomingObject> objects = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(cubic, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String path = file.getPath().toUri().getPath();
        String key = path.substring(rootPath.length() + 1);
        if (!file.getPath().getName().startsWith(".")) {
          objects.add(new IncomingObject(key, Instant.ofEpochMilli(file.getModificationTime()), file.getLen()));
        }
      }
    } catch (FileNotFoundException nothingYet) {
      return List.of();
    }
    return objects;
  }
}
