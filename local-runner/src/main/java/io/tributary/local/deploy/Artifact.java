package io.tributary.local.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a deploy uploads: its name in the bucket (before the content hash), where it is in the checkout, and the
 * template parameter that receives its key.
 */
public record Artifact(String name, Path file, String parameter) {
  public Artifact {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is missing: build the checkout first (mvn -B -DskipTests package)");
    }
  }
}
