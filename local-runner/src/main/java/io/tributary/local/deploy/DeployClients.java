package io.tributary.local.deploy;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The AWS clients a deploy talks to, all in the target's region, credentials from the SDK's default chain. */
public record DeployClients(StsClient sts, S3Client s3, Ec2Client ec2, SsmClient ssm, CloudFormationClient cloudFormation)
    implements AutoCloseable {

  /** The clients of {@code region}. */
  public static DeployClients of(String region) {
    Region r = Region.of(region);
    return new DeployClients(
        StsClient.builder().region(r).httpClient(UrlConnectionHttpClient.create()).build(),
        S3Client.builder().region(r).httpClient(UrlConnectionHttpClient.create()).build(),
        Ec2Client.builder().region(r).httpClient(UrlConnectionHttpClient.create()).build(),
        SsmClient.builder().region(r).httpClient(UrlConnectionHttpClient.create()).build(),
        CloudFormationClient.builder().region(r).httpClient(UrlConnectionHttpClient.create()).build());
  }

  @Override
  public void close() {
    sts.close();
    s3.close();
    ec2.close();
    ssm.close();
    cloudFormation.close();
  }
}
