package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.Objects;

/** One object of the incoming bucket as a listing or an S3 event reports it. */
public record IncomingObject(String key, Instant lastModified, long size) {
  public IncomingObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** The load id of this object: one object version (key and last-modified) is one load. */
  public String loadId() {
    return CubicLoad.id(key, lastModified);
  }
}
