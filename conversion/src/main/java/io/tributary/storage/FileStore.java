package io.tributary.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few file operations the jobs need (conversion, window commits, run records), on one kind of storage:
 * local files through java.nio, S3 (and anything else Hadoop knows) through Hadoop's FileSystem. Paths are
 * full URIs.
 */
public interface FileStore {
  /** Opens a file; throws FileNotFoundException when it is missing. */
  InputStream open(String uri) throws IOException;

  /** Creates (or overwrites) a file, creating its parent directories. */
  OutputStream create(String uri) throws IOException;

  boolean exists(String uri) throws IOException;

  /** Moves a complete file over {@code to}: readers see the old file or the new one. */
  void replace(String from, String to) throws IOException;

  /**
   * Moves a directory and all below it to {@code to}, whose parent is created; {@code to} must not exist.
   * Atomic on local and HDFS file systems; on S3 a copy of each object, then a delete.
   */
  void renameDirectory(String from, String to) throws IOException;

  /** Writes a small text file whole (a run record). */
  default void writeText(String uri, String text) throws IOException {
    try (OutputStream out = create(uri)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Deletes a file; false when there was none. */
  boolean delete(String uri) throws IOException;

  /** Deletes a directory and everything below it, if present. */
  void deleteTree(String uri) throws IOException;

  /** The entries of a directory (empty when it does not exist), sorted by name. */
  List<Entry> list(String directoryUri) throws IOException;

  /** One directory entry; {@code size} in bytes for a file. */
  record Entry(String name, boolean directory, long size) {}
}
