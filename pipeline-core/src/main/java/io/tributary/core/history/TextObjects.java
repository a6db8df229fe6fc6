package io.tributary.core.history;

import java.nio.file.NoSuchFileException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads small text objects (run records) by URI: {@code file:} locally, {@code s3://} on AWS. */
@FunctionalInterface
public interface TextObjects {

  /**
   * The object's text; throws {@link NoSuchObjectException} when there is none, and IOException naming the URI
   * when it cannot be read.
   */
  String read(String uri) throws IOException;

  /** Reads {@code file:} URIs from the local file system. */
  static TextObjects localFiles() {
    return uri -> {
      if (!uri.startsWith("file:")) {
        throw new IOException("not a file: URI: " + uri);
      }
      try {
        return Files.readString(Path.of(URI.create(uri)));
      } catch (NoSuchFileException e) {
        throw new NoSuchObjectException(uri, e);
      }
    };
  }
}
