package dev.svod.states.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.states.StatesEngine;
import dev.svod.states.asl.Json;
import dev.svod.states.task.TaskHandlers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/** The engine's HTTP API driven by the real AWS SDK client. */
class StepFunctionsApiIT {
  private static final String DEFINITION =
      """
      {"StartAt": "Probe", "States": {
        "Probe": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "probe", "Payload.$": "$"},
          "ResultSelector": {"width.$": "$.Payload.width"}, "ResultPath": "$.source", "Next": "Each"},
        "Each": {"Type": "Map", "ItemsPath": "$.renditions", "ItemProcessor": {"StartAt": "R", "States": {"R": {"Type": "Pass", "End": true}}},
          "ResultPath": "$.done", "Next": "Approve"},
        "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"token.$": "$$.Task.Token"}, "ResultPath": "$.approval", "End": true}}}
      """;

  @TempDir java.nio.file.Path dir;
  private StatesEngine engine;
  private SfnClient sfn;
  private final CompletableFuture<String> token = new CompletableFuture<>();

  @BeforeEach
  void start() {
    TaskHandlers handlers =
        new TaskHandlers()
            .register("arn:aws:states:::lambda:invoke", call -> dev.svod.states.task.LambdaResults.invokeResult(Json.parse("{\"width\": 1280}")))
            .register("arn:aws:states:::sqs:sendMessage.waitForTaskToken", call -> {
              token.complete(call.input().get("token").asText());
              return null;
            });
    engine = StatesEngine.builder().dataDirectory(dir).taskHandlers(handlers).build();
    int port = engine.startHttpApi(0);
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    sfn.close();
    engine.close();
  }

  @Test
  void runsAnExecutionThroughTheSdkWithCallbacksAndHistory() throws Exception {
    String sm = sfn.createStateMachine(b -> b.name("vod").definition(DEFINITION).roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(sm)).definition()).isEqualTo(DEFINITION);
    assertThat(sfn.listStateMachines(b -> {}).stateMachines()).extracting(s -> s.name()).containsExactly("vod");

    String arn = sfn.startExecution(b -> b.stateMachineArn(sm).name("video-9").input("{\"renditions\":[\"360p\",\"720p\"]}")).executionArn();
    String taskToken = token.get(20, TimeUnit.SECONDS);
    sfn.sendTaskHeartbeat(b -> b.taskToken(taskToken));
    sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output("{\"ok\":true}"));
    DescribeExecutionResponse done = awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output()))
        .isEqualTo(Json.parse("{\"renditions\":[\"360p\",\"720p\"],\"source\":{\"width\":1280},\"done\":[\"360p\",\"720p\"],\"approval\":{\"ok\":true}}"));
    List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertThat(history.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(history).extracting(HistoryEvent::type)
        .contains(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.MAP_ITERATION_STARTED,
            HistoryEventType.MAP_STATE_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(history.get(1).stateEnteredEventDetails().name()).isEqualTo("Probe");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(sm)).executions()).extracting(e -> e.name()).containsExactly("video-9");
  }

  @Test
  void mapsErrorsToTheSdkExceptions() throws Exception {
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Nope\",\"End\":true}}}").roleArn("r")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Unknown state type 'Nope'");
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:none")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(sfn.validateStateMachineDefinition(b -> b.definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}")).result())
        .isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);

    String sm = sfn.createStateMachine(b -> b.name("vod").definition(DEFINITION).roleArn("r")).stateMachineArn();
    sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"renditions\":[]}"));
    String again = sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"renditions\":[]}")).executionArn();
    assertThat(again).endsWith(":execution:vod:same");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"renditions\":[1]}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    sfn.stopExecution(b -> b.executionArn(again).error("Stop").cause("test"));
    assertThat(sfn.describeExecution(b -> b.executionArn(again)).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  private DescribeExecutionResponse awaitEnd(String arn) throws Exception {
    engine.awaitExecution(arn, Duration.ofSeconds(20));
    return sfn.describeExecution(b -> b.executionArn(arn));
  }
}
