package dev.svod.infra;

import dev.svod.functions.FunctionSpec;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms on what a user notices: failed or timed-out workflow executions (videos stuck or FAILED),
 * API 5xx responses, and errors of the ingest function (uploads that never start processing). Four
 * alarms cost about $0.40 a month; attach an SNS action per deployment to be paged.
 */
public final class Observability extends Construct {

  public Observability(Construct scope, String id, StateMachine workflow, HttpApi api, Functions functions) {
    super(scope, id);
    MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    alarm("WorkflowFailed", "A video workflow execution failed", workflow.metricFailed(fiveMinutes));
    alarm("WorkflowTimedOut", "A video workflow execution timed out", workflow.metricTimedOut(fiveMinutes));
    alarm("ApiServerErrors", "The HTTP API answered 5xx", api.metricServerError(fiveMinutes));
    alarm("IngestErrors", "The ingest function failed: an upload may not start processing",
        functions.alias(FunctionSpec.INGEST).metricErrors(fiveMinutes));
  }

  private void alarm(String id, String description, IMetric metric) {
    new Alarm(this, id, AlarmProps.builder()
        .alarmDescription(description)
        .metric(metric)
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build());
  }
}
