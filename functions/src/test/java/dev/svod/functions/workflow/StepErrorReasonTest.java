package dev.svod.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.Json;
import dev.svod.functions.workflow.TaskModels.MarkFailedInput;
import dev.svod.functions.workflow.TaskModels.StepError;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class StepErrorReasonTest {

  @Test
  void takesTheLambdaErrorMessageFromTheCause() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/mark-failed.json")) {
      MarkFailedInput input = Json.MAPPER.readValue(in, MarkFailedInput.class);
      assertThat(WorkflowSteps.reasonOf(input.error())).isEqualTo("NOT_A_VIDEO: the file is text, not audio or video");
    }
  }

  @Test
  void fallsBackToCauseTextThenErrorName() {
    assertThat(WorkflowSteps.reasonOf(new StepError("States.Timeout", "Task timed out after 900 s")))
        .isEqualTo("Task timed out after 900 s");
    assertThat(WorkflowSteps.reasonOf(new StepError("States.TaskFailed", null))).isEqualTo("States.TaskFailed");
  }
}
