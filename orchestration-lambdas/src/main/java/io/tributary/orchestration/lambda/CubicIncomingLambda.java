package io.tributary.orchestration.lambda;

import io.tributary.aws.dynamodb.DynamoDbCubicRegistry;
import io.tributary.core.config.JobKind;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicSettings;
import io.tributary.core.kind.cubic.IncomingObject;
import io.tributary.core.kind.cubic.IncomingObjects;
import io.tributary.orchestration.CubicIncomingHandler;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Lambda entry point of the Cubic trigger (SQS batches of S3 events of cubic/): see {@link CubicIncomingHandler}.
 * It builds what the handler is handed: the registry its kind's settings name, and objects read with HeadObject.
 */
public final class CubicIncomingLambda extends JsonLambda {
  public CubicIncomingLambda() {
    this(AwsEnvironment.fromSystem());
  }

  CubicIncomingLambda(AwsEnvironment env) {
    super(new CubicIncomingHandler(env.configStore(env.dynamoDb()), registry(env),
        incomingObjects(env.s3()), new SfnExecutions(env.sfn(), env.require("STATE_MACHINE_ARN")),
        Clock.systemUTC()));
  }

  /** The Cubic registry, its tables named by the cubic-ingest kind's settings. */
  static CubicRegistry registry(AwsEnvironment env) {
    return DynamoDbCubicRegistry.over(env.dynamoDb(),
        env.kindSettings().settings(JobKind.CUBIC_INGEST, CubicSettings.class).registry());
  }

  /** Reads objects' last-modified time and size with HeadObject; a missing object is empty. */
  static IncomingObjects incomingObjects(S3Client s3) {
    return (bucket, key) -> {
      try {
        var head = s3.headObject(b -> b.bucket(bucket).key(key));
        return Optional.of(new IncomingObject(key, head.lastModified(), head.contentLength()));
      } catch (NoSuchKeyException missing) {
        return Optional.empty();
      }
    };
  }
}
