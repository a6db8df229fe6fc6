package io.tributary.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;

/**
 * The root of a job's lake zone: an {@code s3://bucket/prefix}, {@code s3a://bucket/prefix} or
 * {@code file:/absolute/path} URI. Always rendered without a trailing slash.
 */
public record OutputLocation(URI uri) {
  private static final Set<String> SCHEMES = Set.of("s3", "s3a", "file");

  public OutputLocation {
    Objects.requireNonNull(uri, "uri");
    String problem = problemWith(uri);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses and checks {@code text}; throws IllegalArgumentException with the reason. */
  public static OutputLocation parse(String text) {
    try {
      String trimmed = text.endsWith("/") && text.length() > 1 ? stripTrailingSlashes(text) : text;
      return new OutputLocation(new URI(trimmed));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + e.getReason());
    }
  }

  private static String stripTrailingSlashes(String text) {
    int end = text.length();
    while (end > 1 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }

  private static String problemWith(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !SCHEMES.contains(scheme)) {
      return "scheme must be s3://, s3a:// or file:";
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      return "must not carry a query or fragment";
    }
    String path = uri.getPath();
    if (scheme.equals("file")) {
      if (path == null || !path.startsWith("/")) {
        return "file: URI needs an absolute path";
      }
    } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return scheme + ":// URI needs a bucket";
    }
    if (path != null && (path.contains("/../") || path.endsWith("/..") || path.contains("/./"))) {
      return "must not contain '.' or '..' segments";
    }
    return null;
  }

  /** This location with {@code segments} appended, each separated by a slash. */
  public String resolve(String... segments) {
    StringBuilder out = new StringBuilder(uri.toString());
    for (String segment : segments) {
      out.append('/').append(segment);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
