package io.tributary.local;

import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.LakeLayout;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.storage.StorageUri;
import io.tributary.spark.warehouse.InputOptions;
import io.tributary.spark.warehouse.TableOutcome;
import io.tributary.spark.warehouse.WarehouseCredentials;
import io.tributary.spark.warehouse.WarehouseLoad;
import io.tributary.spark.warehouse.WarehouseLoadRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tributary warehouse-load}: the latest data of a bucket into a SQL warehouse, as the seed tool does. */
@Command(name = "warehouse-load", mixinStandardHelpOptions = true,
    description = "Loads, per table, the latest input of --bucket (by the timestamp in its name) into the"
        + " warehouse of WAREHOUSE_JDBC_URL/WAREHOUSE_USER/WAREHOUSE_PASSWORD (or REDSHIFT_HOST, REDSHIFT_PORT,"
        + " REDSHIFT_DB, REDSHIFT_USER, REDSHIFT_PASSWORD): creates or evolves the table, replaces the input's"
        + " data date, one transaction per table. Prints an outcome per table; exits 1 if any failed.")
final class WarehouseLoadCommand implements Callable<Integer> {
  @Option(names = "--schema", required = true, description = "Target schema.")
  String schema;

  @Option(names = "--tables", required = true, split = ",", description = "Target tables, comma separated.")
  List<String> tables;

  @Option(names = "--bucket", required = true, description = "Where the inputs are: s3://, s3a://, file: or a path.")
  String bucket;

  @Option(names = "--truncate", description = "Replace the table's contents (an input older than the table is skipped unless --force).")
  boolean truncate;

  @Option(names = "--force", description = "Load even when the table holds newer data.")
  boolean force;

  @Option(names = "--date", description = "Load exactly the input stamped with this RFC 3339 time, e.g. 2015-07-01T00:00:00Z.")
  String date;

  @Option(names = "--config", description = "The table config to use instead of the one beside the input (path or URI).")
  String config;

  @Option(names = "--granularity", defaultValue = "day", description = "day or hour: how data dates compare (default day).")
  String granularity;

  @Option(names = "--dialect", defaultValue = "postgresql", description = "postgresql or redshift (default postgresql).")
  String dialect;

  @Option(names = "--iam-role", description = "Redshift only: the role its COPY reads S3 with.")
  String iamRole;

  @Option(names = "--delimiter", description = "The field delimiter of headerless CSV inputs (the seed tool's .gz"
      + " and extensionless files, read by the config's column order), e.g. '|'.")
  String delimiter;

  @Option(names = "--truncate-text", description = "Cut text longer than its column to fit (as the seed tool's"
      + " TRUNCATECOLUMNS) instead of rejecting the row.")
  boolean truncateText;

  @Option(names = "--timezone", defaultValue = "UTC", description = "The zone the target's data dates are stored"
      + " in, an IANA name such as America/Los_Angeles (default UTC).")
  String timezone;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WarehouseLoadRequest request;
    try {
      request = new WarehouseLoadRequest(schema.toLowerCase(Locale.ROOT),
          tables.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList(), Optional.of(uri(bucket)),
          Optional.empty(), LakeLayout.RAW, Optional.ofNullable(config), truncate, force, Optional.ofNullable(date).map(this::instant),
          Optional.empty(), Granularity.parse(granularity), WarehouseDialect.parse(dialect),
          Optional.ofNullable(iamRole), options());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<TableOutcome> outcomes;
    try (Connection connection = WarehouseCredentials.open(
        WarehouseCredentials.resolve(SecretSourceSpec.parse("env"), System.getenv()))) {
      outcomes = new WarehouseLoad(connection, new Configuration()).run(request);
    }
    spec.commandLine().getOut().print(WarehouseLoad.render(outcomes));
    spec.commandLine().getOut().flush();
    return outcomes.stream().anyMatch(o -> o.action().failed()) ? 1 : 0;
  }

  private InputOptions options() {
    if (delimiter != null && delimiter.length() != 1) {
      throw new IllegalArgumentException("--delimiter '" + delimiter + "' is not one character");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--timezone '" + timezone + "' is not a zone of the IANA database, e.g."
          + " America/Los_Angeles");
    }
    return new InputOptions(Optional.ofNullable(delimiter).map(d -> d.charAt(0)), truncateText, zone);
  }

  private Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--date '" + text + "' is not an RFC 3339 time, e.g. 2015-07-01T00:00:00Z");
    }
  }

  private static String uri(String location) {
    return location.matches("[a-z][a-z0-9+.-]*:.*") ? StorageUri.parse(location).toString()
        : Path.of(location).toAbsolutePath().toUri().toString();
  }
}
