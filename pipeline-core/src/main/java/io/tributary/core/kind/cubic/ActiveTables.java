package io.tributary.core.kind.cubic;

import java.util.List;
import java.util.Set;

/**
 * Which tables a cubic-ingest job ingests: the registry names its options list, or every table ({@code *}).
 * Objects of other tables stay in the incoming prefix, unregistered.
 */
public record ActiveTables(boolean all, Set<String> names) {
  public ActiveTables {
    names = Set.copyOf(names);
  }

  /** Every table. */
  public static ActiveTables everything() {
    return new ActiveTables(true, Set.of());
  }

  /** Only the tables named. */
  public static ActiveTables only(List<String> names) {
    return new ActiveTables(false, Set.copyOf(names));
  }

  public boolean includes(String table) {
    return all || names.contains(table);
  }

  /** As the job's {@code tables=} option holds it. */
  public String option() {
    return all ? "*" : String.join(",", names.stream().sorted().toList());
  }
}
