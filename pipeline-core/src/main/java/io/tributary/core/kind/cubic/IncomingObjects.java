package io.tributary.core.kind.cubic;

import java.util.Optional;

/** Looks up one object of an incoming bucket: S3's HeadObject on AWS. */
@FunctionalInterface
public interface IncomingObjects {
  /** The object at {@code key} of {@code bucket} with its last-modified time and size, or empty when absent. */
  Optional<IncomingObject> head(String bucket, String key);
}
