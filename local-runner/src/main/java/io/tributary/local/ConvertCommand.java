package io.tributary.local;

import io.tributary.convert.ConversionSummary;
import io.tributary.spark.ConvertArguments;
import io.tributary.spark.ConvertMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary convert}: back-fills a conversion of S3DB data on local Spark. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Converts S3DB datasets (gzip CSV day files + METADATA.json) to Parquet or Arrow for a time"
        + " range (whole partitions), replacing each partition file atomically. Prints rows read = written +"
        + " rejected per dataset; exits 1 when a dataset failed.")
final class ConvertCommand implements Callable<Integer> {
  @Mixin ConversionOptions conversion;

  @Option(names = "--from", description = "Range start, yyyy-MM-dd (UTC); with --to.")
  String from;

  @Option(names = "--to", description = "Range end (exclusive), yyyy-MM-dd (UTC).")
  String to;

  @Option(names = "--run-id", description = "Names the staging directory (default: random).")
  String runId;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(conversion.arguments());
    if (from != null) {
      args.addAll(List.of("--from", from));
    }
    if (to != null) {
      args.addAll(List.of("--to", to));
    }
    if (runId != null) {
      args.addAll(List.of("--run-id", runId));
    }
    ConvertArguments arguments = ConvertArguments.parse(args.toArray(String[]::new));
    SparkSession spark = LocalSpark.start("tributary-convert");
    try {
      Progress progress = Progress.of(spec.commandLine().getErr(), "units");
      ConversionProgressListener listener = new ConversionProgressListener(progress);
      spark.sparkContext().addSparkListener(listener);
      ConversionSummary summary;
      try {
        summary = ConvertMain.run(spark, arguments, spec.commandLine().getOut());
      } finally {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        spark.sparkContext().removeSparkListener(listener);
        progress.finish();
      }
      return summary.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
