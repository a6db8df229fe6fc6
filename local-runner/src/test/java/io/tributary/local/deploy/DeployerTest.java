package io.tributary.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.spark.testing.LocalS3;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The deploy's conversation: checks before anything changes, uploads to an S3 server (S3Proxy) that skip what is
 * there, the change set, the stack's progress and outputs; STS, EC2, SSM and CloudFormation answer from a script.
 */
class DeployerTest {
  @TempDir static Path work;
  static LocalS3 s3;
  static S3Client s3Client;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start(work.resolve("s3"));
    s3.bucket("my-artifacts");
    Map<String, String> settings = s3.settings();
    s3Client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(URI.create(settings.get("fs.s3a.endpoint"))).forcePathStyle(true)
        // S3Proxy does not take the SDK's default trailing checksums of an upload; S3 does.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            settings.get("fs.s3a.access.key"), settings.get("fs.s3a.secret.key")))).build();
  }

  @AfterAll
  static void stop() {
    s3Client.close();
    s3.close();
  }

  /** A scripted account: the subnet tagged or not, these SSM parameters present, the stack's life. */
  static final class Account {
    final List<SdkRequest> sent = new ArrayList<>();
    boolean tagged = true;
    List<String> absentSecrets = List.of();
    boolean stackExists;
    boolean noChanges;
    final AtomicInteger stackReads = new AtomicInteger();

    DeployClients clients() {
      StsClient sts = ScriptedAws.client(StsClient.class, sent, r -> GetCallerIdentityResponse.builder()
          .account("111122223333").arn("arn:aws:iam::111122223333:user/ops").build());
      Ec2Client ec2 = ScriptedAws.client(Ec2Client.class, sent, r -> DescribeSubnetsResponse.builder()
          .subnets(Subnet.builder().subnetId("subnet-0123456789abcdef0").vpcId("vpc-1").tags(tagged
              ? List.of(Tag.builder().key(StackDeployment.SUBNET_TAG).value("true").build()) : List.of()).build())
          .build());
      SsmClient ssm = ScriptedAws.client(SsmClient.class, sent, r -> GetParametersResponse.builder()
          .parameters(((GetParametersRequest) r).names().stream().filter(n -> !absentSecrets.contains(n))
              .map(n -> software.amazon.awssdk.services.ssm.model.Parameter.builder().name(n).build()).toList())
          .invalidParameters(absentSecrets).build());
      AtomicInteger changeSetReads = new AtomicInteger();
      CloudFormationClient cloudFormation = ScriptedAws.client(CloudFormationClient.class, sent, r -> {
        if (r instanceof DescribeStacksRequest) {
          int read = stackReads.incrementAndGet();
          if (!stackExists && read == 1) {
            throw CloudFormationException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ValidationError").errorMessage("Stack with id tributary does not exist").build()).build();
          }
          String status = read == 2 && !noChanges ? (stackExists ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS")
              : (stackExists ? "UPDATE_COMPLETE" : "CREATE_COMPLETE");
          return DescribeStacksResponse.builder().stacks(Stack.builder().stackName("tributary")
              .stackStatus(stackExists && read == 1 ? "CREATE_COMPLETE" : status)
              .parameters(Parameter.builder().parameterKey("SubnetId").parameterValue("subnet-0123456789abcdef0")
                  .build())
              .outputs(Output.builder().outputKey("StateMachineArn")
                  .outputValue("arn:aws:states:eu-west-1:111122223333:stateMachine:tributary").build()).build())
              .build();
        }
        if (r instanceof CreateChangeSetRequest) {
          return CreateChangeSetResponse.builder().id("cs-1").build();
        }
        if (r instanceof DescribeChangeSetRequest d) {
          if (noChanges) {
            return DescribeChangeSetResponse.builder().changeSetName(d.changeSetName()).status(ChangeSetStatus.FAILED)
                .statusReason("The submitted information didn't contain changes. Submit different information to"
                    + " create a change set.").build();
          }
          return DescribeChangeSetResponse.builder().changeSetName(d.changeSetName())
              .status(changeSetReads.incrementAndGet() == 1 ? ChangeSetStatus.CREATE_PENDING
                  : ChangeSetStatus.CREATE_COMPLETE)
              .changes(Change.builder().resourceChange(ResourceChange.builder().action("Add")
                  .logicalResourceId("DataBucket").resourceType("AWS::S3::Bucket").build()).build()).build();
        }
        if (r instanceof ExecuteChangeSetRequest) {
          return ExecuteChangeSetResponse.builder().build();
        }
        if (r instanceof DeleteChangeSetRequest) {
          return DeleteChangeSetResponse.builder().build();
        }
        if (r instanceof DescribeStackEventsRequest) {
          return DescribeStackEventsResponse.builder().stackEvents(
              StackEvent.builder().eventId("2").timestamp(Instant.now().plusSeconds(2)).logicalResourceId("DataBucket")
                  .resourceStatus("CREATE_COMPLETE").resourceType("AWS::S3::Bucket").build(),
              StackEvent.builder().eventId("1").timestamp(Instant.now().plusSeconds(1)).logicalResourceId("DataBucket")
                  .resourceStatus("CREATE_IN_PROGRESS").resourceType("AWS::S3::Bucket").build(),
              StackEvent.builder().eventId("0").timestamp(Instant.parse("2020-01-01T00:00:00Z"))
                  .logicalResourceId("Old").resourceStatus("CREATE_COMPLETE").resourceType("AWS::S3::Bucket").build())
              .build();
        }
        throw new UnsupportedOperationException(r.getClass().getSimpleName());
      });
      return new DeployClients(sts, s3Client, ec2, ssm, cloudFormation);
    }

    List<String> operations() {
      return sent.stream().map(r -> r.getClass().getSimpleName().replace("Request", "")).toList();
    }
  }

  StackDeployment plan(Path files) throws Exception {
    Files.createDirectories(files);
    List<Artifact> artifacts = List.of(
        new Artifact("orchestration-lambdas-lambda.jar", Files.writeString(files.resolve("l.jar"), "lambda of "
            + files.getFileName()), "LambdaJarKey"),
        new Artifact("spark-jobs-emr.jar", Files.writeString(files.resolve("e.jar"), "emr of " + files.getFileName()),
            "SparkJarKey"));
    return StackDeployment.plan(DeployRequestsTest.target(Map.of()), artifacts, DeployRequestsTest.TEMPLATE,
        Instant.now());
  }

  static String deploy(Account account, StackDeployment plan) throws Exception {
    StringWriter out = new StringWriter();
    new Deployer(account.clients(), new PrintWriter(out), Duration.ofMillis(1)).deploy(plan);
    return out.toString();
  }

  @Test
  void aFirstDeployChecksUploadsCreatesWaitsAndPrintsTheOutputs() throws Exception {
    Account account = new Account();
    StackDeployment plan = plan(work.resolve("first"));
    String printed = deploy(account, plan);

    assertEquals(List.of("GetCallerIdentity", "DescribeSubnets", "GetParameters", "DescribeStacks", "CreateChangeSet",
        "DescribeChangeSet", "DescribeChangeSet", "ExecuteChangeSet", "DescribeStackEvents", "DescribeStacks",
        "DescribeStackEvents", "DescribeStacks"), account.operations());
    for (StackDeployment.Upload upload : plan.uploads()) {
      Path object = s3.root().resolve("my-artifacts").resolve(upload.request().key());
      assertTrue(Files.exists(object), "uploaded " + upload.request().key());
      assertEquals(Files.readString(upload.file()), Files.readString(object));
    }
    assertTrue(printed.contains("credentials: account 111122223333 as arn:aws:iam::111122223333:user/ops"), printed);
    assertTrue(printed.contains("subnet subnet-0123456789abcdef0 (vpc-1) is tagged for EMR"), printed);
    assertTrue(printed.contains("(CREATE) created"), printed);
    assertTrue(printed.contains("Add      DataBucket"), printed);
    assertTrue(printed.contains("DataBucket                         CREATE_IN_PROGRESS"), printed);
    assertFalse(printed.contains("Old"), "events of earlier deploys are not shown: " + printed);
    assertTrue(printed.indexOf("CREATE_IN_PROGRESS") < printed.indexOf("CREATE_COMPLETE   "), "oldest first");
    assertTrue(printed.endsWith("stack tributary: CREATE_COMPLETE\n  StateMachineArn = "
        + "arn:aws:states:eu-west-1:111122223333:stateMachine:tributary\n"), printed);
  }

  @Test
  void aSecondDeployOfTheSameFilesUploadsNothingAndChangesNothing() throws Exception {
    StackDeployment plan = plan(work.resolve("again"));
    deploy(new Account(), plan);
    Account account = new Account();
    account.stackExists = true;
    account.noChanges = true;
    String printed = deploy(account, plan);
    assertEquals(plan.uploads().size(), printed.lines().filter(l -> l.startsWith("unchanged, kept: s3://my-artifacts/"))
        .count(), printed);
    assertTrue(printed.contains("nothing to change"), printed);
    assertTrue(account.operations().contains("DeleteChangeSet"), account.operations().toString());
    assertFalse(account.operations().contains("ExecuteChangeSet"));
    CreateChangeSetRequest update = (CreateChangeSetRequest) account.sent.stream()
        .filter(r -> r instanceof CreateChangeSetRequest).findFirst().orElseThrow();
    assertEquals("UPDATE", update.changeSetTypeAsString());
  }

  @Test
  void anUntaggedSubnetOrAMissingSecretStopsTheDeployBeforeAnythingIsUploaded() throws Exception {
    Account untagged = new Account();
    untagged.tagged = false;
    StackDeployment plan = plan(work.resolve("checks"));
    DeployFailedException subnet = assertThrows(DeployFailedException.class, () -> deploy(untagged, plan));
    assertTrue(subnet.getMessage().contains("aws ec2 create-tags --resources subnet-0123456789abcdef0 --tags"
        + " Key=for-use-with-amazon-emr-managed-policies,Value=true"), subnet.getMessage());

    Account noSecret = new Account();
    noSecret.absentSecrets = List.of("postgre-psswd");
    DeployFailedException secret = assertThrows(DeployFailedException.class, () -> deploy(noSecret, plan));
    assertTrue(secret.getMessage().startsWith("SSM parameters [postgre-psswd] do not exist"), secret.getMessage());
    assertFalse(noSecret.operations().contains("CreateChangeSet"));
    for (StackDeployment.Upload upload : plan.uploads().subList(0, 2)) {
      assertFalse(Files.exists(s3.root().resolve("my-artifacts").resolve(upload.request().key())),
          "nothing uploaded: " + upload.request().key());
    }

    Account warehouseOnly = new Account();
    warehouseOnly.absentSecrets = List.of("warehouse-user");
    assertTrue(deploy(warehouseOnly, plan).contains("[warehouse-user] missing, needed only by warehouse-load jobs"));
  }
}
