package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.FeedKind;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.IncomingObject;
import io.tributary.core.kind.cubic.IncomingObjects;
import io.tributary.core.kind.cubic.LoadRegistration;
import io.tributary.core.kind.cubic.LoadStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cubic trigger: the incoming bucket sends ObjectCreated events for {@code cubic/} to an SQS queue; this handler
 * receives them in batches, registers each object at once as a load of every cubic-ingest job whose incoming
 * root holds it (its last-modified time and its dfm's presence read with HeadObject, so the load has the
 * identity a listing gives it), and, when any is ready, starts one execution that runs those jobs now. Cubic
 * batches run one at a time: while one runs, the batch fails and goes back to the queue (registration is
 * idempotent, so the retry registers nothing twice).
 */
public final class CubicIncomingHandler implements TaskHandler {
  /** Cubic batch executions are named {@code cubic-<epoch seconds>-<hash>}. */
  public static final String CUBIC_PREFIX = "cubic-";

  private final ConfigStore configs;
  private final CubicRegistry registry;
  private final IncomingObjects objects;
  private final Executions executions;
  private final Clock clock;

  public CubicIncomingHandler(ConfigStore configs, CubicRegistry registry, IncomingObjects objects,
      Executions executions, Clock clock) {
    this.configs = configs;
    this.registry = registry;
    this.objects = objects;
    this.executions = executions;
    this.clock = clock;
  }

  @Override
  public JsonNode handle(JsonNode event) throws IOException {
    SqsBatch batch = SqsBatch.of(event);
    List<String> uris = batch.objects();
    Set<String> jobsWithReadyLoads = new LinkedHashSet<>();
    int registered = 0;
    for (JobConfig job : configs.all()) {
      if (!(job.source() instanceof CubicSource source) || job.state().status() == JobStatus.DISABLED) {
        continue;
      }
      List<IncomingObject> listing = listing(source, uris);
      if (listing.isEmpty()) {
        continue;
      }
      List<CubicLoad> loads = new LoadRegistration(registry, source.tables(), source.dfmGrace(), source.snapshotFiles())
          .register(listing, clock.instant()).registered();
      registered += loads.size();
      if (loads.stream().anyMatch(l -> l.status() == LoadStatus.READY)) {
        jobsWithReadyLoads.add(job.name());
      }
    }
    ObjectNode out = batch.response().put("registered", registered);
    if (!jobsWithReadyLoads.isEmpty()) {
      Optional<String> busy = executions.runningNames().stream().filter(n -> n.startsWith(CUBIC_PREFIX)).findFirst();
      if (busy.isPresent()) {
        throw new IllegalStateException("Cubic batch " + busy.get() + " is running; this batch is retried later");
      }
      ObjectNode input = Json.object().put("trigger", "cubic-incoming");
      jobsWithReadyLoads.forEach(input.putArray("triggered")::add);
      String name = CUBIC_PREFIX + clock.instant().getEpochSecond() + "-"
          + Integer.toHexString(jobsWithReadyLoads.hashCode() & 0xfffffff);
      out.put("executionArn", executions.start(new ExecutionRequest(name, input.toString())));
    }
    out.put("started", !jobsWithReadyLoads.isEmpty());
    return out;
  }

  /**
   * The objects (with the dfm of each ODS data file) of {@code uris} under {@code source}'s incoming root, keyed
   * relative to it, as a listing of that root would show them.
   */
  private List<IncomingObject> listing(CubicSource source, List<String> uris) {
    String bucket = source.incoming().bucket();
    String root = source.incoming().path().isEmpty() ? "" : source.incoming().path().substring(1) + "/";
    Map<String, IncomingObject> found = new LinkedHashMap<>();
    for (String uri : uris) {
      URI parsed = URI.create(uri.replace(" ", "%20"));
      String key = uri.substring(("s3://" + parsed.getHost() + "/").length());
      if (!parsed.getHost().equals(bucket) || !key.startsWith(root + IncomingKey.ROOT)) {
        continue;
      }
      String relative = key.substring(root.length());
      Optional<IncomingKey> parsedKey = IncomingKey.parse(relative);
      if (parsedKey.isEmpty()) {
        continue;
      }
      IncomingKey incoming = parsedKey.get();
      String dataKey = incoming.isDfm() ? siblingData(incoming) : relative;
      if (dataKey == null) {
        continue;
      }
      head(bucket, root, dataKey).ifPresent(o -> found.put(o.key(), o));
      if (incoming.feed() == FeedKind.ODS) {
        String dfm = IncomingKey.parse(dataKey).orElseThrow().dfmKey();
        head(bucket, root, dfm).ifPresent(o -> found.put(o.key(), o));
      }
    }
    return new ArrayList<>(found.values());
  }

  /** A dfm's data file (.csv.gz): its arrival completes the pair. */
  private static String siblingData(IncomingKey dfm) {
    return dfm.prefix() + "/" + dfm.fileName().substring(0, dfm.fileName().length() - 4) + ".csv.gz";
  }

  private Optional<IncomingObject> head(String bucket, String root, String relative) {
    return objects.head(bucket, root + relative)
        .map(o -> new IncomingObject(relative, o.lastModified(), o.size()));
  }
}
