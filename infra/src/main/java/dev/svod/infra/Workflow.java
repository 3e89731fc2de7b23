package dev.svod.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineProps;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The workflow: {@code statemachine/vod.asl.json} as it is (the same file LocalStack and the local
 * runtime run), with its {@code ${...}} placeholders filled through CloudFormation's
 * {@code DefinitionSubstitutions}. Every placeholder must have a value, or synthesis fails naming it.
 * Standard workflow, full execution logging to CloudWatch, X-Ray tracing.
 */
public final class Workflow extends Construct {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final StateMachine stateMachine;
  private final String definition;
  private final Map<String, String> substitutions;

  /**
   * @param name the state machine's name (fixed, so functions can know its ARN before it exists)
   * @param available values for the placeholders; only those the definition uses are passed on
   */
  public Workflow(Construct scope, String id, VodSettings settings, String name, Map<String, String> available) {
    super(scope, id);
    definition = read(settings.stateMachineFile());
    substitutions = Values.require(placeholders(definition), available, missing -> settings.stateMachineFile()
        + " uses " + missing + " which infra does not provide (known: " + new TreeSet<>(available.keySet()) + ")");
    // Under /aws/vendedlogs/ Step Functions needs no CloudWatch Logs resource policy (size-limited per
    // account). The stack id's UUID makes the name new per stack instance, so a retained group of a
    // destroyed stack never blocks deploying the stack again.
    String stackUuid = Fn.select(2, Fn.split("/", Aws.STACK_ID));
    LogGroup logs = LogGroups.create(this, "Logs", settings, "/aws/vendedlogs/states/" + name + "-" + stackUuid);
    stateMachine = new StateMachine(this, "StateMachine", StateMachineProps.builder()
        .stateMachineName(name)
        .stateMachineType(StateMachineType.STANDARD)
        .definitionBody(DefinitionBody.fromString(definition))
        .definitionSubstitutions(substitutions)
        .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
        .tracingEnabled(true)
        .build());
    Nag.suppressOnly(stateMachine, "AwsSolutions-IAM5",
        "Step Functions' log delivery and X-Ray actions have no resource-level permissions.",
        "^Resource::\\*$");
  }

  /** The ARN a state machine of this name gets in this stack, without referring to the resource. */
  public static String arnOf(Stack stack, String name) {
    return stack.formatArn(ArnComponents.builder()
        .service("states").resource("stateMachine").resourceName(name)
        .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
  }

  /** The placeholder names {@code ${Name}} in an ASL document. */
  static Set<String> placeholders(String definition) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(definition);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the workflow definition " + file + ": " + e.getMessage(), e);
    }
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  /** The definition as read (placeholders unresolved). */
  public String definition() {
    return definition;
  }

  /** The substitutions passed to CloudFormation (exactly the placeholders the definition uses). */
  public Map<String, String> substitutions() {
    return substitutions;
  }
}
