package dev.svod.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each with its reason next to the resource it concerns. Findings are
 * suppressed only where the rule does not fit this design; everything else is fixed in code.
 */
final class Nag {

  private Nag() {}

  /** Suppresses rule {@code id} (e.g. {@code AwsSolutions-IAM5}) on the construct and its children. */
  static void suppress(IConstruct construct, String id, String reason) {
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(id).reason(reason).build()), true);
  }

  /**
   * Suppresses rule {@code id} only for the findings matching these regular expressions (cdk-nag's
   * {@code appliesTo}, e.g. {@code ^Resource::.*\/uploads\/\*$}), so any other finding still fails.
   */
  static void suppressOnly(IConstruct construct, String id, String reason, String... findingRegexes) {
    List<Object> appliesTo = Arrays.stream(findingRegexes)
        .<Object>map(regex -> RegexAppliesTo.builder().regex("/" + regex + "/g").build())
        .toList();
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(id).reason(reason).appliesTo(appliesTo).build()), true);
  }

  /**
   * The grants of {@code Functions.statements}: object actions under one bucket's key prefix and
   * table actions on the table's indexes end in {@code /*}, which cdk-nag reports as wildcards.
   */
  static void suppressPrefixScopedResources(IConstruct construct) {
    suppressOnly(construct, "AwsSolutions-IAM5",
        "Object keys are created at run time; access is limited to the key prefix (uploads/ or v/) "
            + "of one bucket, and to the table's own indexes.",
        "^Resource::<.*(Source|Output)[0-9A-F]+\\.Arn>/(uploads|v)/\\*$",
        "^Resource::<.*Table[0-9A-F]+\\.Arn>/index/\\*$");
  }

  /**
   * CDK's deploy-time custom-resource providers log through the Lambda basic execution managed policy;
   * {@code provider} names the one concerned. Only that policy is accepted.
   */
  static void suppressBasicExecutionRole(IConstruct construct, String provider) {
    suppressOnly(construct, "AwsSolutions-IAM4", provider + " (a deploy-time custom resource, not part of the "
            + "application) uses the Lambda basic execution managed policy for its logs.",
        "^Policy::arn:(<AWS::Partition>|aws[a-z-]*):iam::aws:policy/service-role/AWSLambdaBasicExecutionRole$");
  }

  /**
   * The constructs CDK adds once per stack, at its root, for its own deploy-time custom resources
   * (bucket notifications, auto-delete, bucket deployment), whose ids start with {@code idPrefix}.
   */
  static List<IConstruct> stackSingletons(IConstruct scope, String idPrefix) {
    return Stack.of(scope).getNode().getChildren().stream()
        .filter(child -> child.getNode().getId().startsWith(idPrefix))
        .toList();
  }

  /**
   * Regex of an ARN's {@code arn:<partition>:<service>:<region>:<account>:} start as cdk-nag prints
   * it: tokens in an environment-agnostic stack, literals where the CDK CLI resolved them (a stack
   * with a region gets the literal partition and region).
   */
  static String arnStart(String service) {
    return "arn:(<AWS::Partition>|aws[a-z-]*):" + service + ":(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]{12}):";
  }
}
