package dev.svod.states.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svod.states.StatesFailure;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  @Test
  void resultPathCreatesMissingObjectsWithoutTouchingTheInput() {
    var input = Json.parse("{\"a\": {\"keep\": 1}}");

    var output = JsonPaths.set(input, "$.a.b.c", Json.parse("2"));

    assertThat(Json.write(output)).isEqualTo("{\"a\":{\"keep\":1,\"b\":{\"c\":2}}}");
    assertThat(Json.write(input)).isEqualTo("{\"a\":{\"keep\":1}}");
  }

  @Test
  void resultPathIntoAScalarIsAResultPathMatchFailure() {
    assertThatThrownBy(() -> JsonPaths.set(Json.parse("{\"a\": \"text\"}"), "$.a.b", Json.parse("1")))
        .isInstanceOfSatisfying(StatesFailure.class, f -> assertThat(f.error()).isEqualTo("States.ResultPathMatchFailure"));
    assertThatThrownBy(() -> JsonPaths.set(Json.parse("[1]"), "$.a", Json.parse("1")))
        .isInstanceOfSatisfying(StatesFailure.class, f -> assertThat(f.error()).isEqualTo("States.ResultPathMatchFailure"));
  }

  @Test
  void readsMissingDefinitePathsAsFailuresAndIndefiniteOnesAsEmpty() {
    var doc = Json.parse("{\"items\": [{\"v\": 1}, {\"v\": 2}]}");

    assertThat(Json.write(JsonPaths.read(doc, "$.items[*].v"))).isEqualTo("[1,2]");
    assertThat(Json.write(JsonPaths.read(doc, "$.missing[*]"))).isEqualTo("[]");
    assertThatThrownBy(() -> JsonPaths.read(doc, "$.missing"))
        .isInstanceOf(PathNotFoundFailure.class)
        .hasMessage("Invalid path '$.missing' : No results for path: $['missing']");
  }

  @Test
  void namesWhatIsWrongWithAPath() {
    assertThat(JsonPaths.problem("$.a[0].b")).isNull();
    assertThat(JsonPaths.problem("$$.Execution.Id")).isNull();
    assertThat(JsonPaths.problem("$myVariable.field")).isNull();
    assertThat(JsonPaths.problem("a.b")).isNotNull();
    assertThat(JsonPaths.problem("$.a[1")).isNotNull();
    assertThat(JsonPaths.problem("$.")).contains("must not end");
    assertThat(JsonPaths.referencePathProblem("$.a[*]")).isNotNull();
  }
}
