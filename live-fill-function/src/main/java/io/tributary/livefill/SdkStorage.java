package io.tributary.livefill;

import io.tributary.storage.FileStore;
import io.tributary.storage.LocalFileStore;
import io.tributary.storage.Storage;
import org.apache.hadoop.conf.Configuration;

/**
 * The live-fill function's storage: {@code s3://} and {@code s3a://} through the AWS SDK ({@link S3FileStore}),
 * {@code file:} through java.nio. Hadoop is here only for the settings Parquet's codecs read; no file system of
 * Hadoop's is loaded.
 */
public final class SdkStorage implements Storage {
  private final S3FileStore s3;
  private final LocalFileStore local = new LocalFileStore();
  private final Configuration hadoop = new Configuration(false);

  public SdkStorage(S3FileStore s3) {
    this.s3 = s3;
  }

  @Override
  public FileStore store(String uri) {
    if (uri.startsWith("file:")) {
      return local;
    }
    if (uri.startsWith("s3://") || uri.startsWith("s3a://")) {
      return s3;
    }
    throw new IllegalArgumentException("the live-fill function reaches s3:// and file: URIs, not " + uri);
  }

  @Override
  public Configuration hadoop() {
    return hadoop;
  }
}
