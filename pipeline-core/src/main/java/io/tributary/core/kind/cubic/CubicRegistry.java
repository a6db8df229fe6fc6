package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Cubic registries: tables (with their snapshot and the lease of the run ingesting them) and loads (one
 * per object version, with its status). Every write is conditional on what the caller read, so a concurrent
 * or illegal change is refused rather than lost. DynamoDB on AWS and here (DynamoDB Local); in memory in tests.
 */
public interface CubicRegistry {

  /** The table named {@code name}, if registered. */
  Optional<CubicTable> table(String name);

  /** All registered tables. */
  List<CubicTable> tables();

  /**
   * Writes {@code table} if the stored item is still {@code expected} (absent: not yet registered); returns
   * false, writing nothing, when it changed since.
   */
  boolean putTable(CubicTable table, Optional<CubicTable> expected);

  /** Registers {@code load} unless a load with its id exists; returns whether it was new. */
  boolean register(CubicLoad load);

  /** The load with {@code id}, if registered. */
  Optional<CubicLoad> load(String id);

  /** Loads, optionally only those in {@code status} and of {@code table}, oldest object first. */
  List<CubicLoad> loads(Optional<LoadStatus> status, Optional<String> table);

  /**
   * Moves a load from {@code from} to {@code to} recording {@code change}, only if it is in {@code from}
   * (and, from {@code ingesting}, still held by {@code change}'s owner when one is given).
   *
   * @throws LoadTransitionRefusedException when the lifecycle has no such step or the load is not in {@code from}
   */
  CubicLoad move(String id, LoadStatus from, LoadStatus to, LoadChange change, Instant now);

  /**
   * Takes a load for {@code owner} until {@code until}: from {@code ready}, or from {@code ingesting} when the
   * holder's lease has expired at {@code now} (its run died), or from any holder when {@code exclusive} (the
   * caller knows no other run can be alive). Returns the load taken, or empty when another live run holds it
   * or it is no longer ready.
   */
  Optional<CubicLoad> claim(String id, String owner, Instant until, Instant now, boolean exclusive);
}
