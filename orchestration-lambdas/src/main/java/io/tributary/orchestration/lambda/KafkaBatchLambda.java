package io.tributary.orchestration.lambda;

import io.tributary.orchestration.KafkaBatchHandler;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of the Kafka batch writer (a Kinesis event source): see {@link KafkaBatchHandler}. Writes
 * to {@code INCOMING_BUCKET} below {@code INCOMING_PREFIX} (may be empty).
 */
public final class KafkaBatchLambda extends JsonLambda {
  public KafkaBatchLambda() {
    this(AwsEnvironment.fromSystem());
  }

  KafkaBatchLambda(AwsEnvironment env) {
    super(handler(env.s3(), env.require("INCOMING_BUCKET"), env.optional("INCOMING_PREFIX").orElse("")));
  }

  static KafkaBatchHandler handler(S3Client s3, String bucket, String prefix) {
    String root = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    return new KafkaBatchHandler((key, content) -> s3.putObject(b -> b.bucket(bucket).key(key)
        .contentType("application/x-ndjson"), RequestBody.fromBytes(content)), root);
  }
}
