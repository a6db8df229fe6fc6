package io.tributary.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients a job kind's step may use, handed to it by its entry point: each built on first use and
 * closed with this object. {@link #fromDefaults} builds them as the AWS SDK configures itself on the cluster
 * (the instance role, the region, and endpoints such as {@code AWS_ENDPOINT_URL_DYNAMODB} from the SDK's own
 * settings); {@link #over} hands out a DynamoDB client its caller owns, as the local runner does with DynamoDB
 * Local.
 */
public final class AwsClients implements AutoCloseable {
  private final Supplier<DynamoDbClient> dynamoFactory;
  private final boolean ownsDynamo;
  private final List<SdkAutoCloseable> built = new ArrayList<>();
  private DynamoDbClient dynamo;
  private GlueClient glue;

  private AwsClients(Supplier<DynamoDbClient> dynamoFactory, boolean ownsDynamo) {
    this.dynamoFactory = dynamoFactory;
    this.ownsDynamo = ownsDynamo;
  }

  /** Clients of the SDK's default region, credentials and endpoint settings. */
  public static AwsClients fromDefaults() {
    return new AwsClients(() -> DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), true);
  }

  /** Clients whose DynamoDB is {@code dynamo} (not closed here); Glue from the SDK's defaults. */
  public static AwsClients over(DynamoDbClient dynamo) {
    return new AwsClients(() -> dynamo, false);
  }

  /** The DynamoDB client. */
  public synchronized DynamoDbClient dynamoDb() {
    if (dynamo == null) {
      dynamo = dynamoFactory.get();
      if (ownsDynamo) {
        built.add(dynamo);
      }
    }
    return dynamo;
  }

  /** The Glue client. */
  public synchronized GlueClient glue() {
    if (glue == null) {
      glue = GlueClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
      built.add(glue);
    }
    return glue;
  }

  /** Closes the clients built here. */
  @Override
  public synchronized void close() {
    built.forEach(SdkAutoCloseable::close);
    built.clear();
    dynamo = null;
    glue = null;
  }
}
