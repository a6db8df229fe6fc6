package io.tributary.aws.dynamodb;

import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobState;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.history.ConcurrentWindowChangeException;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The job table in DynamoDB: one item per job, keyed by {@code job_name}, one string attribute per
 * config.txt column. Items read back are checked by the same rules as config.txt.
 */
public final class DynamoDbConfigStore implements ConfigStore {
  private final DynamoDbClient client;
  private final String table;

  public DynamoDbConfigStore(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  @Override
  public void load(List<JobConfig> jobs) {
    Set<String> named = jobs.stream().map(JobConfig::name).collect(Collectors.toSet());
    for (JobConfig job : jobs) {
      client.putItem(b -> b.tableName(table).item(toItem(job)));
    }
    for (JobConfig stored : all()) {
      if (!named.contains(stored.name()) && stored.state().status() != JobStatus.DISABLED) {
        JobState old = stored.state();
        setState(stored.name(), new JobState(old.loadDate(), old.jobFlowId(), JobStatus.DISABLED));
      }
    }
  }

  @Override
  public List<JobConfig> all() {
    List<JobConfig> jobs = new ArrayList<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
        .forEach(item -> jobs.add(fromItem(item)));
    jobs.sort(Comparator.comparing(JobConfig::name));
    return jobs;
  }

  @Override
  public Optional<JobConfig> get(String name) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of(TributaryTables.JOB_NAME, s(name)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public void advance(String name, LoadWindow expected, LoadWindow next, JobState state) {
    Map<String, String> names = new HashMap<>(stateNames());
    names.put("#start", JobTableColumn.LOAD_WINDOW_START.header());
    names.put("#stop", JobTableColumn.LOAD_WINDOW_STOP.header());
    Map<String, AttributeValue> values = new HashMap<>(stateValues(state));
    values.put(":expectedStart", s(WindowTime.format(expected.start())));
    values.put(":expectedStop", s(WindowTime.format(expected.stop())));
    values.put(":start", s(WindowTime.format(next.start())));
    values.put(":stop", s(WindowTime.format(next.stop())));
    try {
      client.updateItem(b -> b.tableName(table)
          .key(Map.of(TributaryTables.JOB_NAME, s(name)))
          .updateExpression("SET #start = :start, #stop = :stop, " + STATE_UPDATE)
          .conditionExpression("#start = :expectedStart AND #stop = :expectedStop")
          .expressionAttributeNames(names)
          .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentWindowChangeException(name, expected);
    }
  }

  @Override
  public void setState(String name, JobState state) {
    Map<String, String> names = new HashMap<>(stateNames());
    names.put("#name", TributaryTables.JOB_NAME);
    client.updateItem(b -> b.tableName(table)
        .key(Map.of(TributaryTables.JOB_NAME, s(name)))
        .updateExpression("SET " + STATE_UPDATE)
        .conditionExpression("attribute_exists(#name)")
        .expressionAttributeNames(names)
        .expressionAttributeValues(stateValues(state)));
  }

  private static final String STATE_UPDATE = "#status = :status, #loadDate = :loadDate, #flow = :flow";

  private static Map<String, String> stateNames() {
    return Map.of(
        "#status", JobTableColumn.JOB_STATUS.header(),
        "#loadDate", JobTableColumn.LOAD_DATE.header(),
        "#flow", JobTableColumn.JOB_FLOW_ID.header());
  }

  private static Map<String, AttributeValue> stateValues(JobState state) {
    return Map.of(
        ":status", s(state.status().name()),
        ":loadDate", s(state.loadDate().map(Object::toString).orElse(JobRows.NOT_APPLICABLE)),
        ":flow", s(state.jobFlowId()));
  }

  private static Map<String, AttributeValue> toItem(JobConfig job) {
    Map<String, AttributeValue> item = new HashMap<>();
    JobRows.cells(job).forEach((column, value) -> item.put(column.header(), s(value)));
    return item;
  }

  private JobConfig fromItem(Map<String, AttributeValue> item) {
    Map<JobTableColumn, String> cells = new EnumMap<>(JobTableColumn.class);
    for (JobTableColumn column : JobTableColumn.values()) {
      AttributeValue value = item.get(column.header());
      cells.put(column, value == null || value.s() == null ? "" : value.s());
    }
    List<ConfigProblem> problems = new ArrayList<>();
    JobConfig job = JobRows.read("dynamodb:" + table + "/" + cells.get(JobTableColumn.JOB_NAME), 0, cells, problems);
    if (job == null) {
      throw new IllegalStateException("invalid job item in " + table + ": "
          + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
    return job;
  }

  static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }
}
