package io.tributary.spark.convert;

import io.tributary.convert.UnitConverter;
import io.tributary.convert.UnitResult;
import io.tributary.convert.UnitRunner;
import io.tributary.convert.UnitTask;
import io.tributary.storage.Storage;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/** Converts units as Spark tasks, dealt over the session's cores, each reaching files through Hadoop. */
public final class SparkUnits implements UnitRunner {
  /** The description of the Spark job converting units, followed by their number and " unit(s)". */
  public static final String UNITS_JOB = "tributary convert: ";
  /** The accumulator counting units converted, updated as each task ends (a listener can show progress). */
  public static final String UNITS_DONE = "tributary.units.done";
  /** The accumulator counting rows read by the units converted. */
  public static final String ROWS_READ = "tributary.rows.read";

  /**
   * Units are dealt into this many Spark tasks per core: enough to balance uneven units, few enough that
   * Spark's per-task cost does not outweigh a small day file.
   */
  private static final int TASKS_PER_CORE = 4;

  private final SparkSession spark;

  public SparkUnits(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public List<UnitResult> convert(List<UnitTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        context.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    context.setJobDescription(UNITS_JOB + tasks.size() + " unit(s)");
    int cores = context.defaultParallelism();
    int slices = Math.min(tasks.size(), cores * TASKS_PER_CORE);
    // Fewer units than cores (a year or month partition converted alone): each unit encodes on several
    // threads, at most the cores of one executor (spark.executor.cores on a cluster; the machine's locally).
    int executorCores = spark.sparkContext().getConf().getInt("spark.executor.cores", cores);
    int threads = Math.max(1, Math.min(executorCores, cores / tasks.size()));
    List<UnitTask> threaded = threads == 1 ? tasks : tasks.stream().map(t -> t.withEncodeThreads(threads)).toList();
    // Counted as each task ends, for a progress display (see UNITS_DONE).
    LongAccumulator unitsDone = spark.sparkContext().longAccumulator(UNITS_DONE);
    LongAccumulator rowsRead = spark.sparkContext().longAccumulator(ROWS_READ);
    return context.parallelize(threaded, slices)
        .map(task -> {
          UnitResult result = new UnitConverter(task, Storage.hadoop(conf.value().value())).convert();
          unitsDone.add(1);
          rowsRead.add(result.rowsRead());
          return result;
        })
        .collect();
  }
}
