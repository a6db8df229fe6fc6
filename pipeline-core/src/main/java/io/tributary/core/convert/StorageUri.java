package io.tributary.core.convert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A source or destination root: {@code file:/absolute/path}, {@code s3a://bucket/prefix} or
 * {@code s3://bucket/prefix} (the same store as s3a). Rendered without a trailing slash.
 */
public record StorageUri(String scheme, String bucket, String path) {

  /** Parses and checks {@code text}; the message says what is wrong. */
  public static StorageUri parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      throw new IllegalArgumentException("'" + text + "' must not contain '.' or '..' segments");
    }
    return switch (scheme) {
      case "file" -> {
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException("'" + text + "' needs an absolute path, e.g. file:/data/lake");
        }
        yield new StorageUri("file", "", path);
      }
      case "s3", "s3a" -> {
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("'" + text + "' needs a bucket, e.g. s3a://bucket/prefix");
        }
        yield new StorageUri("s3a", uri.getHost(), path);
      }
      default -> throw new IllegalArgumentException("'" + text + "' is not a file:, s3a:// or s3:// URI");
    };
  }

  /** True when one of the two roots lies inside the other (or they are the same). */
  public boolean overlaps(StorageUri other) {
    if (!scheme.equals(other.scheme) || !bucket.equals(other.bucket)) {
      return false;
    }
    return isWithin(path, other.path) || isWithin(other.path, path);
  }

  private static boolean isWithin(String inner, String outer) {
    return inner.equals(outer) || outer.isEmpty() || inner.startsWith(outer + "/");
  }

  /** This root with {@code relative} appended. */
  public String resolve(String relative) {
    return this + "/" + relative;
  }

  @Override
  public String toString() {
    return scheme.equals("file") ? "file:" + path : "s3a://" + bucket + path;
  }
}
