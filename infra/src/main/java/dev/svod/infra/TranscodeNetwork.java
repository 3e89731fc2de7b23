package dev.svod.infra;

import dev.svod.functions.StateMachineSpec;
import java.util.Locale;

/**
 * How the container backend's Fargate tasks reach AWS ({@code -c transcodeNetwork=...}). Either way
 * the tasks' security group admits no inbound traffic and there is no NAT gateway.
 */
public enum TranscodeNetwork {
  /**
   * Isolated subnets, tasks without a public IP: S3/DynamoDB gateway endpoints plus ECR API, ECR
   * Docker and CloudWatch Logs interface endpoints, which cost ~$22/month even with no video.
   */
  ISOLATED,
  /**
   * Public subnets, tasks with a public IP (reaching ECR and CloudWatch Logs through the internet
   * gateway), S3/DynamoDB gateway endpoints: nothing billed by the hour.
   */
  PUBLIC;

  /** RunTask's {@code AssignPublicIp} for tasks in this network. */
  public String assignPublicIp() {
    return this == PUBLIC ? StateMachineSpec.PUBLIC_IP_ENABLED : StateMachineSpec.PUBLIC_IP_DISABLED;
  }

  /** Parses {@code isolated|public} (case-insensitive). */
  public static TranscodeNetwork parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "isolated" -> ISOLATED;
      case "public" -> PUBLIC;
      default -> throw new IllegalArgumentException("transcodeNetwork must be isolated or public, got '" + value + "'");
    };
  }
}
