package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.Optional;

/** What a status transition also records on the load; empty fields keep their values. */
public record LoadChange(Optional<Instant> snapshot, Optional<Long> rows, Optional<String> reason,
    Optional<String> owner, Optional<Instant> leaseUntil) {

  /** Nothing besides the status. */
  public static LoadChange none() {
    return new LoadChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The load taken by {@code owner} until {@code until}. */
  public static LoadChange claim(String owner, Instant until) {
    return new LoadChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(owner), Optional.of(until));
  }

  /** The load ingested with {@code rows} rows. */
  public static LoadChange ingested(long rows) {
    return new LoadChange(Optional.empty(), Optional.of(rows), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The load failed, or was set aside, for {@code reason}. */
  public static LoadChange because(String reason) {
    return new LoadChange(Optional.empty(), Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty());
  }
}
