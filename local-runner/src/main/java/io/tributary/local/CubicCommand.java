package io.tributary.local;

import io.tributary.core.config.CubicSource;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.spark.cubic.CubicIngestReport;
import io.tributary.spark.cubic.CubicIngestion;
import io.tributary.spark.cubic.LoadTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tributary cubic}: Cubic's incoming files as tracked loads, on local Spark and the local registry. */
@Command(name = "cubic", mixinStandardHelpOptions = true,
    description = "Cubic ingestion: register and ingest incoming files, list loads.",
    subcommands = {CubicCommand.Ingest.class, CubicCommand.Loads.class})
final class CubicCommand {

  /** {@code tributary cubic ingest}. */
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Registers every new object under <incoming>/cubic/, ingests the ready loads (raw Parquet,"
          + " current-state Delta tables of ODS tables), archives or errors each, and prints the loads."
          + " Exits 1 if any load errored.")
  static final class Ingest implements Callable<Integer> {
    @Option(names = "--incoming", required = true, description = "Root the vendor writes cubic/... under (URI or path).")
    String incoming;

    @Option(names = "--springboard", required = true, description = "Root of the raw zone and current-state tables.")
    String springboard;

    @Option(names = "--archive", required = true, description = "Root ingested files move to.")
    String archive;

    @Option(names = "--error", required = true, description = "Root errored files move to.")
    String error;

    @Option(names = "--tables", defaultValue = "*", description = "Active tables, comma separated (default: every table).")
    String tables;

    @Option(names = "--dfm-grace-minutes", defaultValue = "10",
        description = "How long a data file waits for its .dfm before it is errored (default: ${DEFAULT-VALUE}).")
    int dfmGraceMinutes;

    @Option(names = "--state", description = "Directory of the local registry (default: ${DEFAULT-VALUE}).")
    Path state = Path.of(".tributary", "state");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CubicSource source = source(spec, "incoming=" + ConversionOptions.uri(incoming) + ";springboard="
          + ConversionOptions.uri(springboard) + ";archive=" + ConversionOptions.uri(archive) + ";error="
          + ConversionOptions.uri(error) + ";tables=" + tables + ";dfm_grace_minutes=" + dfmGraceMinutes);
      CubicIngestReport report;
      try (LocalStores stores = LocalStores.start(Optional.of(state.toAbsolutePath()))) {
        SparkSession spark = LocalSpark.start("tributary-cubic");
        // The state directory's lock keeps every other ingester off this registry: a dead run's holds are taken over.
        report = new CubicIngestion(spark, stores.cubic(), LakeCatalog.none(),
            spark.sparkContext().hadoopConfiguration(), source,
            Clock.systemUTC(), "cubic-" + UUID.randomUUID().toString().substring(0, 8), true).run();
      }
      spec.commandLine().getOut().print(report.render());
      spec.commandLine().getOut().flush();
      return report.in(LoadStatus.ERRORED).isEmpty() ? 0 : 1;
    }
  }

  /** {@code tributary cubic loads}. */
  @Command(name = "loads", mixinStandardHelpOptions = true, description = "Lists the registered loads.")
  static final class Loads implements Callable<Integer> {
    @Option(names = "--status", description = "Only loads in this status, e.g. errored, ready, archived.")
    String status;

    @Option(names = "--table", description = "Only loads of this table, e.g. cubic__ods_qlik__edw_sample.")
    String table;

    @Option(names = "--state", description = "Directory of the local registry (default: ${DEFAULT-VALUE}).")
    Path state = Path.of(".tributary", "state");

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<LoadStatus> wanted;
      try {
        wanted = Optional.ofNullable(status).map(LoadStatus::fromLabel);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--status: " + e.getMessage());
      }
      List<CubicLoad> loads;
      try (LocalStores stores = LocalStores.start(Optional.of(state.toAbsolutePath()))) {
        loads = stores.cubic().loads(wanted, Optional.ofNullable(table));
      }
      spec.commandLine().getOut().print(LoadTable.render(loads));
      spec.commandLine().getOut().printf("%d load(s)%n", loads.size());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static CubicSource source(CommandSpec spec, String options) {
    List<String> problems = new ArrayList<>();
    CubicSource source = CubicSource.parse(options, problems);
    if (source == null) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    return source;
  }
}
