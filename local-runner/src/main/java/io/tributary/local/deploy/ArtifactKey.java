package io.tributary.local.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a deploy uploads a file: {@code <prefix>/<name>-<first 16 hex digits of its SHA-256>.<extension>}. A key
 * names one content, so an upload never replaces what a running stack uses, an unchanged file is not uploaded
 * again, and a changed jar changes the stack's parameter, so CloudFormation updates the functions' code.
 */
public final class ArtifactKey {
  private ArtifactKey() {}

  /** The key of {@code file} below {@code prefix}, shown as {@code name} (e.g. {@code spark-jobs-emr.jar}). */
  public static String of(String prefix, String name, Path file) throws IOException {
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String extension = dot < 0 ? "" : name.substring(dot);
    return prefix + "/" + stem + "-" + sha256(file).substring(0, 16) + extension;
  }

  /** The SHA-256 of {@code file}'s content, in hex. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
