package io.tributary.local;

import io.tributary.convert.Conversion;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.InProcessUnits;
import io.tributary.spark.ConvertArguments;
import io.tributary.spark.ConvertMain;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.storage.Storage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary live}: the local stand-in of the S3-event live-fill. Watches the source directory;
 * files that land close together form one batch, and each batch rewrites exactly the partitions holding
 * the changed days, each once. Hour and day partitions are converted as the live-fill function converts them,
 * in this JVM without Spark ({@link InProcessUnits}); month and year partitions on local Spark, as on a cluster.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
    description = "Watches --watch (the local source root) and live-fills: each batch of new or updated day"
        + " files rewrites exactly the partitions holding them (hour, day, month or year), once per batch.")
final class LiveCommand implements Callable<Integer> {
  @Mixin ConversionOptions conversion;

  @Option(names = "--watch", required = true, description = "The local source directory to watch (the --source root).")
  Path watch;

  @Option(names = "--poll-millis", description = "How often to look for files (default: ${DEFAULT-VALUE}).")
  long pollMillis = 1000;

  @Option(names = "--quiet-millis", description = "A batch closes after this long without new files"
      + " (default: ${DEFAULT-VALUE}).")
  long quietMillis = 2000;

  @Option(names = "--batches", description = "Stop after this many batches (default: run until stopped).")
  Integer batches;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!conversion.source.equals(watch.toString()) && !ConversionOptions.uri(conversion.source)
        .equals(ConversionOptions.uri(watch.toString()))) {
      throw new IllegalArgumentException("--watch " + watch + " is not the --source root " + conversion.source);
    }
    // Refuses bad flags before watching.
    ConvertArguments parsed = ConvertArguments.parse(conversion.arguments().toArray(String[]::new));
    boolean inFunction = parsed.request().target().partitionSize().unitIsOneDay();
    SourceWatcher watcher = new SourceWatcher(watch);
    out.printf("watching %s (every %d ms; a batch closes after %d ms quiet); %s%n", watch, pollMillis, quietMillis,
        inFunction ? "each batch converted in this JVM, as the live-fill function does (no Spark)"
            : "month and year partitions converted on local Spark, as on a cluster");
    out.flush();
    Storage storage = Storage.hadoop(new Configuration());
    SparkSession spark = inFunction ? null : LocalSpark.start("tributary-live");
    Conversion engine = inFunction
        ? new Conversion(storage, new InProcessUnits(storage, Runtime.getRuntime().availableProcessors()),
            parsed.memoryBudgetBytes(), Clock.systemUTC())
        : ConversionJob.conversion(spark, parsed.memoryBudgetBytes(), Clock.systemUTC());
    int done = 0;
    boolean failed = false;
    try {
      while (batches == null || done < batches) {
        Set<Path> batch = collectBatch(watcher);
        List<String> args = new ArrayList<>(conversion.arguments());
        args.addAll(List.of("--changed", String.join(",", batch.stream().map(p -> p.toUri().toString()).toList()),
            "--run-id", "live-" + System.currentTimeMillis()));
        out.printf("batch %d: %d file(s) changed%n", done + 1, batch.size());
        out.flush();
        ConversionSummary summary = ConvertMain.run(engine, storage, ConvertArguments.parse(
            args.toArray(String[]::new)), out);
        failed |= !summary.succeeded();
        done++;
      }
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    return failed ? 1 : 0;
  }

  /** Waits for changes, then keeps collecting until none arrive for the quiet period. */
  private Set<Path> collectBatch(SourceWatcher watcher) throws Exception {
    Set<Path> batch = new LinkedHashSet<>();
    long lastChange = 0;
    while (batch.isEmpty() || System.currentTimeMillis() - lastChange < quietMillis) {
      List<Path> changed = watcher.scan();
      if (!changed.isEmpty()) {
        batch.addAll(changed);
        lastChange = System.currentTimeMillis();
      }
      Thread.sleep(pollMillis);
    }
    return batch;
  }
}
