package io.tributary.core.config;

import io.tributary.core.convert.DatasetId;
import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.LakeLayout;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.storage.StorageUri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a warehouse-load job loads, from its {@code options} cell: {@code schema=S; tables=a,b;} then either
 * {@code bucket=URI} (the seed tool's input layout) or {@code source_job=JOB} (the published windows of a
 * jdbc-ingest job, each window's load_date a data date; or of a convert job writing Parquet in the athena
 * layout, each day or hour partition a data date, {@code [dataset=C/D]} naming which of its datasets;
 * {@code input=URI} and {@code input_layout=raw|athena} are filled in from the job table); {@code [config=URI]} (required with source_job), {@code [truncate=true]},
 * {@code [force=true]}, {@code [granularity=day|hour]}, {@code [dialect=postgresql|redshift]},
 * {@code [iam_role=ARN]} (Redshift's COPY), {@code [secret_source=SPEC]} (the warehouse's credentials).
 */
public record WarehouseSource(String schema, List<String> tables, Optional<StorageUri> bucket,
    Optional<String> sourceJob, Optional<StorageUri> lakeInput, LakeLayout lakeLayout, Optional<DatasetId> dataset,
    Optional<String> config, boolean truncate, boolean force, Granularity granularity, WarehouseDialect dialect,
    Optional<String> iamRole, SecretSourceSpec secretSource) implements JobSource {
  /** Where the warehouse's credentials are by default: SSM parameters, as the JDBC jobs' are. */
  public static final String DEFAULT_SECRET_SOURCE = "ssm:warehouse-jdbcurl,warehouse-user,warehouse-psswd";
  private static final Set<String> KEYS = Set.of("schema", "tables", "bucket", "source_job", "input", "input_layout",
      "dataset", "config", "truncate", "force", "granularity", "dialect", "iam_role", "secret_source");

  public WarehouseSource {
    Objects.requireNonNull(schema, "schema");
    tables = List.copyOf(tables);
    bucket = bucket.map(StorageUri::viaS3a); // inputs are listed and read through S3A
    Objects.requireNonNull(sourceJob, "sourceJob");
    lakeInput = lakeInput.map(StorageUri::viaS3a);
    Objects.requireNonNull(lakeLayout, "lakeLayout");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(iamRole, "iamRole");
    Objects.requireNonNull(secretSource, "secretSource");
  }

  @Override
  public Optional<String> upstreamJob() {
    return sourceJob;
  }

  /** This source reading {@code root}, laid out as {@code layout}: where its source job publishes. */
  public WarehouseSource withLakeInput(StorageUri root, LakeLayout layout) {
    return new WarehouseSource(schema, tables, bucket, sourceJob, Optional.of(root), layout, dataset, config,
        truncate, force, granularity, dialect, iamRole, secretSource);
  }


  /** The options cell of this source, as {@link #parse} reads it. */
  public String options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("schema", schema);
    options.put("tables", String.join(",", tables));
    bucket.ifPresent(b -> options.put("bucket", b.toString()));
    sourceJob.ifPresent(j -> options.put("source_job", j));
    lakeInput.ifPresent(i -> options.put("input", i.toString()));
    if (lakeInput.isPresent()) {
      options.put("input_layout", lakeLayout.label());
    }
    dataset.ifPresent(d -> options.put("dataset", d.path()));
    config.ifPresent(c -> options.put("config", c));
    if (truncate) {
      options.put("truncate", "true");
    }
    if (force) {
      options.put("force", "true");
    }
    options.put("granularity", granularity.label());
    options.put("dialect", dialect.label());
    iamRole.ifPresent(r -> options.put("iam_role", r));
    options.put("secret_source", secretSource.toString());
    return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  /** Parses an options cell; every problem goes to {@code problems} as "key: what, expected"; null when any. */
  public static WarehouseSource parse(String cell, List<String> problems) {
    int before = problems.size();
    Map<String, String> options = OptionsCell.parse(cell, KEYS, problems);
    String schema = identifier(options, "schema", problems);
    List<String> tables = new ArrayList<>();
    if (!options.containsKey("tables") || options.get("tables").isBlank()) {
      problems.add("tables: missing, expected tables=a,b");
    } else {
      for (String table : options.get("tables").split(",")) {
        String name = identifier(Map.of("tables", table.trim()), "tables", problems);
        if (name != null) {
          tables.add(name);
        }
      }
    }
    Optional<StorageUri> bucket = optional(options, "bucket", StorageUri::parse, problems);
    Optional<String> sourceJob = Optional.ofNullable(options.get("source_job"));
    if (bucket.isPresent() == sourceJob.isPresent()) {
      problems.add("bucket: expected exactly one of bucket=URI (input files) or source_job=JOB (a jdbc-ingest job's windows)");
    }
    if (sourceJob.isPresent() && !JobConfig.isValidName(sourceJob.get())) {
      problems.add("source_job: '" + sourceJob.get() + "' is not a job name");
    }
    if (sourceJob.isPresent() && !options.containsKey("config")) {
      problems.add("config: missing, a source_job input has no config beside it, expected config=URI of the table config");
    }
    if (sourceJob.isPresent() && tables.size() > 1) {
      problems.add("tables: a source_job input is one table, expected one name");
    }
    Optional<StorageUri> input = optional(options, "input", StorageUri::parse, problems);
    LakeLayout layout = optional(options, "input_layout", LakeLayout::parse, problems).orElse(LakeLayout.RAW);
    Optional<DatasetId> dataset = optional(options, "dataset", DatasetId::parse, problems);
    boolean truncate = bool(options, "truncate", problems);
    boolean force = bool(options, "force", problems);
    Granularity granularity = optional(options, "granularity", Granularity::parse, problems).orElse(Granularity.DAY);
    WarehouseDialect dialect = optional(options, "dialect", WarehouseDialect::parse, problems)
        .orElse(WarehouseDialect.POSTGRESQL);
    Optional<String> iamRole = Optional.ofNullable(options.get("iam_role"));
    if (dialect == WarehouseDialect.REDSHIFT && iamRole.isEmpty()) {
      problems.add("iam_role: missing, Redshift's COPY reads S3 with a role, expected iam_role=arn:aws:iam::<account>:role/<name>");
    }
    if (iamRole.isPresent() && !iamRole.get().matches("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+")) {
      problems.add("iam_role: '" + iamRole.get() + "' is not an IAM role ARN");
    }
    SecretSourceSpec secrets = optional(options, "secret_source", SecretSourceSpec::parse, problems)
        .orElse(SecretSourceSpec.parse(DEFAULT_SECRET_SOURCE));
    if (problems.size() != before) {
      return null;
    }
    return new WarehouseSource(schema, tables, bucket, sourceJob, input, layout, dataset,
        Optional.ofNullable(options.get("config")), truncate, force, granularity, dialect, iamRole, secrets);
  }

  private static String identifier(Map<String, String> options, String key, List<String> problems) {
    String value = options.get(key);
    if (value == null || value.isEmpty()) {
      problems.add(key + ": missing, expected " + key + "=<name>");
      return null;
    }
    if (!SqlIdentifier.isPlain(value)) {
      problems.add(key + ": '" + value + "' is not a plain SQL identifier, expected letters, digits and '_'");
      return null;
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static boolean bool(Map<String, String> options, String key, List<String> problems) {
    String value = options.getOrDefault(key, "false");
    if (!value.equals("true") && !value.equals("false")) {
      problems.add(key + ": '" + value + "' is not true or false");
    }
    return value.equals("true");
  }

  private static <T> Optional<T> optional(Map<String, String> options, String key, Function<String, T> parse,
      List<String> problems) {
    if (!options.containsKey(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(options.get(key)));
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
