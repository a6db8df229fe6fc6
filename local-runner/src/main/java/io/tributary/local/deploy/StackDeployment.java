package io.tributary.local.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * Every request of one deploy, built from the target, the checkout's files and the template's parameters, before
 * anything is sent: what {@code --dry-run} prints and {@link Deployer} sends. The checks first (credentials, the
 * artifact bucket, the subnet's tag, the SSM parameters), then the uploads under content-hash keys, then a change
 * set from the template's S3 URL.
 */
public final class StackDeployment {
  /** The tag EMR's managed policy v2 needs on the cluster's subnet. */
  public static final String SUBNET_TAG = "for-use-with-amazon-emr-managed-policies";
  /** The SSM parameters every jdbc-ingest job reads (their names are template parameters). */
  static final List<String> REQUIRED_SECRETS = List.of("DbUrlParameterName", "DbUserParameterName",
      "DbPasswordParameterName");
  /** The SSM parameters only warehouse-load jobs read. */
  static final List<String> WAREHOUSE_SECRETS = List.of("WarehouseUrlParameterName", "WarehouseUserParameterName",
      "WarehousePasswordParameterName");
  private static final DateTimeFormatter CHANGE_SET_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** One file to upload: the request (its key carries the content hash) and the file it sends. */
  public record Upload(PutObjectRequest request, Path file) {
    /** The request that finds whether the key holds it already. */
    public HeadObjectRequest exists() {
      return HeadObjectRequest.builder().bucket(request.bucket()).key(request.key()).build();
    }
  }

  private final DeployTarget target;
  private final TemplateParameters template;
  private final List<Upload> uploads;
  private final Upload templateUpload;
  private final Map<String, String> parameters;
  private final String changeSetName;

  private StackDeployment(DeployTarget target, TemplateParameters template, List<Upload> uploads,
      Upload templateUpload, Map<String, String> parameters, String changeSetName) {
    this.target = target;
    this.template = template;
    this.uploads = uploads;
    this.templateUpload = templateUpload;
    this.parameters = parameters;
    this.changeSetName = changeSetName;
  }

  /**
   * The deploy of {@code renderedTemplate} and {@code artifacts} to {@code target} at {@code now} (the change set's
   * name); throws naming a parameter the template does not declare.
   */
  public static StackDeployment plan(DeployTarget target, List<Artifact> artifacts, Path renderedTemplate,
      Instant now) throws IOException {
    TemplateParameters template = TemplateParameters.read(renderedTemplate);
    for (String name : target.parameters().keySet()) {
      if (!template.declares(name)) {
        throw new IllegalArgumentException("--parameter " + name + ": the template has no such parameter (it has "
            + new TreeSet<>(template.defaults().keySet()) + ")");
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ArtifactBucket", target.artifactBucket());
    List<Upload> uploads = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      Upload upload = upload(target, artifact.name(), artifact.file(), "application/octet-stream");
      uploads.add(upload);
      parameters.put(artifact.parameter(), upload.request().key());
    }
    parameters.putAll(target.parameters());
    Upload templateUpload = upload(target, "tributary.yaml", renderedTemplate, "application/x-yaml");
    return new StackDeployment(target, template, List.copyOf(uploads), templateUpload, parameters,
        target.stackName() + "-" + CHANGE_SET_TIME.format(now));
  }

  private static Upload upload(DeployTarget target, String name, Path file, String contentType) throws IOException {
    String key = ArtifactKey.of(target.prefix(), name, file);
    return new Upload(PutObjectRequest.builder().bucket(target.artifactBucket()).key(key)
        .contentLength(Files.size(file)).contentType(contentType).build(), file);
  }

  /** The target. */
  public DeployTarget target() {
    return target;
  }

  /** Who the credentials are (the first request: it fails at once without credentials). */
  public GetCallerIdentityRequest callerIdentity() {
    return GetCallerIdentityRequest.builder().build();
  }

  /** Whether the artifact bucket exists and these credentials reach it. */
  public HeadBucketRequest artifactBucket() {
    return HeadBucketRequest.builder().bucket(target.artifactBucket()).build();
  }

  /** The cluster's subnet, whose tags must hold {@link #SUBNET_TAG}{@code =true}. */
  public DescribeSubnetsRequest subnet() {
    return DescribeSubnetsRequest.builder().subnetIds(value("SubnetId").orElseThrow(() ->
        new IllegalArgumentException("--parameter SubnetId=subnet-...: the cluster's private subnet is required")))
        .build();
  }

  /** The SSM parameters the jobs read: the database's, then the warehouse's. */
  public GetParametersRequest secrets() {
    List<String> names = new ArrayList<>();
    for (String parameter : REQUIRED_SECRETS) {
      names.add(value(parameter).orElseThrow());
    }
    for (String parameter : WAREHOUSE_SECRETS) {
      value(parameter).filter(n -> !n.isEmpty()).ifPresent(names::add);
    }
    return GetParametersRequest.builder().names(names).withDecryption(false).build();
  }

  /** The names of the SSM parameters no job can run without. */
  public List<String> requiredSecretNames() {
    return REQUIRED_SECRETS.stream().map(p -> value(p).orElseThrow()).toList();
  }

  /** The files to upload: the jars and bootstrap script, then the rendered template. */
  public List<Upload> uploads() {
    List<Upload> all = new ArrayList<>(uploads);
    all.add(templateUpload);
    return all;
  }

  /** Where CloudFormation reads the template from (S3: the inline body's 51,200 bytes are too few for it). */
  public String templateUrl() {
    return "https://" + target.artifactBucket() + ".s3." + target.region() + ".amazonaws.com/"
        + templateUpload.request().key();
  }

  /** The request finding whether the stack exists (an update) or not (a create). */
  public DescribeStacksRequest describeStack() {
    return DescribeStacksRequest.builder().stackName(target.stackName()).build();
  }

  /**
   * The change set: of type CREATE when {@code existing} is empty, else UPDATE, where every parameter the stack has
   * and this deploy does not set keeps its previous value (left out, it would fall back to the template's default).
   * Throws naming a parameter without a default that a create is not given.
   */
  public CreateChangeSetRequest changeSet(Optional<Stack> existing) {
    List<Parameter> values = new ArrayList<>();
    parameters.forEach((k, v) -> values.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> declared : template.defaults().entrySet()) {
      String name = declared.getKey();
      if (parameters.containsKey(name)) {
        continue;
      }
      boolean previous = existing.isPresent() && existing.get().parameters().stream()
          .anyMatch(p -> p.parameterKey().equals(name));
      if (previous) {
        values.add(Parameter.builder().parameterKey(name).usePreviousValue(true).build());
      } else if (declared.getValue().isEmpty()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the template's parameters " + missing + " have no default: pass"
          + " --parameter " + missing.get(0) + "=... (docs/operations.md)");
    }
    return CreateChangeSetRequest.builder().stackName(target.stackName()).changeSetName(changeSetName)
        .changeSetType(existing.isPresent() ? ChangeSetType.UPDATE : ChangeSetType.CREATE)
        .templateURL(templateUrl()).parameters(values).capabilities(Capability.CAPABILITY_IAM)
        .description("bin/tributary deploy").tags(Tag.builder().key("tributary:deployed-by").value("bin/tributary deploy")
            .build()).build();
  }

  /** The request that reads the change set's status and changes. */
  public DescribeChangeSetRequest describeChangeSet() {
    return DescribeChangeSetRequest.builder().stackName(target.stackName()).changeSetName(changeSetName).build();
  }

  /** The request that executes the change set. */
  public ExecuteChangeSetRequest executeChangeSet() {
    return ExecuteChangeSetRequest.builder().stackName(target.stackName()).changeSetName(changeSetName).build();
  }

  /** The request that reads the stack's events, newest first (the progress while it deploys). */
  public DescribeStackEventsRequest stackEvents() {
    return DescribeStackEventsRequest.builder().stackName(target.stackName()).build();
  }

  private Optional<String> value(String name) {
    return template.value(name, parameters);
  }
}
