package io.tributary.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;

/** The store of a URI: local files for {@code file:}, Hadoop's FileSystem for everything else. */
public final class FileStores {
  private static final LocalFileStore LOCAL = new LocalFileStore();

  private FileStores() {}

  public static FileStore of(String uri, Configuration conf) {
    return uri.startsWith("file:") ? LOCAL : new HadoopFileStore(conf);
  }

  /** The text of the object at {@code uri}, through its store. */
  public static String readText(String uri, Configuration conf) throws IOException {
    try (InputStream in = of(uri, conf).open(uri)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
