package io.tributary.spark.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The few file operations a conversion needs, on one kind of storage: local files through java.nio, S3
 * (and anything else Hadoop knows) through Hadoop's FileSystem. Paths are full URIs.
 */
interface FileStore {
  /** Opens a file; throws FileNotFoundException when it is missing. */
  InputStream open(String uri) throws IOException;

  /** Creates (or overwrites) a file, creating its parent directories. */
  OutputStream create(String uri) throws IOException;

  boolean exists(String uri) throws IOException;

  /** Moves a complete file over {@code to}: readers see the old file or the new one. */
  void replace(String from, String to) throws IOException;

  /** Deletes a file; false when there was none. */
  boolean delete(String uri) throws IOException;

  /** Deletes a directory and everything below it, if present. */
  void deleteTree(String uri) throws IOException;

  /** The entries of a directory (empty when it does not exist), sorted by name. */
  List<Entry> list(String directoryUri) throws IOException;

  /** One directory entry. */
  record Entry(String name, boolean directory) {}
}
