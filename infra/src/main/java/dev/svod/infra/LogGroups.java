package dev.svod.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.constructs.Construct;

/** Log groups with the deployment's retention, so no log is kept (and billed) forever. */
final class LogGroups {

  /** The retention periods CloudWatch Logs accepts. */
  static final List<Integer> ALLOWED_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
      400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

  private LogGroups() {}

  /** A log group with the configured retention; {@code name} null lets CloudFormation name it. */
  static LogGroup create(Construct scope, String id, VodSettings settings, String name) {
    LogGroup group = new LogGroup(scope, id, LogGroupProps.builder()
        .logGroupName(name)
        .removalPolicy(settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
        .build());
    // Set on the L1 resource: the L2 takes an enum of named periods, the setting is a day count.
    ((CfnLogGroup) group.getNode().getDefaultChild()).setRetentionInDays(settings.logRetentionDays());
    return group;
  }
}
