package dev.svod.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatesCommandTest {
  private static final String DEFINITION =
      """
      {"StartAt": "Probe", "States": {
        "Probe": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "${ProbeFunctionArn}", "Payload.$": "$"},
          "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 30, "MaxAttempts": 2}],
          "ResultSelector": {"width.$": "$.Payload.width"}, "ResultPath": "$.probe", "Next": "Wait"},
        "Wait": {"Type": "Wait", "Seconds": 3600, "End": true}}}
      """;
  private static final String MOCKS =
      """
      {"StateMachines": {"Vod": {"TestCases": {
         "Retried": {"Probe": "BusyThenOk"},
         "Broken": {"Probe": "AlwaysBad"}}}},
       "MockedResponses": {
         "BusyThenOk": {"0": {"Throw": {"Error": "Busy", "Cause": "later"}}, "1": {"Return": {"Payload": {"width": 1280}, "StatusCode": 200}}},
         "AlwaysBad": {"0-2": {"Throw": {"Error": "NotAVideo", "Cause": "no video stream"}}}}}
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheSucceededOutputOfAMockedRun() throws Exception {
    int exit = run("--definition", write("vod.json", DEFINITION), "--input", "{\"videoId\":\"v1\"}",
        "--mock-config", write("mocks.json", MOCKS), "--test-case", "Retried", "--fast-forward");

    assertThat(exit).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(result.get("output").toString()).isEqualTo("{\"videoId\":\"v1\",\"probe\":{\"width\":1280}}");
  }

  @Test
  void reportsAFailedExecutionWithExitZero() throws Exception {
    int exit = run("--definition", write("vod.json", DEFINITION), "--input", "@" + write("in.json", "{\"videoId\":\"v2\"}"),
        "--mock-config", write("mocks.json", MOCKS), "--test-case", "Broken", "--fast-forward");

    assertThat(exit).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()))
        .isEqualTo(new ObjectMapper().readTree("{\"status\":\"FAILED\",\"error\":\"NotAVideo\",\"cause\":\"no video stream\"}"));
  }

  @Test
  void rejectsAnInvalidDefinitionWithTheValidationMessage() throws Exception {
    int exit = run("--definition", write("bad.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}"));

    assertThat(exit).isNotZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("Invalid State Machine Definition").contains("either 'Next' or 'End'");
  }

  @Test
  void rejectsInputThatIsNotJson() throws Exception {
    int exit = run("--definition", write("vod.json", DEFINITION), "--input", "{videoId");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("invalid input");
  }

  private int run(String... args) {
    CommandLine cli = VodCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 2];
    full[0] = "states";
    full[1] = "run";
    System.arraycopy(args, 0, full, 2, args.length);
    return cli.execute(full);
  }

  private String write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text).toString();
  }
}
