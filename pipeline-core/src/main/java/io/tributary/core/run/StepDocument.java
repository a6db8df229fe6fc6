package io.tributary.core.run;

import java.io.IOException;
import io.tributary.core.history.TextObjects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.SourceSchemaText;
import io.tributary.core.history.SourceSnapshot;
import io.tributary.core.kind.KindSettings;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One window's step as it crosses from the orchestration to the Spark job: one versioned JSON document, the
 * only contract between the two sides, written by the state machine's EMR step and the local EMR and read once
 * by the entry point. It holds the job as the job table defines it (its row's cells by column name, read back
 * by {@link JobRows} with the same checks as config.txt and the job table in DynamoDB), the window, the run id,
 * where to write the run record, for a live-fill the changed source objects, where credentials come from, and
 * the job kind's own deployment settings (its namespace of {@link DeploymentSettings}, read by its definition),
 * and the job's earlier windows as history recorded them, where its kind asks for them.
 *
 * <pre>{@code {"tributary_step": 1, "job": {"job_name": "deposit", ...}, "window": {"start": "...", "stop": "..."},
 *  "run_id": "...", "record_file": "s3://...", "changed": [...], "secret_source": "ssm", "settings": {...},
 *  "earlier": [{"start": "...", "stop": "...", "rows": 86000, "schema": [["id", "bigint"], ...]}]}}</pre>
 */
public record StepDocument(JobConfig job, LoadWindow window, String runId, Optional<String> recordFile,
    List<String> changedObjects, SecretSourceSpec secrets, Map<String, String> settings,
    List<LoadedWindow> earlier) {
  /** The document's version; a reader refuses another. */
  public static final int VERSION = 1;
  /** The flag of a step's command line that the document follows. */
  public static final String FLAG = "--step";
  /** The flag that names where the document is instead, when it is too long for a step's arguments. */
  public static final String FILE_FLAG = "--step-file";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WHERE = "step document";

  public StepDocument {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(recordFile, "recordFile");
    changedObjects = List.copyOf(changedObjects);
    Objects.requireNonNull(secrets, "secrets");
    settings = Map.copyOf(settings);
    earlier = List.copyOf(earlier);
    if (!isRunId(runId)) {
      throw new IllegalArgumentException("run_id: '" + runId + "' is not a run id, expected letters, digits,"
          + " '_', '.', '-' (not starting with '.', at most 128)");
    }
    job.kind().definition().settings(settings);
  }

  /** The step of {@code job} for {@code window}, with the deployment's settings of the job's kind. */
  public static StepDocument of(JobConfig job, LoadWindow window, String runId, DeploymentSettings deployment,
      List<String> changedObjects, Optional<String> recordFile) {
    return new StepDocument(job, window, runId, recordFile, changedObjects, deployment.secrets(),
        deployment.of(job.kind()), List.of());
  }

  /**
   * This step handed the job's earlier windows as {@code runs} recorded them: as many as its kind asks for
   * ({@link io.tributary.core.kind.JobKindDefinition#earlierWindowsForStep}), newest first.
   */
  public StepDocument withEarlierOf(List<JobRun> runs) {
    int count = job.kind().definition().earlierWindowsForStep(job);
    return new StepDocument(job, window, runId, recordFile, changedObjects, secrets, settings,
        count == 0 ? List.of() : LoadedWindow.latest(runs, window, count));
  }

  /** The job's kind, which names the entry point. */
  public JobKind kind() {
    return job.kind();
  }

  /** The kind's deployment settings, typed. */
  public <O extends KindSettings> O settings(Class<O> type) {
    return type.cast(job.kind().definition().settings(settings));
  }

  /** True when {@code runId} may name a run: it becomes a directory name, so no path separators or {@code ..}. */
  public static boolean isRunId(String runId) {
    return runId != null && runId.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
  }

  /** The step's command line after the entry point: {@code --step <document>}. */
  public List<String> toArgs() {
    return List.of(FLAG, toJson());
  }

  /** Reads the command line written by {@link #toArgs}; throws IllegalArgumentException saying what is wrong. */
  public static StepDocument fromArgs(String... args) {
    return fromArgs(args, uri -> {
      throw new IOException(FILE_FLAG + " needs a store to read " + uri + " from");
    });
  }

  /**
   * Reads {@code --step <document>}, or {@code --step-file <uri>} with the document read through {@code objects};
   * throws IllegalArgumentException saying what is wrong, or naming the object that cannot be read.
   */
  public static StepDocument fromArgs(String[] args, TextObjects objects) {
    if (args.length == 2 && args[0].equals(FILE_FLAG)) {
      try {
        return parse(objects.read(args[1]));
      } catch (IOException e) {
        throw new IllegalArgumentException(FILE_FLAG + " " + args[1] + ": cannot be read: " + e.getMessage(), e);
      }
    }
    if (args.length != 2 || !args[0].equals(FLAG)) {
      throw new IllegalArgumentException("expected " + FLAG + " <step document> or " + FILE_FLAG + " <uri>, got "
          + List.of(args));
    }
    return parse(args[1]);
  }

  /** The document as JSON. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode().put("tributary_step", VERSION);
    ObjectNode cells = root.putObject("job");
    JobRows.cells(job).forEach((column, value) -> cells.put(column.header(), value));
    root.putObject("window").put("start", WindowTime.format(window.start()))
        .put("stop", WindowTime.format(window.stop()));
    root.put("run_id", runId);
    recordFile.ifPresent(file -> root.put("record_file", file));
    changedObjects.forEach(root.putArray("changed")::add);
    root.put("secret_source", secrets.toString());
    ObjectNode own = root.putObject("settings");
    new TreeMap<>(settings).forEach(own::put);
    for (LoadedWindow loaded : earlier) {
      ObjectNode item = root.withArray("earlier").addObject()
          .put("start", WindowTime.format(loaded.window().start()))
          .put("stop", WindowTime.format(loaded.window().stop())).put("rows", loaded.rows());
      loaded.source().checksum().ifPresent(c -> item.put("checksum", c));
      if (!loaded.source().schema().isEmpty()) {
        item.set("schema", SourceSchemaText.toJson(loaded.source().schema()));
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a step document is always JSON", e);
    }
  }

  /** Reads a document written by {@link #toJson}; throws IllegalArgumentException naming the field at fault. */
  public static StepDocument parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(WHERE + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(WHERE + ": expected a JSON object");
    }
    int version = root.path("tributary_step").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(WHERE + ": tributary_step: " + root.path("tributary_step")
          + " is not version " + VERSION + " (a jar of another release?)");
    }
    JobConfig job = job(root.path("job"));
    LoadWindow window = field("window", () -> new LoadWindow(WindowTime.parse(text(root.path("window"), "start")),
        WindowTime.parse(text(root.path("window"), "stop"))));
    List<String> changed = new ArrayList<>();
    root.path("changed").forEach(uri -> changed.add(uri.asText()));
    SecretSourceSpec secrets = field("secret_source", () -> SecretSourceSpec.parse(text(root, "secret_source")));
    Map<String, String> settings = new LinkedHashMap<>();
    root.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    Optional<String> recordFile = root.hasNonNull("record_file")
        ? Optional.of(root.get("record_file").asText()) : Optional.empty();
    List<LoadedWindow> earlier = field("earlier", () -> earlier(root.path("earlier")));
    return field("settings", () -> new StepDocument(job, window, text(root, "run_id"), recordFile, changed, secrets,
        settings, earlier));
  }

  private static List<LoadedWindow> earlier(JsonNode array) {
    List<LoadedWindow> earlier = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.path("rows").canConvertToLong()) {
        throw new IllegalArgumentException("rows: missing, expected the rows history recorded");
      }
      earlier.add(new LoadedWindow(new LoadWindow(WindowTime.parse(text(item, "start")),
          WindowTime.parse(text(item, "stop"))), item.get("rows").asLong(),
          new SourceSnapshot(SourceSchemaText.fromJson(item.path("schema")),
              item.hasNonNull("checksum") ? Optional.of(item.get("checksum").asLong()) : Optional.empty())));
    }
    return earlier;
  }

  private static JobConfig job(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(WHERE + ": job: missing, expected the job's cells by column name");
    }
    Map<JobTableColumn, String> cells = new EnumMap<>(JobTableColumn.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> cell = it.next();
      JobTableColumn column = JobTableColumn.fromHeader(cell.getKey()).orElseThrow(() ->
          new IllegalArgumentException(WHERE + ": job." + cell.getKey() + ": not a job table column"));
      cells.put(column, cell.getValue().asText());
    }
    List<ConfigProblem> problems = new ArrayList<>();
    JobConfig job = JobRows.read(WHERE, 1, cells, problems);
    if (job == null) {
      throw new IllegalArgumentException(problems.stream()
          .map(p -> WHERE + ": job." + p.column() + ": " + p.message()).collect(Collectors.joining("; ")));
    }
    return job;
  }

  private static String text(JsonNode node, String field) {
    if (!node.hasNonNull(field)) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return node.get(field).asText();
  }

  private static <T> T field(String name, Supplier<T> read) {
    try {
      return read.get();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(WHERE + ": " + name + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(WHERE + ": " + name + ": " + e.getMessage(), e);
    }
  }
}
