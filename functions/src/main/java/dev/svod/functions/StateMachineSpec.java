package dev.svod.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code statemachine/vod.asl.json} expects to be substituted: the ARN of every workflow
 * function ({@link FunctionSpec#aslSubstitution()}) plus the transcode infrastructure named here.
 * Values are inserted verbatim into JSON strings.
 */
public final class StateMachineSpec {
  /** Repository path of the definition. */
  public static final String DEFINITION_PATH = "statemachine/vod.asl.json";

  /** ECS cluster running the FFmpeg container tasks. */
  public static final String TRANSCODE_CLUSTER_ARN = "TranscodeClusterArn";
  /** Task definition of the FFmpeg container ({@link FunctionSpec#CONTAINER_MAIN_CLASS}). */
  public static final String TRANSCODE_TASK_DEFINITION_ARN = "TranscodeTaskDefinitionArn";
  /** Name of the container in that task definition (for the job environment override). */
  public static final String TRANSCODE_CONTAINER_NAME = "TranscodeContainerName";
  /** Comma-separated subnet ids for the Fargate tasks (split by {@code States.StringSplit}). */
  public static final String TRANSCODE_SUBNETS = "TranscodeSubnets";
  /** Comma-separated security group ids for the Fargate tasks. */
  public static final String TRANSCODE_SECURITY_GROUPS = "TranscodeSecurityGroups";
  /**
   * Whether the Fargate tasks get a public IP ({@link #PUBLIC_IP_ENABLED} in public subnets without
   * VPC endpoints, {@link #PUBLIC_IP_DISABLED} in isolated subnets that reach AWS through endpoints).
   */
  public static final String TRANSCODE_ASSIGN_PUBLIC_IP = "TranscodeAssignPublicIp";
  /** RunTask's {@code AssignPublicIp} values. */
  public static final String PUBLIC_IP_ENABLED = "ENABLED";
  public static final String PUBLIC_IP_DISABLED = "DISABLED";
  /** IAM role MediaConvert assumes to read the source and write the output bucket. */
  public static final String MEDIACONVERT_ROLE_ARN = "MediaConvertRoleArn";

  /** The substitutions that are not function ARNs. */
  public static final List<String> INFRASTRUCTURE_SUBSTITUTIONS = List.of(TRANSCODE_CLUSTER_ARN,
      TRANSCODE_TASK_DEFINITION_ARN, TRANSCODE_CONTAINER_NAME, TRANSCODE_SUBNETS, TRANSCODE_SECURITY_GROUPS,
      TRANSCODE_ASSIGN_PUBLIC_IP, MEDIACONVERT_ROLE_ARN);

  private StateMachineSpec() {}

  /** Every substitution key of the definition: the workflow functions' ARNs, then the infrastructure. */
  public static List<String> allSubstitutions() {
    List<String> keys = new ArrayList<>();
    FunctionSpec.workflowFunctions().forEach(f -> keys.add(f.aslSubstitution().orElseThrow()));
    keys.addAll(INFRASTRUCTURE_SUBSTITUTIONS);
    return List.copyOf(keys);
  }
}
