package dev.svod.states.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.states.asl.Json;
import org.junit.jupiter.api.Test;

class MockConfigTest {
  private static final MockConfig MOCKS =
      MockConfig.parse(
          """
          {"StateMachines": {"Vod": {"TestCases": {"Flaky": {"Probe": "FailThenOk"}}}},
           "MockedResponses": {"FailThenOk": {
             "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "busy"}},
             "1-2": {"Return": {"Payload": {"ok": true}}}}}}
          """);

  @Test
  void answersEachCallOfAStateInOrderCountingPerExecution() throws Exception {
    TaskHandler handler = MOCKS.handler(null, "Flaky");

    assertThatThrownBy(() -> handler.execute(call("exec-1")))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.error()).isEqualTo("Lambda.ServiceException");
          assertThat(e.cause()).isEqualTo("busy");
        });
    assertThat(handler.execute(call("exec-1"))).isEqualTo(Json.parse("{\"Payload\":{\"ok\":true}}"));
    assertThatThrownBy(() -> handler.execute(call("exec-2"))).isInstanceOf(TaskFailedException.class);
    assertThat(handler.completesTaskTokens()).isTrue();
  }

  @Test
  void namesAMissingTestCase() {
    assertThatThrownBy(() -> MOCKS.handler("Vod", "Nope")).hasMessageContaining("No test case 'Nope'");
  }

  private static TaskInvocation call(String execution) {
    return new TaskInvocation("arn:aws:states:::lambda:invoke", Json.object(), "Probe", execution, null, Json.object(), 0);
  }
}
