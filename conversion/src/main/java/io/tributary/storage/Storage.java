package io.tributary.storage;

import org.apache.hadoop.conf.Configuration;

/**
 * Where a conversion's files live: the store serving each URI, and the Hadoop settings Parquet's codecs read.
 * On EMR every URI goes through Hadoop's FileSystem; the live-fill function reaches S3 through the AWS SDK.
 */
public interface Storage {
  /** The store that opens, writes and lists {@code uri}. */
  FileStore store(String uri);

  /** The settings Parquet's writers read (codec levels, buffer sizes); no file is reached through them. */
  Configuration hadoop();

  /** Local files through java.nio, every other URI through Hadoop's FileSystem with {@code conf}. */
  static Storage hadoop(Configuration conf) {
    return new Storage() {
      @Override
      public FileStore store(String uri) {
        return FileStores.of(uri, conf);
      }

      @Override
      public Configuration hadoop() {
        return conf;
      }
    };
  }
}
