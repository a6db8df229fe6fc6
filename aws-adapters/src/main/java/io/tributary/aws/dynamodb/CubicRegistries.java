package io.tributary.aws.dynamodb;

import io.tributary.core.kind.cubic.RegistryTableNames;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Opens the Cubic registry a cubic-ingest step uses: DynamoDB of the cluster's region and role on AWS; a local
 * DynamoDB when {@value #ENDPOINT_PROPERTY} (or the environment variable {@value #ENDPOINT_VARIABLE}) names its
 * endpoint, as local runs do.
 */
public final class CubicRegistries {
  public static final String ENDPOINT_PROPERTY = "tributary.dynamodb.endpoint";
  public static final String ENDPOINT_VARIABLE = "TRIBUTARY_DYNAMODB_ENDPOINT";

  private CubicRegistries() {}

  /** A client for the registry's DynamoDB: the caller closes it. */
  public static DynamoDbClient client() {
    Optional<String> local = Optional.ofNullable(System.getProperty(ENDPOINT_PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(ENDPOINT_VARIABLE)));
    if (local.isPresent()) {
      return DynamoDbClient.builder().endpointOverride(URI.create(local.get())).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create()).build();
    }
    return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** The registry over {@code client}'s tables {@code names}. */
  public static DynamoDbCubicRegistry open(DynamoDbClient client, RegistryTableNames names) {
    return new DynamoDbCubicRegistry(client, new CubicRegistryTables(names.tables(), names.loads()));
  }
}
