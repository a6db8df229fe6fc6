package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A registry that records the loads it let this run claim and "kills" the run (throws {@link Crash}, an Error
 * no load's failure handling catches) just before the first write {@code crashBefore} matches, as a process
 * killed at that point would stop.
 */
final class FaultyRegistry implements CubicRegistry {
  /** A write about to happen: the method and, for a move, the status it moves to. */
  record Write(String method, Optional<LoadStatus> to, String id) {}

  /** The simulated kill. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(Write write) {
      super("killed before " + write);
    }
  }

  private final CubicRegistry delegate;
  private final Predicate<Write> crashBefore;
  final List<String> claimed = new CopyOnWriteArrayList<>();

  FaultyRegistry(CubicRegistry delegate, Predicate<Write> crashBefore) {
    this.delegate = delegate;
    this.crashBefore = crashBefore;
  }

  static FaultyRegistry recording(CubicRegistry delegate) {
    return new FaultyRegistry(delegate, w -> false);
  }

  private void check(Write write) {
    if (crashBefore.test(write)) {
      throw new Crash(write);
    }
  }

  @Override
  public Optional<CubicTable> table(String name) {
    return delegate.table(name);
  }

  @Override
  public List<CubicTable> tables() {
    return delegate.tables();
  }

  @Override
  public boolean putTable(CubicTable table, Optional<CubicTable> expected) {
    check(new Write("putTable", Optional.empty(), table.name()));
    return delegate.putTable(table, expected);
  }

  @Override
  public boolean register(CubicLoad load) {
    check(new Write("register", Optional.of(load.status()), load.id()));
    return delegate.register(load);
  }

  @Override
  public Optional<CubicLoad> load(String id) {
    return delegate.load(id);
  }

  @Override
  public List<CubicLoad> loads(Optional<LoadStatus> status, Optional<String> table) {
    return delegate.loads(status, table);
  }

  @Override
  public CubicLoad move(String id, LoadStatus from, LoadStatus to, LoadChange change, Instant now) {
    check(new Write("move", Optional.of(to), id));
    return delegate.move(id, from, to, change, now);
  }

  @Override
  public Optional<CubicLoad> claim(String id, String owner, Instant until, Instant now, boolean exclusive) {
    check(new Write("claim", Optional.of(LoadStatus.INGESTING), id));
    Optional<CubicLoad> taken = delegate.claim(id, owner, until, now, exclusive);
    taken.ifPresent(l -> claimed.add(l.id()));
    return taken;
  }
}
