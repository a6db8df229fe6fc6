package io.tributary.core.history;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small text objects (step documents too long for a step's arguments) by URI. */
@FunctionalInterface
public interface TextObjectWriter {

  /** Writes {@code text} whole at {@code uri}, replacing what is there. */
  void write(String uri, String text) throws IOException;

  /** Writes {@code file:} URIs to the local file system. */
  static TextObjectWriter localFiles() {
    return (uri, text) -> {
      if (!uri.startsWith("file:")) {
        throw new IOException("not a file: URI: " + uri);
      }
      Path path = Path.of(URI.create(uri));
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    };
  }
}
