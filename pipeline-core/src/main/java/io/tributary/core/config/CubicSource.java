package io.tributary.core.config;

import io.tributary.core.kind.cubic.ActiveTables;
import io.tributary.core.kind.cubic.DeclaredSchema;
import io.tributary.core.kind.cubic.SnapshotFiles;
import io.tributary.core.storage.StorageUri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a cubic-ingest job ingests, from its {@code options} cell: {@code incoming=URI} (the bucket root the
 * vendor writes {@code cubic/...} under), {@code springboard=URI} (raw Parquet and current-state tables),
 * {@code archive=URI}, {@code error=URI}, {@code tables=*} or {@code tables=cubic__ods_qlik__edw_sample,...}
 * (the active tables), {@code [lease_minutes=N]} (how long a run holds a table before another may take it
 * over, default 60), {@code [dfm_grace_minutes=N]} (how long a data file waits for its dfm, default 10),
 * {@code [glue_database=NAME]} (the Glue database the raw and current-state tables are registered in; none
 * when absent), {@code [schema.<table>=name:type,...]} (a DMAP or Kafka table's declared columns, see
 * {@link DeclaredSchema}), {@code [rewrite_percent=N]} (a batch of changes reaching N% of an ODS table's rows is
 * applied by rewriting the table in one Delta commit, a smaller one by a Delta MERGE; default 10),
 * {@code [snapshot.<ods table>=<file glob>]} (the file that starts the table's snapshot, e.g. {@code LOAD1.csv.gz};
 * default {@code LOAD00000001}, see {@link SnapshotFiles}).
 */
public record CubicSource(StorageUri incoming, StorageUri springboard, StorageUri archive, StorageUri error,
    ActiveTables tables, Duration lease, Duration dfmGrace, Optional<String> glueDatabase,
    Map<String, DeclaredSchema> schemas, int rewritePercent, SnapshotFiles snapshotFiles) implements JobSource {
  private static final String SCHEMA_PREFIX = "schema.";
  private static final String SNAPSHOT_PREFIX = "snapshot.";
  private static final Set<String> KEYS = Set.of("incoming", "springboard", "archive", "error", "tables",
      "lease_minutes", "dfm_grace_minutes", GlueDatabase.KEY, "rewrite_percent");
  private static final String TABLE_NAME = "cubic__(ods_qlik|dmap|kafka)__[a-z0-9_]+";

  public CubicSource {
    // Cubic ingestion reads and writes through S3A.
    incoming = incoming.viaS3a();
    springboard = springboard.viaS3a();
    archive = archive.viaS3a();
    error = error.viaS3a();
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(dfmGrace, "dfmGrace");
    Objects.requireNonNull(glueDatabase, "glueDatabase");
    schemas = Map.copyOf(schemas);
    if (rewritePercent < 0) {
      throw new IllegalArgumentException("rewritePercent " + rewritePercent + " < 0");
    }
    Objects.requireNonNull(snapshotFiles, "snapshotFiles");
  }

  /** The share of a table's rows from which a batch of changes rewrites the table instead of merging. */
  public double rewriteShare() {
    return rewritePercent / 100.0;
  }

  /** This source with the local roots given (the demo's lake). */
  public CubicSource withRoots(StorageUri in, StorageUri spring, StorageUri arch, StorageUri err) {
    return new CubicSource(in, spring, arch, err, tables, lease, dfmGrace, glueDatabase, schemas,
        rewritePercent, snapshotFiles);
  }

  /** The options cell of this source, as {@link #parse} reads it. */
  public String options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("incoming", incoming.toString());
    options.put("springboard", springboard.toString());
    options.put("archive", archive.toString());
    options.put("error", error.toString());
    options.put("tables", tables.option());
    options.put("lease_minutes", Long.toString(lease.toMinutes()));
    options.put("dfm_grace_minutes", Long.toString(dfmGrace.toMinutes()));
    glueDatabase.ifPresent(d -> options.put(GlueDatabase.KEY, d));
    options.put("rewrite_percent", Integer.toString(rewritePercent));
    new TreeMap<>(schemas).forEach((table, schema) -> options.put(SCHEMA_PREFIX + table, schema.option()));
    new TreeMap<>(snapshotFiles.globs()).forEach((table, glob) -> options.put(SNAPSHOT_PREFIX + table, glob));
    return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  /** Parses an options cell; every problem goes to {@code problems}; null when any. */
  public static CubicSource parse(String cell, List<String> problems) {
    int before = problems.size();
    Map<String, DeclaredSchema> schemas = new TreeMap<>();
    StringBuilder rest = new StringBuilder();
    Map<String, String> snapshotGlobs = new TreeMap<>();
    for (String pair : cell.split(";")) {
      String trimmed = pair.trim();
      if (trimmed.startsWith(SNAPSHOT_PREFIX)) {
        snapshotGlob(trimmed, snapshotGlobs, problems);
        continue;
      }
      if (!trimmed.startsWith(SCHEMA_PREFIX)) {
        rest.append(pair).append(';');
        continue;
      }
      int eq = trimmed.indexOf('=');
      String table = eq < 0 ? trimmed.substring(SCHEMA_PREFIX.length()) : trimmed.substring(SCHEMA_PREFIX.length(), eq).trim();
      if (eq < 0 || !table.matches("cubic__(dmap|kafka)__[a-z0-9_]+")) {
        problems.add(SCHEMA_PREFIX + table + ": expected schema.<a dmap or kafka table>=name:type,...");
        continue;
      }
      try {
        schemas.put(table, DeclaredSchema.parse(trimmed.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        problems.add(SCHEMA_PREFIX + table + ": " + e.getMessage());
      }
    }
    Map<String, String> options = OptionsCell.parse(rest.toString(), KEYS, problems);
    Map<String, StorageUri> roots = new LinkedHashMap<>();
    for (String key : List.of("incoming", "springboard", "archive", "error")) {
      String value = options.get(key);
      if (value == null || value.isEmpty()) {
        problems.add(key + ": missing, expected " + key + "=URI (s3://bucket/prefix or file:/path)");
        continue;
      }
      try {
        roots.put(key, StorageUri.parse(value).viaS3a());
      } catch (IllegalArgumentException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    List<String> keys = new ArrayList<>(roots.keySet());
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        if (roots.get(keys.get(i)).overlaps(roots.get(keys.get(j)))) {
          problems.add(keys.get(j) + ": '" + roots.get(keys.get(j)) + "' overlaps " + keys.get(i) + " '"
              + roots.get(keys.get(i)) + "', expected separate roots");
        }
      }
    }
    ActiveTables tables = tables(options.get("tables"), problems);
    Duration lease = Duration.ofMinutes(minutes(options, "lease_minutes", 60, 1, problems));
    Duration grace = Duration.ofMinutes(minutes(options, "dfm_grace_minutes", 10, 0, problems));
    int rewritePercent = rewritePercent(options.get("rewrite_percent"), problems);
    Optional<String> glue = GlueDatabase.parse(options.get(GlueDatabase.KEY), problems);
    if (problems.size() != before) {
      return null;
    }
    return new CubicSource(roots.get("incoming"), roots.get("springboard"), roots.get("archive"), roots.get("error"),
        tables, lease, grace, glue, schemas, rewritePercent, new SnapshotFiles(snapshotGlobs));
  }

  private static void snapshotGlob(String pair, Map<String, String> globs, List<String> problems) {
    int eq = pair.indexOf('=');
    String table = (eq < 0 ? pair : pair.substring(0, eq)).substring(SNAPSHOT_PREFIX.length()).trim();
    String glob = eq < 0 ? "" : pair.substring(eq + 1).trim();
    if (!table.matches("cubic__ods_qlik__[a-z0-9_]+") || !glob.matches(SnapshotFiles.GLOB)) {
      problems.add(SNAPSHOT_PREFIX + table + ": expected snapshot.<an ods_qlik table>=<file name or glob>, e.g."
          + " snapshot.cubic__ods_qlik__edw_sample=LOAD1.csv.gz");
      return;
    }
    globs.put(table, glob);
  }

  private static int rewritePercent(String value, List<String> problems) {
    if (value == null) {
      return 10;
    }
    try {
      int percent = Integer.parseInt(value.trim());
      if (percent >= 0) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("rewrite_percent: '" + value + "' is not a whole number of percent of at least 0 (0: always"
        + " rewrite; 100: merge unless the changes reach the table's size)");
    return 10;
  }

  private static ActiveTables tables(String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("tables: missing, expected tables=* or tables=cubic__ods_qlik__edw_sample,...");
      return null;
    }
    if (value.equals("*")) {
      return ActiveTables.everything();
    }
    List<String> names = new ArrayList<>();
    for (String name : value.split(",")) {
      if (!name.trim().matches(TABLE_NAME)) {
        problems.add("tables: '" + name.trim() + "' is not a Cubic table name, expected e.g. "
            + "cubic__ods_qlik__edw_sample, cubic__dmap__agg_sample, cubic__kafka__sample");
      }
      names.add(name.trim());
    }
    return ActiveTables.only(names);
  }

  private static long minutes(Map<String, String> options, String key, long fallback, long min,
      List<String> problems) {
    String value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long minutes = Long.parseLong(value);
      if (minutes >= min) {
        return minutes;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": '" + value + "' is not a whole number of minutes of at least " + min);
    return fallback;
  }
}
