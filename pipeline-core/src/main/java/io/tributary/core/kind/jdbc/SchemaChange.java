package io.tributary.core.kind.jdbc;

import io.tributary.core.history.SourceColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a source table's columns changed between the window history last loaded and the next, judged by the schema
 * policy, once for every reader: an added column or a safe widening ({@code smallint} to {@code integer} or
 * {@code bigint}, {@code integer} to {@code bigint}, {@code real} to {@code double precision}, more numeric digits
 * at no smaller scale, a longer {@code varchar} or {@code varchar} to {@code text}) evolves; any other retyping, a
 * narrowing and a dropped column are refused, each named with both types ({@code amount: numeric(12,2) -> text}).
 */
public record SchemaChange(List<SourceColumn> added, List<String> widened, List<String> refused) {
  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
  private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

  public SchemaChange {
    added = List.copyOf(added);
    widened = List.copyOf(widened);
    refused = List.copyOf(refused);
  }

  /** The change from {@code before} to {@code after}; no change when {@code before} is empty (nothing recorded). */
  public static SchemaChange between(List<SourceColumn> before, List<SourceColumn> after) {
    List<SourceColumn> added = new ArrayList<>();
    List<String> widened = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    if (before.isEmpty()) {
      return new SchemaChange(added, widened, refused);
    }
    Map<String, String> now = new LinkedHashMap<>();
    after.forEach(c -> now.put(c.name(), c.type()));
    for (SourceColumn old : before) {
      String type = now.remove(old.name());
      if (type == null) {
        refused.add(old.name() + ": " + old.type() + " -> (dropped)");
      } else if (!type.equals(old.type())) {
        (widens(old.type(), type) ? widened : refused).add(old.name() + ": " + old.type() + " -> " + type);
      }
    }
    now.forEach((name, type) -> added.add(new SourceColumn(name, type)));
    return new SchemaChange(added, widened, refused);
  }

  /** True when nothing changed. */
  public boolean none() {
    return added.isEmpty() && widened.isEmpty() && refused.isEmpty();
  }

  /** Why the policy refuses this change, if it does. */
  public Optional<String> refusal() {
    return refused.isEmpty() ? Optional.empty() : Optional.of("the source schema changed in a way the lake's"
        + " earlier windows cannot take: " + String.join(", ", refused) + " (write a new output table, or set"
        + " accept_schema_change=true and back-fill the earlier windows in the new schema; docs/configuration.md)");
  }

  /** The change in one line: {@code + note text; amount: integer -> bigint; ...}, or {@code unchanged}. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    added.forEach(c -> parts.add("+ " + c));
    parts.addAll(widened);
    parts.addAll(refused);
    return parts.isEmpty() ? "unchanged" : String.join("; ", parts);
  }

  private static boolean widens(String from, String to) {
    String a = from.toLowerCase(Locale.ROOT);
    String b = to.toLowerCase(Locale.ROOT);
    if (INTEGERS.contains(a) && INTEGERS.contains(b)) {
      return INTEGERS.indexOf(b) > INTEGERS.indexOf(a);
    }
    if (a.equals("real") && b.equals("double precision")) {
      return true;
    }
    Matcher na = NUMERIC.matcher(a);
    Matcher nb = NUMERIC.matcher(b);
    if (na.matches() && nb.matches()) {
      int p1 = Integer.parseInt(na.group(1));
      int s1 = Integer.parseInt(na.group(2));
      int p2 = Integer.parseInt(nb.group(1));
      int s2 = Integer.parseInt(nb.group(2));
      return s2 >= s1 && p2 - s2 >= p1 - s1;
    }
    Matcher va = VARCHAR.matcher(a);
    if (va.matches()) {
      Matcher vb = VARCHAR.matcher(b);
      return b.equals("text") || vb.matches() && Integer.parseInt(vb.group(1)) >= Integer.parseInt(va.group(1));
    }
    return false;
  }
}
