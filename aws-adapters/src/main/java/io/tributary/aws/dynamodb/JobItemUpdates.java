package io.tributary.aws.dynamodb;

import static io.tributary.aws.dynamodb.DynamoDbConfigStore.s;

import io.tributary.core.config.JobTableColumn;
import io.tributary.core.history.JobUpdate;
import io.tributary.core.window.WindowTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** A {@link JobUpdate} as an update of the job's item in the config table, for a history transaction. */
final class JobItemUpdates {
  private final String configTable;

  JobItemUpdates(String configTable) {
    this.configTable = configTable;
  }

  /** The update; its condition holds only while the job exists (and, on rotation, is at the window it moves from). */
  Update update(String jobName, JobUpdate update) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> conditions = new ArrayList<>(List.of("attribute_exists(#name)"));
    names.put("#name", TributaryTables.JOB_NAME);
    set(sets, names, values, JobTableColumn.JOB_STATUS, update.status().name());
    update.loadDate().ifPresent(date -> set(sets, names, values, JobTableColumn.LOAD_DATE, date.toString()));
    update.jobFlowId().ifPresent(flow -> set(sets, names, values, JobTableColumn.JOB_FLOW_ID, flow));
    update.move().ifPresent(move -> {
      set(sets, names, values, JobTableColumn.LOAD_WINDOW_START, WindowTime.format(move.to().start()));
      set(sets, names, values, JobTableColumn.LOAD_WINDOW_STOP, WindowTime.format(move.to().stop()));
      values.put(":fromStart", s(WindowTime.format(move.from().start())));
      values.put(":fromStop", s(WindowTime.format(move.from().stop())));
      conditions.add("#load_window_start = :fromStart AND #load_window_stop = :fromStop");
    });
    return Update.builder().tableName(configTable)
        .key(Map.of(TributaryTables.JOB_NAME, s(jobName)))
        .updateExpression("SET " + String.join(", ", sets))
        .conditionExpression(String.join(" AND ", conditions))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
      JobTableColumn column, String value) {
    String header = column.header();
    names.put("#" + header, header);
    values.put(":" + header, s(value));
    sets.add("#" + header + " = :" + header);
  }
}
