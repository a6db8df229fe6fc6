package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of the Cubic registry.
 *
 * @param name registry (and Glue) name, e.g. {@code cubic__ods_qlik__edw_sample}
 * @param feed ods, dmap or kafka
 * @param folder the table's folder under its feed, e.g. {@code EDW.SAMPLE}
 * @param active whether its loads are registered and ingested
 * @param snapshot the ODS table's current snapshot: the last-modified time of its latest LOAD00000001
 * @param snapshotKey the key of that LOAD00000001
 * @param builtSnapshot the snapshot the current-state table was last rebuilt from
 * @param leaseOwner the run ingesting the table's loads, while it holds the table
 * @param leaseUntil until when that run holds it
 */
public record CubicTable(String name, FeedKind feed, String folder, boolean active, Optional<Instant> snapshot,
    Optional<String> snapshotKey, Optional<Instant> builtSnapshot, Optional<String> leaseOwner,
    Optional<Instant> leaseUntil) {
  public CubicTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(snapshotKey, "snapshotKey");
    Objects.requireNonNull(builtSnapshot, "builtSnapshot");
    Objects.requireNonNull(leaseOwner, "leaseOwner");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }

  /** A table first seen in {@code key}. */
  public static CubicTable of(IncomingKey key, boolean active) {
    return new CubicTable(key.tableName(), key.feed(), key.folder(), active, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether a run other than {@code owner} holds the table at {@code now}. */
  public boolean heldByAnotherThan(String owner, Instant now) {
    return leaseOwner.isPresent() && !leaseOwner.get().equals(owner) && leaseUntil.map(now::isBefore).orElse(false);
  }

  public CubicTable withActive(boolean isActive) {
    return new CubicTable(name, feed, folder, isActive, snapshot, snapshotKey, builtSnapshot, leaseOwner, leaseUntil);
  }

  public CubicTable withSnapshot(Instant at, String key) {
    return new CubicTable(name, feed, folder, active, Optional.of(at), Optional.of(key), builtSnapshot, leaseOwner,
        leaseUntil);
  }

  public CubicTable withBuiltSnapshot(Instant at) {
    return new CubicTable(name, feed, folder, active, snapshot, snapshotKey, Optional.of(at), leaseOwner, leaseUntil);
  }

  public CubicTable withLease(Optional<String> owner, Optional<Instant> until) {
    return new CubicTable(name, feed, folder, active, snapshot, snapshotKey, builtSnapshot, owner, until);
  }
}
