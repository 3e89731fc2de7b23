package dev.svod.infra;

import static dev.svod.infra.Templates.at;
import static dev.svod.infra.Templates.list;
import static dev.svod.infra.Templates.properties;
import static dev.svod.infra.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.FunctionSpec;
import dev.svod.functions.StateMachineSpec;
import dev.svod.functions.VodConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class TranscodingIT {

  private final Template template = Synthesized.full().template;

  @Test
  void taskDefinitionRunsTheTranscoderOnArm64Fargate() {
    Map<String, Object> task = properties(template, "AWS::ECS::TaskDefinition", "TranscodingTaskDefinition");

    assertThat(task.get("RequiresCompatibilities")).isEqualTo(List.of("FARGATE"));
    assertThat(task.get("RuntimePlatform"))
        .isEqualTo(Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"));
    // The default size (1080p30); the workflow overrides it per group (TaskSize)
    assertThat(task.get("Cpu")).isEqualTo("4096");
    assertThat(task.get("Memory")).isEqualTo("8192");
    assertThat(task.get("EphemeralStorage")).isEqualTo(Map.of("SizeInGiB", Transcoding.DEFAULT_TASK_SIZE.storageGiB()));
    Map<String, Object> container = at(task, "ContainerDefinitions", 0);
    assertThat(container.get("Name")).isEqualTo(Transcoding.CONTAINER_NAME);
    // No container-level limits: a task-level override resizes what the container may use
    assertThat(container).doesNotContainKeys("Cpu", "Memory", "MemoryReservation");
    assertThat(container.get("Command")).isEqualTo(List.of(FunctionSpec.CONTAINER_MAIN_CLASS));
    assertThat((List<Map<String, Object>>) container.get("Environment")).extracting(e -> e.get("Name"))
        .containsExactlyInAnyOrderElementsOf(VodConfig.variableNames());
    assertThat((Object) at(container, "LogConfiguration", "LogDriver")).isEqualTo("awslogs");
    assertThat(container.get("Image").toString()).contains("container-assets");
  }

  @Test
  void imageIsBuiltFromTheAssembledContextWithTheTranscoderAndArm64Ffmpeg() {
    String context = System.getProperty(VodSettings.TRANSCODER_IMAGE_DIR);

    // Nothing installed at image build: a base image and COPY only (so it also builds cross-arch).
    assertThat(java.nio.file.Path.of(context, "Dockerfile")).content()
        .containsPattern("(?m)^FROM public\\.ecr\\.aws/amazoncorretto/amazoncorretto:21")
        .doesNotContainPattern("(?m)^RUN ");
    assertThat(java.nio.file.Path.of(context, "lib").toFile().list())
        .anyMatch(n -> n.startsWith("functions-"))
        .anyMatch(n -> n.equals("ffmpeg-" + "8.1.2-1.5.14-linux-arm64-gpl.jar"))
        .noneMatch(n -> n.contains("x86_64"));
  }

  @Test
  void clusterHasContainerInsightsAndTasksAcceptNoInboundTraffic() {
    assertThat((List<Map<String, Object>>) properties(template, "AWS::ECS::Cluster", "TranscodingCluster")
        .get("ClusterSettings")).contains(Map.of("Name", "containerInsights", "Value", "enabled"));
    Map<String, Object> group = properties(template, "AWS::EC2::SecurityGroup", "TranscodingTaskSecurityGroup");
    assertThat(group).doesNotContainKey("SecurityGroupIngress");
    assertThat(resources(template, "AWS::EC2::NatGateway")).isEmpty();
    assertThat(resources(template, "AWS::EC2::InternetGateway")).isEmpty();
    // Tasks run without a public IP: S3/DynamoDB gateway endpoints, ECR and Logs interface endpoints.
    assertThat(resources(template, "AWS::EC2::VPCEndpoint").values()).extracting(r -> at(r, "Properties",
        "VpcEndpointType").toString()).containsExactlyInAnyOrder("Gateway", "Gateway", "Interface", "Interface", "Interface");
    assertThat(resources(template, "AWS::EC2::FlowLog")).hasSize(1);
    assertThat(substitution(template, StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP)).isEqualTo("DISABLED");
    assertThat(subnetsRoutedToTheInternet(template)).isEmpty();
  }

  @Test
  void publicNetworkHasNoInterfaceEndpointsNoNatAndTasksGetPublicIpsInPublicSubnets() {
    Template network = Synthesized.publicNetwork().template;

    assertThat(resources(network, "AWS::EC2::VPCEndpoint").values()).extracting(r -> at(r, "Properties",
        "VpcEndpointType").toString()).containsExactlyInAnyOrder("Gateway", "Gateway");
    assertThat(resources(network, "AWS::EC2::NatGateway")).isEmpty();
    assertThat(resources(network, "AWS::EC2::InternetGateway")).hasSize(1);
    // Both subnets route to the internet gateway; only the tasks get an address (RunTask), nothing on launch
    List<String> publicSubnets = subnetsRoutedToTheInternet(network);
    assertThat(publicSubnets).hasSize(2);
    assertThat(resources(network, "AWS::EC2::Subnet")).hasSize(2).allSatisfy((id, subnet) ->
        assertThat((Object) at(subnet, "Properties", "MapPublicIpOnLaunch")).isEqualTo(false));
    assertThat(substitution(network, StateMachineSpec.TRANSCODE_ASSIGN_PUBLIC_IP)).isEqualTo("ENABLED");
    assertThat(substitution(network, StateMachineSpec.TRANSCODE_SUBNETS).toString())
        .contains(publicSubnets.get(0)).contains(publicSubnets.get(1));
    // Public IPs but no inbound traffic
    assertThat(properties(network, "AWS::EC2::SecurityGroup", "TranscodingTaskSecurityGroup"))
        .doesNotContainKey("SecurityGroupIngress");
    assertThat(resources(network, "AWS::EC2::SecurityGroupIngress")).isEmpty();
    assertThat(resources(network, "AWS::EC2::FlowLog")).hasSize(1);
  }

  private static Object substitution(Template template, String key) {
    return at(properties(template, "AWS::StepFunctions::StateMachine", "WorkflowStateMachine"),
        "DefinitionSubstitutions", key);
  }

  /** Logical ids of the subnets whose route table sends 0.0.0.0/0 to an internet gateway. */
  private static List<String> subnetsRoutedToTheInternet(Template template) {
    List<Object> tables = resources(template, "AWS::EC2::Route").values().stream()
        .map(Templates::properties)
        .filter(route -> "0.0.0.0/0".equals(route.get("DestinationCidrBlock")) && route.containsKey("GatewayId"))
        .map(route -> route.get("RouteTableId"))
        .toList();
    return resources(template, "AWS::EC2::SubnetRouteTableAssociation").values().stream()
        .map(Templates::properties)
        .filter(association -> tables.contains(association.get("RouteTableId")))
        .map(association -> (String) at(association, "SubnetId", "Ref"))
        .toList();
  }

  @Test
  void workflowMayRunOnlyThisTaskDefinitionAndPassOnlyItsRoles() {
    List<Map<String, Object>> statements = at(properties(template, "AWS::IAM::Policy", "WorkflowStateMachineRole"),
        "PolicyDocument", "Statement");

    assertThat(statements).filteredOn(s -> list(s.get("Action")).contains("ecs:RunTask")).singleElement()
        .satisfies(s -> assertThat(s.get("Resource").toString()).contains("TranscodingTaskDefinition"));
    assertThat(statements).filteredOn(s -> list(s.get("Action")).contains("iam:PassRole")).singleElement()
        .satisfies(s -> assertThat(list(s.get("Resource"))).allSatisfy(r ->
            assertThat(r.toString()).contains("TranscodingTaskDefinition")));
  }

  @Test
  void mediaConvertBackendHasItsRoleAndNoContainerResources() {
    Template minimal = Synthesized.minimal().template;

    assertThat(resources(minimal, "AWS::ECS::Cluster")).isEmpty();
    assertThat(resources(minimal, "AWS::EC2::VPC")).isEmpty();
    Map<String, Object> role = properties(minimal, "AWS::IAM::Role", "TranscodingMediaConvertRole");
    assertThat(role.toString()).contains("mediaconvert.amazonaws.com");
    List<Map<String, Object>> statements = at(properties(minimal, "AWS::IAM::Policy", "WorkflowStateMachineRole"),
        "PolicyDocument", "Statement");
    assertThat(statements).filteredOn(s -> list(s.get("Action")).contains("iam:PassRole")).singleElement()
        .satisfies(s -> assertThat(s.get("Resource").toString()).contains("TranscodingMediaConvertRole"));
  }
}
