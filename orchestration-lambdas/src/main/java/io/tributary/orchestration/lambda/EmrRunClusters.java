package io.tributary.orchestration.lambda;

import io.tributary.orchestration.OrphanCleanupHandler;
import io.tributary.orchestration.emr.ClusterRequestBuilder;
import java.util.List;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * A run's clusters in EMR: the active clusters named for the run whose run-id tag confirms it (ListClusters
 * gives names, DescribeCluster the tags), terminated with TerminateJobFlows.
 */
final class EmrRunClusters implements OrphanCleanupHandler.Clusters {
  private final EmrClient emr;

  EmrRunClusters(EmrClient emr) {
    this.emr = emr;
  }

  @Override
  public List<String> activeOf(String runId) {
    return emr.listClustersPaginator(b -> b.clusterStates(ClusterState.STARTING, ClusterState.BOOTSTRAPPING,
            ClusterState.RUNNING, ClusterState.WAITING)).clusters().stream()
        .filter(c -> c.name().endsWith(" " + runId))
        .map(ClusterSummary::id)
        .filter(id -> emr.describeCluster(b -> b.clusterId(id)).cluster().tags().stream()
            .anyMatch(t -> t.equals(Tag.builder().key(ClusterRequestBuilder.RUN_ID_TAG).value(runId).build())))
        .toList();
  }

  @Override
  public void terminate(List<String> clusterIds) {
    emr.terminateJobFlows(b -> b.jobFlowIds(clusterIds));
  }
}
