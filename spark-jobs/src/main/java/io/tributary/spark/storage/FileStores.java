package io.tributary.spark.storage;

import org.apache.hadoop.conf.Configuration;

/** The store of a URI: local files for {@code file:}, Hadoop's FileSystem for everything else. */
public final class FileStores {
  private static final LocalFileStore LOCAL = new LocalFileStore();

  private FileStores() {}

  public static FileStore of(String uri, Configuration conf) {
    return uri.startsWith("file:") ? LOCAL : new HadoopFileStore(conf);
  }
}
