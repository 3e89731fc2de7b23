package dev.svod.infra;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.StateMachineSpec;
import dev.svod.functions.TranscodeBackend;
import dev.svod.functions.workflow.TaskSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcProps;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverMode;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ClusterProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.FargateTaskDefinitionProps;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Where renditions are encoded, for the backend the deployment chose. {@code container}: an ECS
 * cluster and an arm64 Fargate task definition running the transcode container (the image is built
 * from {@code infra/transcoder/Dockerfile} at deploy time), each task sized for its group, in the
 * {@link TranscodeNetwork} chosen (isolated subnets with VPC endpoints, or public subnets with public
 * task IPs; no NAT gateway either way); tasks accept no inbound traffic. {@code mediaconvert}: the
 * role MediaConvert assumes to read sources and write output.
 * {@code lambda}: nothing here (the Transcode function is one of {@link Functions}).
 */
public final class Transcoding extends Construct {

  /** Name of the container in the task definition (the workflow's container overrides use it). */
  public static final String CONTAINER_NAME = "transcoder";
  /**
   * The task definition's own size, which a task gets only when started without task-level
   * overrides (by hand): the workflow passes each group's {@link TaskSize} as RunTask's
   * {@code Overrides.Cpu}/{@code Memory}/{@code EphemeralStorage}, which on Fargate may be any valid
   * size, smaller or larger than this. The container sets no container-level CPU or memory, so it
   * gets the whole task.
   */
  static final TaskSize DEFAULT_TASK_SIZE = new TaskSize(4096, 8192, TaskSize.DEFAULT_STORAGE_GIB);

  private final Optional<Cluster> cluster;
  private final Optional<FargateTaskDefinition> taskDefinition;
  private final Optional<Vpc> vpc;
  private final Optional<SecurityGroup> securityGroup;
  private final Optional<Role> mediaConvertRole;
  /** Where the tasks run; without the container backend, {@code ISOLATED} only names RunTask's default. */
  private final TranscodeNetwork network;

  public Transcoding(Construct scope, String id, VodSettings settings, Map<String, String> environment,
      IBucket source, IBucket output, ITable table) {
    super(scope, id);
    if (settings.backend() == TranscodeBackend.CONTAINER) {
      network = settings.transcodeNetwork();
      Vpc vpcOfTasks = vpc(settings);
      SecurityGroup tasks = new SecurityGroup(this, "TaskSecurityGroup", SecurityGroupProps.builder()
          .vpc(vpcOfTasks)
          .description(network == TranscodeNetwork.PUBLIC
              ? "Transcode tasks: no inbound; outbound to S3/DynamoDB endpoints and, for ECR and Logs, the internet"
              : "Transcode tasks: no inbound; outbound to S3, DynamoDB, ECR and CloudWatch Logs endpoints")
          .allowAllOutbound(true)
          .build());
      if (network == TranscodeNetwork.ISOLATED) {
        addInterfaceEndpoints(vpcOfTasks, tasks);
      }
      Cluster ecs = new Cluster(this, "Cluster", ClusterProps.builder()
          .vpc(vpcOfTasks)
          .containerInsightsV2(ContainerInsights.ENABLED)
          .enableFargateCapacityProviders(true)
          .build());
      FargateTaskDefinition task = new FargateTaskDefinition(this, "TaskDefinition",
          FargateTaskDefinitionProps.builder()
              .cpu(DEFAULT_TASK_SIZE.cpu())
              .memoryLimitMiB(DEFAULT_TASK_SIZE.memoryMiB())
              .ephemeralStorageGiB(DEFAULT_TASK_SIZE.storageGiB())
              .runtimePlatform(RuntimePlatform.builder()
                  .cpuArchitecture(CpuArchitecture.ARM64)
                  .operatingSystemFamily(OperatingSystemFamily.LINUX)
                  .build())
              .build());
      ContainerDefinition container = task.addContainer(CONTAINER_NAME, ContainerDefinitionOptions.builder()
          .image(ContainerImage.fromAsset(settings.transcoderImageDir().toString(), AssetImageProps.builder()
              .platform(Platform.LINUX_ARM64)
              .build()))
          .command(List.of(FunctionSpec.CONTAINER_MAIN_CLASS))
          .environment(environment)
          .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
              .streamPrefix("transcode")
              .logGroup(LogGroups.create(this, "TaskLogs", settings, null))
              .mode(AwsLogDriverMode.NON_BLOCKING)
              .build()))
          .essential(true)
          .build());
      // The container runs the same code as the Transcode function, with the same grants.
      for (FunctionSpec.Permission permission : FunctionSpec.TRANSCODE.permissions()) {
        Functions.statements(permission, source, output, table, "").forEach(task::addToTaskRolePolicy);
      }
      Nag.suppress(container.getTaskDefinition(), "AwsSolutions-ECS2",
          "The environment holds resource names (buckets, table, playback domain) and limits, no secrets; "
              + "the same names are visible in the Lambda configuration.");
      Nag.suppressOnly(task, "AwsSolutions-IAM5",
          "ecr:GetAuthorizationToken (pulling the image) has no resource-level permissions.", "^Resource::\\*$");
      Nag.suppressPrefixScopedResources(task);
      vpc = Optional.of(vpcOfTasks);
      securityGroup = Optional.of(tasks);
      cluster = Optional.of(ecs);
      taskDefinition = Optional.of(task);
    } else {
      network = TranscodeNetwork.ISOLATED;
      vpc = Optional.empty();
      securityGroup = Optional.empty();
      cluster = Optional.empty();
      taskDefinition = Optional.empty();
    }

    if (settings.backend() == TranscodeBackend.MEDIACONVERT) {
      Role role = new Role(this, "MediaConvertRole", RoleProps.builder()
          .assumedBy(new ServicePrincipal("mediaconvert.amazonaws.com"))
          .description("MediaConvert reads sources and writes HLS output for Serverless VOD")
          .build());
      Functions.statements(FunctionSpec.Permission.SOURCE_READ, source, output, table, "").forEach(role::addToPolicy);
      Functions.statements(FunctionSpec.Permission.OUTPUT_WRITE, source, output, table, "").forEach(role::addToPolicy);
      Nag.suppressPrefixScopedResources(role);
      mediaConvertRole = Optional.of(role);
    } else {
      mediaConvertRole = Optional.empty();
    }
  }

  /**
   * The tasks' VPC: two AZs, no NAT gateway, S3 and DynamoDB gateway endpoints (free), flow logs of
   * rejected traffic. {@link TranscodeNetwork#ISOLATED}: isolated subnets. {@link
   * TranscodeNetwork#PUBLIC}: public subnets (an internet gateway) that give no address on launch:
   * only the tasks get one, from RunTask's {@code AssignPublicIp: ENABLED}.
   */
  private Vpc vpc(VodSettings settings) {
    SubnetConfiguration subnets = network == TranscodeNetwork.PUBLIC
        ? SubnetConfiguration.builder().name("tasks").subnetType(SubnetType.PUBLIC).cidrMask(24)
            .mapPublicIpOnLaunch(false).build()
        : SubnetConfiguration.builder().name("tasks").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build();
    return new Vpc(this, "Vpc", VpcProps.builder()
        .maxAzs(2)
        .natGateways(0)
        .subnetConfiguration(List.of(subnets))
        // Nothing uses the default security group; restricting it would add a custom-resource Lambda.
        .restrictDefaultSecurityGroup(false)
        .flowLogs(Map.of("rejected", FlowLogOptions.builder()
            .trafficType(FlowLogTrafficType.REJECT)
            .destination(FlowLogDestination.toCloudWatchLogs(LogGroups.create(this, "FlowLogs", settings, null)))
            .build()))
        .gatewayEndpoints(Map.of(
            "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
            "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
        .build());
  }

  /**
   * Isolated tasks pull the image and ship logs through interface endpoints, placed in one AZ (tasks
   * in the other AZ reach them across AZs) to keep the at-rest cost to three endpoint-hours.
   */
  private void addInterfaceEndpoints(Vpc network, SecurityGroup tasks) {
    SubnetSelection oneAz = SubnetSelection.builder().subnets(List.of(network.getIsolatedSubnets().get(0))).build();
    for (Map.Entry<String, InterfaceVpcEndpointAwsService> endpoint : Map.of(
        "EcrApi", InterfaceVpcEndpointAwsService.ECR,
        "EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER,
        "Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS).entrySet()) {
      InterfaceVpcEndpoint created = network.addInterfaceEndpoint(endpoint.getKey(),
          InterfaceVpcEndpointOptions.builder()
              .service(endpoint.getValue())
              .subnets(oneAz)
              .privateDnsEnabled(true)
              .open(false)
              .build());
      created.getConnections().allowFrom(tasks, Port.tcp(443), "HTTPS from transcode tasks");
    }
  }

  /**
   * Values of the workflow's transcoding substitutions. Those of a backend this deployment did not
   * choose name that fact instead of a resource: the Choice state never routes there.
   */
  public Map<String, String> substitutions() {
    String absent = "not-deployed";
    Map<String, String> values = new LinkedHashMap<>();
    values.put(StateMachineSpec.TRANSCODE_CLUSTER_ARN, cluster.map(Cluster::getClusterArn).orElse(absent));
    values.put(StateMachineSpec.TRANSCODE_TASK_DEFINITION_ARN,
        taskDefinition.map(FargateTaskDefinition::getTaskDefinitionArn).orElse(absent));
    values.put(StateMachineSpec.TRANSCODE_CONTAINER_NAME, CONTAINER_NAME);
    values.put(StateMachineSpec.TRANSCODE_SUBNETS, vpc.map(v -> (network == TranscodeNetwork.PUBLIC
        ? v.getPublicSubnets() : v.getIsolatedSubnets()).stream()
        .map(ISubnet::getSubnetId).collect(Collectors.joining(","))).orElse(absent));
    values.put(StateMachineSpec.TRANSCODE_SECURITY_GROUPS,
        securityGroup.map(SecurityGroup::getSecurityGroupId).orElse(absent));
    values.put(StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP, network.assignPublicIp());
    values.put(StateMachineSpec.MEDIACONVERT_ROLE_ARN, mediaConvertRole.map(Role::getRoleArn).orElse(absent));
    return values;
  }

  /**
   * Lets the state machine run this backend: ECS RunTask (.sync polls through an EventBridge rule
   * Step Functions manages) or MediaConvert CreateJob (.sync likewise), and pass the roles.
   */
  public void grantWorkflow(StateMachine workflow) {
    Stack stack = Stack.of(this);
    taskDefinition.ifPresent(task -> {
      task.grantRun(workflow);
      workflow.addToRolePolicy(Functions.statement(List.of("ecs:StopTask", "ecs:DescribeTasks"),
          List.of(arn(stack, "ecs", "task", cluster.orElseThrow().getClusterName() + "/*"))));
      grantSyncRule(workflow, stack, "StepFunctionsGetEventsForECSTaskRule");
      Nag.suppressOnly(workflow, "AwsSolutions-IAM5",
          "ECS task ARNs exist only once RunTask starts them; Stop/DescribeTasks are limited to this cluster's tasks.",
          "^Resource::" + Nag.arnStart("ecs") + "task/<.*Cluster[0-9A-F]+>/\\*$");
    });
    mediaConvertRole.ifPresent(role -> {
      role.grantPassRole(workflow.getGrantPrincipal());
      // Job ARNs exist only once CreateJob returns; CreateJob is authorized on the queue and presets.
      workflow.addToRolePolicy(Functions.statement(
          List.of("mediaconvert:CreateJob", "mediaconvert:GetJob", "mediaconvert:CancelJob"),
          List.of(arn(stack, "mediaconvert", "queues", "Default"), arn(stack, "mediaconvert", "jobs", "*"),
              arn(stack, "mediaconvert", "presets", "*"))));
      grantSyncRule(workflow, stack, "StepFunctionsGetEventsForMediaConvertJobRule");
      Nag.suppressOnly(workflow, "AwsSolutions-IAM5",
          "MediaConvert job ARNs exist only once CreateJob returns; presets are AWS-managed names.",
          "^Resource::" + Nag.arnStart("mediaconvert") + "(jobs|presets)/\\*$");
    });
  }

  /** The EventBridge rule Step Functions manages to learn that a .sync job finished. */
  private static void grantSyncRule(StateMachine workflow, Stack stack, String ruleName) {
    workflow.addToRolePolicy(Functions.statement(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
        List.of(arn(stack, "events", "rule", ruleName))));
  }

  private static String arn(Stack stack, String service, String resource, String name) {
    return stack.formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name).build());
  }

  public Optional<Cluster> cluster() {
    return cluster;
  }

  public Optional<FargateTaskDefinition> taskDefinition() {
    return taskDefinition;
  }

  public Optional<Role> mediaConvertRole() {
    return mediaConvertRole;
  }
}
