package io.tributary.spark.cubic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates a Qlik table's history independently of the code under test: a snapshot, then change files of
 * inserts, updates (each after its before-image), deletes and re-inserts, keys changed several times, each
 * change numbered by a fixed-width {@code header__change_seq}. {@link #replay} is the reference: every change
 * of the given files applied one by one in change_seq order over the snapshot.
 */
final class ChangeScript {
  private final Random random;
  private final Map<String, List<String>> live = new TreeMap<>();
  private long seq;
  private int nextKey;

  ChangeScript(long seed) {
    this.random = new Random(seed);
  }

  /** A row: trip_id, stop_seq (the composite key), name, amount, updated, active. */
  static List<String> row(int trip, int stop, String name, String amount, String updated, boolean active) {
    return new ArrayList<>(List.of(String.valueOf(trip), String.valueOf(stop), name, amount, updated,
        String.valueOf(active)));
  }

  static String key(List<String> row) {
    return row.get(0) + "/" + row.get(1);
  }

  /** {@code count} snapshot rows, remembered as the live state. */
  List<List<String>> snapshot(int count) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> row = newRow();
      live.put(key(row), row);
      rows.add(row);
    }
    return rows;
  }

  /** One change file of {@code count} changes (plus a before-image per update), applied to the live state. */
  List<List<String>> changes(int count) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int choice = random.nextInt(10);
      List<String> keys = new ArrayList<>(live.keySet());
      if (choice < 3 || keys.isEmpty()) {
        List<String> row = random.nextInt(4) == 0 && !deleted.isEmpty() ? reinsert() : newRow();
        live.put(key(row), row);
        rows.add(change("I", row));
      } else if (choice < 8) {
        String key = keys.get(random.nextInt(keys.size()));
        rows.add(change("B", live.get(key), seq + 1));
        List<String> updated = new ArrayList<>(live.get(key));
        updated.set(2, "name " + random.nextInt(1000) + (random.nextBoolean() ? " \"quoted\", with comma" : ""));
        updated.set(3, (random.nextInt(100000) / 100) + "." + String.format("%02d", random.nextInt(100)));
        live.put(key, updated);
        rows.add(change("U", updated));
      } else {
        String key = keys.get(random.nextInt(keys.size()));
        rows.add(change("D", live.remove(key)));
        deleted.add(key);
      }
    }
    return rows;
  }

  private final List<String> deleted = new ArrayList<>();

  private List<String> reinsert() {
    String key = deleted.remove(random.nextInt(deleted.size()));
    String[] parts = key.split("/");
    return row(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), "back " + random.nextInt(100), "1.00",
        "2026-01-02 03:04:05", true);
  }

  private List<String> newRow() {
    int trip = nextKey++;
    return row(trip / 3, trip % 3, "row " + trip, (trip * 7 % 1000) + ".25", "2026-01-01 00:00:0" + (trip % 10),
        trip % 2 == 0);
  }

  private List<String> change(String oper, List<String> row) {
    return change(oper, row, ++seq);
  }

  private List<String> change(String oper, List<String> row, long number) {
    List<String> change = new ArrayList<>(List.of(String.format("%035d", number), oper, "2026-01-01 00:00:00"));
    change.addAll(row);
    return change;
  }

  /** The reference state: {@code snapshot}, then every change of {@code files} in change_seq order. */
  static Map<String, List<String>> replay(List<List<String>> snapshot, List<List<List<String>>> files) {
    Map<String, List<String>> state = new TreeMap<>();
    snapshot.forEach(r -> state.put(key(r), r));
    List<List<String>> all = new ArrayList<>();
    files.forEach(all::addAll);
    all.sort(java.util.Comparator.comparing(c -> c.get(0)));
    for (List<String> change : all) {
      List<String> row = change.subList(3, change.size());
      switch (change.get(1)) {
        case "I", "U" -> state.put(key(row), new ArrayList<>(row));
        case "D" -> state.remove(key(row));
        default -> { } // B: the row before an update, not a change
      }
    }
    return new LinkedHashMap<>(state);
  }
}
