package io.tributary.core.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A location in the lake or a source: {@code s3://bucket/prefix}, {@code s3a://bucket/prefix} or
 * {@code file:/absolute/path}, rendered as written without a trailing slash. The one type for every root
 * and output directory, and the one place that knows {@code s3://} and {@code s3a://}
 * name the same store (EMR reads {@code s3://} through EMRFS, local runs map it to S3A).
 *
 * @param scheme {@code s3}, {@code s3a} or {@code file}
 * @param bucket the bucket, empty for {@code file:}
 * @param path the absolute path below the bucket (empty for a bucket's root), no trailing slash
 */
public record StorageUri(String scheme, String bucket, String path) {
  private static final Set<String> SCHEMES = Set.of("s3", "s3a", "file");

  public StorageUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(path, "path");
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("scheme must be s3://, s3a:// or file:");
    }
  }

  /** Parses and checks {@code text}; throws IllegalArgumentException saying what is wrong with it. */
  public static StorageUri parse(String text) {
    return read(text).orElseThrow(problem -> new IllegalArgumentException("'" + text + "' " + problem));
  }

  /** What is wrong with {@code text} as a location, if anything (without the text itself). */
  public static Optional<String> problemWith(String text) {
    return read(text).problem();
  }

  private static Parsed read(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Parsed.failed("is not a URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      return Parsed.failed("scheme must be s3://, s3a:// or file:");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      return Parsed.failed("must not carry a query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")) {
      return Parsed.failed("must not contain '.' or '..' segments");
    }
    if (scheme.equals("file")) {
      if (!path.startsWith("/")) {
        return Parsed.failed("file: URI needs an absolute path, e.g. file:/data/lake");
      }
      return Parsed.of(new StorageUri("file", "", path));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Parsed.failed(scheme + ":// URI needs a bucket, e.g. " + scheme + "://bucket/prefix");
    }
    return Parsed.of(new StorageUri(scheme, uri.getHost(), path));
  }

  /** True when one of the two locations lies inside the other (or they are the same), on the same store. */
  public boolean overlaps(StorageUri other) {
    if (!store().equals(other.store()) || !bucket.equals(other.bucket)) {
      return false;
    }
    return isWithin(path, other.path) || isWithin(other.path, path);
  }

  /**
   * The path of {@code objectUri} relative to this location, if it lies below it: {@code s3://} and
   * {@code s3a://} are the same store, and {@code file:///x} is {@code file:/x}.
   */
  public Optional<String> relativize(String objectUri) {
    Optional<StorageUri> object = read(objectUri).value();
    if (object.isEmpty() || !object.get().store().equals(store()) || !object.get().bucket.equals(bucket)
        || !object.get().path.startsWith(path + "/")) {
      return Optional.empty();
    }
    return Optional.of(object.get().path.substring(path.length() + 1));
  }

  /**
   * This location as Hadoop's S3A names it: the one place an {@code s3://} location becomes {@code s3a://}. The
   * engines that read and write through S3A (conversion, Cubic, warehouse inputs) take their locations so, the
   * same client locally and on EMR; a jdbc-ingest job's {@code output_dir} stays as written (EMRFS on EMR).
   */
  public StorageUri viaS3a() {
    return scheme.equals("s3") ? new StorageUri("s3a", bucket, path) : this;
  }

  /** True for {@code file:} locations. */
  public boolean isLocal() {
    return scheme.equals("file");
  }

  /** This location as a {@link URI}. */
  public URI uri() {
    return URI.create(toString());
  }

  /** This location with {@code segments} appended, each separated by a slash. */
  public String resolve(String... segments) {
    StringBuilder out = new StringBuilder(toString());
    for (String segment : segments) {
      out.append('/').append(segment);
    }
    return out.toString();
  }

  private String store() {
    return scheme.equals("file") ? "file" : "s3";
  }

  private static boolean isWithin(String inner, String outer) {
    return inner.equals(outer) || outer.isEmpty() || inner.startsWith(outer + "/");
  }

  @Override
  public String toString() {
    return scheme.equals("file") ? "file:" + path : scheme + "://" + bucket + path;
  }

  /** A parse's result: the location, or what is wrong. */
  private record Parsed(Optional<StorageUri> value, Optional<String> problem) {
    static Parsed of(StorageUri uri) {
      return new Parsed(Optional.of(uri), Optional.empty());
    }

    static Parsed failed(String problem) {
      return new Parsed(Optional.empty(), Optional.of(problem));
    }

    StorageUri orElseThrow(Function<String, RuntimeException> failure) {
      return value.orElseThrow(() -> failure.apply(problem.orElseThrow()));
    }
  }
}
