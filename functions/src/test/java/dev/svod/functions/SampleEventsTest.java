package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svod.functions.workflow.TaskModels;
import dev.svod.functions.workflow.TranscodeJob;
import dev.svod.functions.workflow.WorkflowInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every workflow sample event is exactly the input its handler reads: no unknown or missing field. */
class SampleEventsTest {
  private static final ObjectMapper STRICT = Json.MAPPER.copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("execution-input.json", WorkflowInput.class),
        Arguments.of("mark-processing.json", TaskModels.VideoRef.class),
        Arguments.of("probe.json", TaskModels.ProbeInput.class),
        Arguments.of("plan.json", TaskModels.PlanInput.class),
        Arguments.of("transcode.json", TranscodeJob.class),
        Arguments.of("mediaconvert-job.json", TranscodeJob.class),
        Arguments.of("publish.json", TaskModels.PublishInput.class),
        Arguments.of("record-group-failure.json", TaskModels.PublishInput.class),
        Arguments.of("thumbnails.json", TaskModels.ThumbnailsInput.class),
        Arguments.of("finalize.json", TaskModels.VideoRef.class),
        Arguments.of("mark-failed.json", TaskModels.MarkFailedInput.class));
  }

  @ParameterizedTest
  @MethodSource("events")
  void parsesStrictlyIntoItsHandlersInput(String event, Class<?> type) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/events/workflow/" + event)) {
      Object parsed = STRICT.readValue(in, type);
      assertThat(parsed).hasNoNullFieldsOrPropertiesExcept("error");
    }
  }
}
