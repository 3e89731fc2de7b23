package dev.svod.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void newIdsAreLettersAndDigitsSoNoCommandLineReadsThemAsOptions() {
    // Given many fresh ids (base64url ids started with '-' once in 64)
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.newId());
    }

    // Then each is 22 letters or digits, and none repeats
    assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[A-Za-z0-9]{22}"));
  }

  @Test
  void newIdsAreValidIdsAndOlderBase64UrlIdsStillAre() {
    assertThat(Ids.requireValid(Ids.newId(), "video")).hasSize(22);
    assertThat(Ids.requireValid("-Xc_9aZ0bQ1rT2uV3wY4z5", "video")).startsWith("-");
  }

  @Test
  void rejectsIdsThatCouldEscapeAKeyOrPath() {
    assertThatThrownBy(() -> Ids.requireValid("../other", "video"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("video id is malformed");
  }
}
