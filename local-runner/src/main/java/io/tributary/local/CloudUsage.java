package io.tributary.local;

import io.tributary.local.sfn.LocalEmrCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a local run did, counted as AWS bills it: EMR clusters, steps and their seconds; Step Functions
 * executions and state transitions; Lambda invocations; requests to AWS services (DynamoDB reads and writes);
 * and the objects written to the lake (on S3
 * each object written is a PUT). docs/cost.md turns these counts into a price.
 */
public record CloudUsage(LocalEmrCluster.Usage emr, int executions, long transitions, Map<String, Long> lambda,
    Map<String, Long> awsRequests, LakeWrites lake) {
  /** DynamoDB's item operations billed as writes; table administration is neither. */
  static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
      "TransactWriteItems");
  /** DynamoDB's item operations billed as reads. */
  static final Set<String> DYNAMODB_READS = Set.of("GetItem", "BatchGetItem", "TransactGetItems", "Query", "Scan");

  /**
   * The objects a run wrote to the lake (each a PUT on S3, a multipart upload above 128 MB) and their bytes:
   * the files below the lake's directory modified since the run began, Hadoop's checksum files left out.
   */
  public record LakeWrites(long objects, long bytes) {
    /** The files below {@code lake} modified at or after {@code since}. */
    public static LakeWrites since(Path lake, Instant since) throws IOException {
      if (!Files.isDirectory(lake)) {
        return new LakeWrites(0, 0);
      }
      long[] sums = new long[2];
      try (var files = Files.walk(lake)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (Files.isRegularFile(file) && !name.endsWith(".crc")
              && !Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
            sums[0]++;
            sums[1] += Files.size(file);
          }
        }
      }
      return new LakeWrites(sums[0], sums[1]);
    }
  }

  /** DynamoDB requests billed as writes. */
  public long dynamoDbWrites() {
    return dynamoDb(true);
  }

  /** DynamoDB requests billed as reads. */
  public long dynamoDbReads() {
    return dynamoDb(false);
  }

  private long dynamoDb(boolean writes) {
    Set<String> billed = writes ? DYNAMODB_WRITES : DYNAMODB_READS;
    return awsRequests.entrySet().stream()
        .filter(e -> e.getKey().startsWith("DynamoDb.") && billed.contains(e.getKey().substring("DynamoDb.".length())))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** The counts, a line per service, as the end of {@code demo} prints them. */
  public String render() {
    return String.format("""
        What this run did, counted as AWS bills it (docs/cost.md prices it):
          EMR             %d cluster(s), %d step(s), %.0f s from creation to termination (local Spark)
          Step Functions  %d execution(s), %d state transitions
          Lambda          %d invocations (%s)
          DynamoDB        %d writes, %d reads (%s)
          Lake            %,d objects written (S3 PUTs), %,.1f MB
        """, emr.clusters(), emr.steps(), emr.clusterSeconds(), executions, transitions,
        lambda.values().stream().mapToLong(Long::longValue).sum(), joined(lambda), dynamoDbWrites(),
        dynamoDbReads(), joined(awsRequests.entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb."))
            .collect(Collectors.toMap(e -> e.getKey().substring(9), Map.Entry::getValue, Long::sum,
                TreeMap::new))),
        lake.objects(), lake.bytes() / 1e6);
  }

  private static String joined(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
