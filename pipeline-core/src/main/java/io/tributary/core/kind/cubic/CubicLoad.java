package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One incoming object tracked through its lifecycle.
 *
 * @param key the object's key in the incoming bucket
 * @param lastModified the object's last-modified time: with the key, the load's identity
 * @param size bytes
 * @param table the registry name of its table
 * @param status where it is in the lifecycle
 * @param snapshot the table's snapshot the load belongs to (ODS only)
 * @param rows rows ingested, once known
 * @param reason why it was errored (or archived without being applied), with file, line and column where known
 * @param owner the run that ingests it while {@code ingesting}
 * @param leaseUntil until when {@code owner} holds it; after that another run may take it over
 * @param registeredAt when it was registered
 * @param updatedAt when its status last changed
 */
public record CubicLoad(String key, Instant lastModified, long size, String table, LoadStatus status,
    Optional<Instant> snapshot, Optional<Long> rows, Optional<String> reason, Optional<String> owner,
    Optional<Instant> leaseUntil, Instant registeredAt, Instant updatedAt) {
  public CubicLoad {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A newly seen object, registered as {@code status} (ready, or ready_for_erroring with a reason). */
  public static CubicLoad register(IncomingObject object, String table, LoadStatus status, Optional<Instant> snapshot,
      Optional<String> reason, Instant now) {
    return new CubicLoad(object.key(), object.lastModified(), object.size(), table, status, snapshot,
        Optional.empty(), reason, Optional.empty(), Optional.empty(), now, now);
  }

  /** The identity of an object version: its key and its last-modified time in milliseconds. */
  public static String id(String key, Instant lastModified) {
    return key + "@" + lastModified.toEpochMilli();
  }

  public String id() {
    return id(key, lastModified);
  }

  /** The parts of the load's key. */
  public IncomingKey incomingKey() {
    return IncomingKey.parse(key).orElseThrow(() -> new IllegalStateException("not a Cubic key: " + key));
  }

  /** This load moved to {@code to} at {@code now} with {@code change} applied. */
  public CubicLoad moved(LoadStatus to, LoadChange change, Instant now) {
    return new CubicLoad(key, lastModified, size, table, to, change.snapshot().or(() -> snapshot),
        change.rows().or(() -> rows), change.reason().or(() -> reason),
        to == LoadStatus.INGESTING ? change.owner() : Optional.empty(),
        to == LoadStatus.INGESTING ? change.leaseUntil() : Optional.empty(), registeredAt, now);
  }
}
