package io.tributary.core.testing;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.kind.cubic.LoadTransitionRefusedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Cubic registry in memory, with the conditional writes DynamoDB makes; synchronized like one table. */
public final class InMemoryCubicRegistry implements CubicRegistry {
  private final Map<String, CubicTable> tables = new TreeMap<>();
  private final Map<String, CubicLoad> loads = new TreeMap<>();

  @Override
  public synchronized Optional<CubicTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  @Override
  public synchronized List<CubicTable> tables() {
    return new ArrayList<>(tables.values());
  }

  @Override
  public synchronized boolean putTable(CubicTable table, Optional<CubicTable> expected) {
    if (!Optional.ofNullable(tables.get(table.name())).equals(expected)) {
      return false;
    }
    tables.put(table.name(), table);
    return true;
  }

  @Override
  public synchronized boolean register(CubicLoad load) {
    return loads.putIfAbsent(load.id(), load) == null;
  }

  @Override
  public synchronized Optional<CubicLoad> load(String id) {
    return Optional.ofNullable(loads.get(id));
  }

  @Override
  public synchronized List<CubicLoad> loads(Optional<LoadStatus> status, Optional<String> table) {
    return loads.values().stream().filter(l -> status.map(s -> s == l.status()).orElse(true))
        .filter(l -> table.map(t -> t.equals(l.table())).orElse(true))
        .sorted(Comparator.comparing(CubicLoad::lastModified).thenComparing(CubicLoad::key)).toList();
  }

  @Override
  public synchronized CubicLoad move(String id, LoadStatus from, LoadStatus to, LoadChange change, Instant now) {
    if (!from.canMoveTo(to)) {
      throw LoadTransitionRefusedException.illegal(id, from, to);
    }
    CubicLoad load = loads.get(id);
    if (load == null || load.status() != from
        || (from == LoadStatus.INGESTING && change.owner().isPresent() && !load.owner().equals(change.owner()))) {
      throw LoadTransitionRefusedException.notIn(id, from, to, load == null ? "not registered"
          : load.status().label() + load.owner().map(o -> " (held by " + o + ")").orElse(""));
    }
    CubicLoad moved = load.moved(to, change, now);
    loads.put(id, moved);
    return moved;
  }

  @Override
  public synchronized Optional<CubicLoad> claim(String id, String owner, Instant until, Instant now,
      boolean exclusive) {
    CubicLoad load = loads.get(id);
    if (load == null) {
      return Optional.empty();
    }
    boolean ready = load.status() == LoadStatus.READY;
    boolean abandoned = load.status() == LoadStatus.INGESTING
        && (exclusive || load.owner().equals(Optional.of(owner)) || load.leaseUntil().map(u -> !now.isBefore(u)).orElse(true));
    if (!ready && !abandoned) {
      return Optional.empty();
    }
    CubicLoad claimed = new CubicLoad(load.key(), load.lastModified(), load.size(), load.table(), LoadStatus.INGESTING,
        load.snapshot(), load.rows(), load.reason(), Optional.of(owner), Optional.of(until), load.registeredAt(), now);
    loads.put(id, claimed);
    return Optional.of(claimed);
  }
}
