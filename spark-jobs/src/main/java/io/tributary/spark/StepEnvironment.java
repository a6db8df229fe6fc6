package io.tributary.spark;

import io.tributary.aws.AwsClients;
import io.tributary.aws.SecretSources;
import io.tributary.aws.glue.GlueLakeCatalog;
import io.tributary.core.catalog.LakeCatalogs;
import io.tributary.core.secret.SecretSource;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.storage.FileStore;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything a job kind's step is given besides its document: its file stores (through the Spark session's
 * Hadoop configuration), its secret sources, its clock, the AWS clients it needs, and the process environment
 * its entry point was started with. The entry point builds it (the EMR step's {@code main}, the local EMR, the
 * local runs); a kind looks nothing up itself.
 *
 * @param hadoop the Hadoop configuration for file systems
 * @param clock the clock a kind stamps its records with
 * @param clients the AWS clients, closed by whoever built them
 * @param variables the process environment variables the entry point was started with
 */
public record StepEnvironment(Configuration hadoop, Clock clock, AwsClients clients, Map<String, String> variables) {
  public StepEnvironment {
    Objects.requireNonNull(hadoop, "hadoop");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clients, "clients");
    variables = Map.copyOf(variables);
  }

  /** The file store of {@code uri}. */
  public FileStore files(String uri) {
    return FileStores.of(uri, hadoop);
  }

  /** The text of the object at {@code uri}. */
  public String readText(String uri) throws IOException {
    return FileStores.readText(uri, hadoop);
  }

  /** The Glue Data Catalog's databases, where jobs naming {@code glue_database} register their tables. */
  public LakeCatalogs catalogs() {
    return database -> new GlueLakeCatalog(clients.glue(), database);
  }

  /** The secret source {@code spec} names (SSM through the SDK's defaults). */
  public SecretSource secrets(SecretSourceSpec spec) {
    return SecretSources.fromSpec(spec);
  }
}
