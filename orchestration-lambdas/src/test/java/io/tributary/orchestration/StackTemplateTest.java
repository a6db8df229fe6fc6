package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.orchestration.emr.ClusterRequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rules of AWS that the schema check (cloudformation/check.mjs) does not see, on cloudformation/tributary.yaml (each cites the AWS docs in the template). */
@Tag("fast")
class StackTemplateTest {
  static String template;

  @BeforeAll
  static void read() throws Exception {
    template = Files.readString(Path.of("..", "cloudformation", "tributary.yaml"));
  }

  /** The lines of the resource {@code name}, up to the next resource. */
  static String resource(String name) {
    int start = template.indexOf("\n  " + name + ":\n");
    assertTrue(start >= 0, name + " is in the template");
    int end = template.indexOf("\n  ", start + name.length() + 4);
    while (end >= 0 && template.charAt(end + 3) == ' ') {
      end = template.indexOf("\n  ", end + 1);
    }
    return end < 0 ? template.substring(start) : template.substring(start, end);
  }

  @Test
  void theEventQueuesAcceptS3EventsSoTheyAreNotUnderTheAwsManagedKey() {
    for (String queue : new String[] {"LiveFillQueue", "LiveFillDeadLetterQueue", "CubicQueue", "CubicDeadLetterQueue"}) {
      String block = resource(queue);
      assertFalse(block.contains("KmsMasterKeyId: alias/aws/sqs"), queue + ": S3 cannot publish to a queue under alias/aws/sqs");
      assertTrue(block.contains("SqsManagedSseEnabled: true") || block.contains("KmsMasterKeyId: !"),
          queue + " is encrypted with SSE-SQS or a customer managed key: " + block);
    }
  }

  @Test
  void noPolicyGrantsOnAKeyAlias() {
    assertFalse(template.lines().anyMatch(line -> line.contains("Resource:") && line.contains(":alias/")),
        "a Resource that names a KMS alias matches no key");
  }

  @Test
  void theClusterMayReadTheWarehouseParametersThatWarehouseLoadsReadByDefault() {
    String defaults = io.tributary.core.config.WarehouseSource.DEFAULT_SECRET_SOURCE.substring("ssm:".length());
    for (String parameter : defaults.split(",")) {
      assertTrue(template.contains("Default: " + parameter), parameter + " is a stack parameter's default");
    }
    for (String name : new String[] {"WarehouseUrlParameterName", "WarehouseUserParameterName",
        "WarehousePasswordParameterName"}) {
      assertTrue(template.contains(":parameter/${" + name + "}"), "the EMR role may read ${" + name + "}");
    }
  }

  @Test
  void everyLambdaFunctionHasARoleOfItsOwn() {
    java.util.List<String> roles = new java.util.ArrayList<>();
    for (String function : new String[] {"PlanRunFunction", "RecordHistoryFunction", "SummarizeFunction",
        "ConfigSyncFunction", "LiveFillFunction"}) {
      java.util.regex.Matcher role = java.util.regex.Pattern.compile("Role: !GetAtt (\\w+)\\.Arn")
          .matcher(resource(function));
      assertTrue(role.find(), function + " has a role");
      roles.add(role.group(1));
    }
    assertTrue(roles.stream().distinct().count() == roles.size(), "one role per function: " + roles);
  }

  @Test
  void theStateMachineActsOnlyOnClustersTaggedWithItsStack() {
    String[] statements = resource("StateMachineRole").split("\n              - Effect: ");
    int clusterStatements = 0;
    for (String statement : statements) {
      // PutAutoTerminationPolicy is authorized while the cluster is created, before its tags can condition it; it
      // only sets an idle timeout.
      if (statement.contains(":cluster/*") && !statement.startsWith("Allow\n                Action: elasticmapreduce:PutAutoTerminationPolicy\n")) {
        clusterStatements++;
        assertTrue(statement.contains("aws:RequestTag/stack: !Ref AWS::StackName")
            || statement.contains("aws:ResourceTag/stack: !Ref AWS::StackName"), "unconditioned: " + statement);
      }
    }
    assertTrue(clusterStatements >= 2, "RunJobFlow and the actions on running clusters");
    String runJobFlow = Arrays.stream(statements).filter(st -> st.contains("elasticmapreduce:RunJobFlow")).findFirst()
        .orElseThrow();
    assertTrue(runJobFlow.contains("Resource: \"*\"") && runJobFlow.contains("aws:RequestTag/stack"),
        "RunJobFlow has no resource type: only * grants it, conditioned on the request's tag: " + runJobFlow);
    assertTrue(resource("StateMachineRole").contains("iam:AWSServiceName: elasticmapreduce.amazonaws.com"),
        "the first cluster of an account creates EMR's cleanup service-linked role");
  }

  @Test
  void theDataBucketRefusesPlainHttp() {
    String policy = resource("DataBucketPolicy");
    assertTrue(policy.contains("Effect: Deny") && policy.contains("aws:SecureTransport: \"false\""), policy);
  }

  @Test
  void theCubicRegistryTablesHaveTheKeysAndIndexTheCodeUses() {
    String loads = resource("CubicLoadsTable");
    assertTrue(loads.contains("AttributeName: " + io.tributary.aws.dynamodb.CubicRegistryTables.LOAD_ID), loads);
    assertTrue(loads.contains("IndexName: " + io.tributary.aws.dynamodb.CubicRegistryTables.BY_STATUS), loads);
    assertTrue(resource("CubicTablesTable").contains("AttributeName: " + io.tributary.aws.dynamodb.CubicRegistryTables.NAME));
    String settings = "KIND_SETTINGS: !Sub '{\"cubic-ingest\": {\"tables_table\": \"${CubicTablesTable}\","
        + " \"loads_table\": \"${CubicLoadsTable}\"}}'";
    assertTrue(resource("RecordHistoryFunction").contains(settings), "steps are told the registry's tables");
    assertTrue(resource("CubicIncomingFunction").contains(settings), "so is the trigger that registers loads");
  }

  @Test
  void kafkaBatchesAreTenThousandRecordsOrTheLongestBatchingWindowKinesisAllows() {
    String mapping = resource("KafkaBatchEvents");
    assertTrue(mapping.contains("BatchSize: 10000"), mapping);
    assertTrue(mapping.contains("MaximumBatchingWindowInSeconds: 300"), mapping);
    assertTrue(resource("KafkaBatchRole").contains("s3:PutObject"), "writes only objects below cubic/kafka/");
    assertTrue(resource("KafkaBatchRole").contains("/cubic/kafka/*"));
  }

  @Test
  void theClusterMovesCubicFilesOnlyBelowCubicAndRegistersOnlyInItsGlueDatabase() {
    String role = resource("EmrInstanceRole");
    assertTrue(role.contains("${CubicIncomingBucketName}/cubic/*"), role);
    assertTrue(role.contains("table/${CubicGlueDatabaseName}/*"), role);
    assertFalse(role.contains("glue:DeleteTable"), role);
  }

  @Test
  void theClusterIsCreatedWithASecurityConfigurationEncryptingAtRestAndInTransitWhenGivenCertificates() {
    String withTls = resource("EmrSecurityConfiguration");
    String atRestOnly = resource("EmrSecurityConfigurationAtRest");
    for (String configuration : new String[] {withTls, atRestOnly}) {
      assertTrue(configuration.contains("EnableAtRestEncryption: true"), configuration);
      assertTrue(configuration.contains("AwsKmsKey: !GetAtt EmrDiskKey.Arn"), "local disks under the stack's key");
    }
    assertTrue(withTls.contains("EnableInTransitEncryption: true") && withTls.contains("CertificateProviderType: PEM"),
        withTls);
    assertTrue(resource("EmrDiskKey").contains("AWS: !GetAtt EmrInstanceRole.Arn"), "the nodes may use the disk key");
    assertTrue(resource("PlanRunFunction").contains("EMR_SECURITY_CONFIGURATION: !If [HasTlsCertificates,"
        + " !Ref EmrSecurityConfiguration, !Ref EmrSecurityConfigurationAtRest]"),
        "the plan builds the cluster request with it (ClusterRequestBuilder's SecurityConfiguration)");
  }

  @Test
  void theClusterReachesTheLakeOnlyBelowTheJobsPrefixesAndEveryLocationOfTheShippedTableLiesBelowThem()
      throws Exception {
    String role = resource("EmrInstanceRole");
    assertFalse(role.contains("${LakeBucketName}/*\""), "not the whole lake bucket: " + role);
    for (int i = 0; i < 10; i++) {
      assertTrue(role.contains("- !Sub [\"arn:${AWS::Partition}:s3:::${LakeBucketName}/${Prefix}/*\", {Prefix: !Select ["
          + i + ", "), "prefix " + i + "'s objects: " + role);
      assertTrue(role.contains("- !Select [" + i + ", !Split"), "prefix " + i + " listed");
    }
    Matcher declared = Pattern.compile("\n  LakePrefixes:\n(?:    #[^\n]*\n)*    Type: String\n    Default: ([^\n]+)\n"
        + "    AllowedPattern: \"([^\n]+)\"\n").matcher(template);
    assertTrue(declared.find(), "LakePrefixes: a String with a default and a pattern");
    Pattern allowed = Pattern.compile(declared.group(2));
    assertTrue(allowed.matcher(declared.group(1)).matches(), "the default is allowed");
    assertTrue(allowed.matcher("a,b/c,d,e,f,g,h,i,j,k").matches(), "ten prefixes, each granted by index");
    assertFalse(allowed.matcher("a,b,c,d,e,f,g,h,i,j,k").matches(), "an eleventh would not be granted: refused");
    assertFalse(allowed.matcher("a,,b").matches());
    Set<String> prefixes = Set.of(declared.group(1).split(","));
    // Every location of the shipped table in the lake bucket (output_dir and every option's URI), not only output_dir.
    String table = Files.readString(Path.of("..", "config", "config.txt"));
    Matcher locations = Pattern.compile("s3a?://my-lake-bucket/([^;|\\s]+)").matcher(table);
    int found = 0;
    while (locations.find()) {
      found++;
      String key = locations.group(1);
      assertTrue(prefixes.stream().anyMatch(p -> key.equals(p) || key.startsWith(p + "/")),
          "s3://my-lake-bucket/" + key + " lies outside LakePrefixes " + prefixes);
    }
    assertTrue(found >= 7, "the shipped table's lake locations: " + found);
  }

  @Test
  void whatOutlivesTheStackIsRetainedAndEveryFunctionRunsJava21WithLogsKept() {
    for (String kept : List.of("DataBucket", "ConfigTable", "HistoryTable", "CubicTablesTable", "CubicLoadsTable",
        "CubicGlueDatabase")) {
      assertTrue(resource(kept).contains("DeletionPolicy: Retain") && resource(kept).contains("UpdateReplacePolicy: Retain"),
          kept + " is retained");
    }
    Matcher functions = Pattern.compile("\n  (\\w+)Function:\n    Type: AWS::Lambda::Function\n").matcher(template);
    int count = 0;
    while (functions.find()) {
      count++;
      String function = resource(functions.group(1) + "Function");
      assertTrue(function.contains("Runtime: java21"), functions.group(1));
      assertTrue(function.contains("LogGroup: !Ref " + functions.group(1) + "LogGroup"), functions.group(1));
      assertTrue(resource(functions.group(1) + "LogGroup").contains("RetentionInDays: !Ref LogRetentionDays"));
    }
    assertEquals(8, count);
    assertTrue(resource("IngestionStateMachine").contains("LogGroupArn: !GetAtt StateMachineLogGroup.Arn"));
    assertTrue(resource("StateMachineRole").contains("logs:CreateLogDelivery"), "Step Functions may deliver its logs");
  }

  @Test
  void aWindowsLeaseOutlastsItsStepAndTheClustersDisksAreEncrypted() throws Exception {
    String definition = Files.readString(Path.of("..", "statemachine", "ingestion.asl.json"));
    Matcher step = Pattern.compile("\"TimeoutSeconds\": (\\d+)").matcher(
        definition.substring(definition.indexOf("\"RunStep\"")));
    assertTrue(step.find());
    Matcher lease = Pattern.compile("WINDOW_LEASE_HOURS: \"(\\d+)\"").matcher(resource("RecordHistoryFunction"));
    assertTrue(lease.find());
    assertTrue(Integer.parseInt(lease.group(1)) * 3600 > Integer.parseInt(step.group(1)) + 3600,
        "the lease (" + lease.group(1) + " h) outlasts the step's timeout (" + step.group(1) + " s) by over an hour");
    for (String configuration : List.of("EmrSecurityConfiguration", "EmrSecurityConfigurationAtRest")) {
      assertTrue(resource(configuration).contains("EnableEbsEncryption: true"), configuration);
    }
  }

  @Test
  void eventSourcesAreNotThrottledIntoTheirDeadLetterQueuesAndFailuresRaiseAlarms() {
    assertTrue(resource("CubicEvents").contains("ScalingConfig:\n        MaximumConcurrency: 2"));
    assertTrue(resource("LiveFillEvents").contains("ScalingConfig:\n        MaximumConcurrency: !Ref LiveFillConcurrency"));
    assertTrue(resource("LiveFillConcurrency").contains("MinValue: 2"), "the mapping's least limit");
    assertFalse(resource("LiveFillFunction").contains("ReservedConcurrentExecutions"),
        "the mapping's limit is the throttle, not reserved concurrency");
    for (String mapping : List.of("LiveFillEvents", "CubicEvents")) {
      assertTrue(resource(mapping).contains("FunctionResponseTypes:\n        - ReportBatchItemFailures"), mapping
          + ": the handlers report a bad message alone (SqsBatch)");
    }
    for (String queue : List.of("LiveFillQueue", "CubicQueue")) {
      assertTrue(resource(queue).contains("maxReceiveCount: 10"), queue);
    }
    for (String window : List.of("LiveFillBatchingSeconds", "CubicBatchingSeconds")) {
      assertTrue(resource(window).contains("MinValue: 1"), window + ": a batch over 10 needs a window of 1 s or more");
    }
    assertTrue(resource("KafkaBatchEvents").contains("Destination: !GetAtt KafkaBatchDeadLetterQueue.Arn"));
    assertTrue(resource("KafkaBatchRole").contains("Resource: !GetAtt KafkaBatchDeadLetterQueue.Arn"));
    for (String[] alarm : new String[][] {{"LiveFillDeadLetterAlarm", "LiveFillDeadLetterQueue.QueueName"},
        {"CubicDeadLetterAlarm", "CubicDeadLetterQueue.QueueName"},
        {"KafkaBatchDeadLetterAlarm", "KafkaBatchDeadLetterQueue.QueueName"},
        {"FailedExecutionsAlarm", "ExecutionsFailed"}, {"TimedOutExecutionsAlarm", "ExecutionsTimedOut"},
        {"KafkaIteratorAgeAlarm", "IteratorAge"}}) {
      assertTrue(resource(alarm[0]).contains(alarm[1]) && resource(alarm[0]).contains("- !Ref RunSummaryTopic"),
          alarm[0]);
    }
    for (String policy : List.of("LiveFillQueuePolicy", "CubicQueuePolicy")) {
      assertTrue(resource(policy).contains("aws:SourceAccount: !Ref AWS::AccountId"), policy);
    }
    assertTrue(resource("EmrServiceRole").contains("iam:PassedToService: ec2.amazonaws.com"));
    assertTrue(resource("StateMachineRole").contains("iam:PassedToService: elasticmapreduce.amazonaws.com"));
  }

  @Test
  void theLiveFillFunctionsLeaseOutlastsItsTimeoutAndItsMessagesStayHiddenSixTimesLongerAndItWritesOnlyConversions()
      throws Exception {
    String function = resource("LiveFillFunction");
    int timeout = Integer.parseInt(find(function, "\n      Timeout: (\\d+)\n"));
    int lease = Integer.parseInt(find(function, "DAY_LEASE_SECONDS: \"(\\d+)\"\n"));
    int visibility = Integer.parseInt(find(resource("LiveFillQueue"), "VisibilityTimeout: (\\d+)\n"));
    assertTrue(lease > timeout, "a day held by a dead invocation is free " + (lease - timeout) + " s after its end");
    assertTrue(visibility >= 6 * timeout, "visibility " + visibility + " s, at least six times the timeout");
    assertTrue(visibility > lease, "a message returned by a dead invocation finds its day free");
    assertTrue(function.contains("S3Key: !Ref LiveFillJarKey"), "the function's own package");
    String role = resource("LiveFillLambdaRole");
    assertTrue(role.contains("Resource: !Sub \"arn:${AWS::Partition}:s3:::${LakeBucketName}/${ConversionDestinationPrefix}/*\""),
        role);
    assertFalse(role.contains("${LakeBucketName}/*"), "not the whole lake");
    String prefix = find(resource("ConversionDestinationPrefix"), "Default: ([^\n]+)\n");
    String table = Files.readString(Path.of("..", "config", "config.txt"));
    Matcher converts = Pattern.compile("\\|\\s*s3a?://my-lake-bucket/([^|\\s]+)\\s*\\|\\s*convert\\s*\\|").matcher(table);
    int found = 0;
    while (converts.find()) {
      found++;
      assertTrue(converts.group(1).equals(prefix) || converts.group(1).startsWith(prefix + "/"),
          "the shipped convert job's output_dir " + converts.group(1) + " lies below " + prefix);
    }
    assertTrue(found >= 1, "the shipped table has a convert job");
  }

  private static String find(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    assertTrue(matcher.find(), pattern + " in " + text);
    return matcher.group(1);
  }

  @Test
  void theDataBucketsNameIsAValidatedParameterAndTheBootstrapActionIsGivenTheStacksParameterNames() {
    Matcher declared = Pattern.compile("\n  StackBucketName:\n(?:    #[^\n]*\n)*    Type: String\n    AllowedPattern: \"([^\"]+)\"\n")
        .matcher(template);
    assertTrue(declared.find(), "StackBucketName: a String with a pattern");
    Pattern bucket = Pattern.compile(declared.group(1));
    assertTrue(bucket.matcher("tributary-111122223333-eu-west-1").matches());
    for (String refused : List.of("Tributary-Prod", "tributary_prod", "-tributary", "ab", "t".repeat(64))) {
      assertFalse(bucket.matcher(refused).matches(), refused + " is no bucket name");
    }
    assertTrue(resource("DataBucket").contains("BucketName: !Ref StackBucketName"));
    assertFalse(template.contains("${AWS::Region}-${AWS::StackName}"), "no bucket name is built from the stack name");
    assertTrue(resource("PlanRunFunction").contains(
        "EMR_BOOTSTRAP_ARGS: !Sub \"${DbUrlParameterName},${DbUserParameterName},${DbPasswordParameterName}\""));
  }

  @Test
  void anExecutionEndingWithoutTerminateClusterIsCleanedUpByItsStatusChange() {
    String rule = resource("ExecutionEndedAbnormally");
    for (String status : OrphanCleanupHandler.ABNORMAL) {
      assertTrue(rule.contains("- " + status), status);
    }
    assertTrue(rule.contains("- aws.states") && rule.contains("- Step Functions Execution Status Change"), rule);
    assertTrue(rule.contains("stateMachineArn:\n            - !Ref IngestionStateMachine"), rule);
    assertTrue(rule.contains("Arn: !GetAtt OrphanCleanupFunction.Arn"), rule);
    String permission = resource("OrphanCleanupFromEventsPermission");
    assertTrue(permission.contains("Principal: events.amazonaws.com")
        && permission.contains("SourceArn: !GetAtt ExecutionEndedAbnormally.Arn"), permission);
    assertTrue(resource("OrphanCleanupFunction").contains(
        "Handler: io.tributary.orchestration.lambda.OrphanCleanupLambda::handleRequest"));
  }

  @Test
  void whereTheSubnetIsAskedForItsManagedPolicyTagAndRoutesAreNamed() throws Exception {
    Matcher subnet = Pattern.compile("\n  SubnetId:\n(?:    [^\n]*\n|      [^\n]*\n)+").matcher(template);
    assertTrue(subnet.find(), "SubnetId parameter");
    String declared = subnet.group();
    assertTrue(declared.contains(ClusterRequestBuilder.MANAGED_POLICY_TAG + "=true"), declared);
    for (String route : List.of("S3", "DynamoDB", "SSM", "Glue", "KMS", "STS")) {
      assertTrue(declared.contains(route), route + " in " + declared);
    }
    String operations = Files.readString(Path.of("..", "docs", "operations.md"));
    assertTrue(operations.contains("### Network") && operations.contains("aws ec2 create-tags --resources $SUBNET --tags"
        + " Key=" + ClusterRequestBuilder.MANAGED_POLICY_TAG + ",Value=true"), "docs/operations.md, Network");
  }
}
