package dev.svod.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerFactoryTest {

  public static final class Handler {
    final String config;
    final Clock clock;

    public Handler() {
      this("from-environment", null);
    }

    public Handler(String config, Clock clock) {
      this.config = config;
      this.clock = clock;
    }
  }

  public static final class NeedsSomethingElse {
    public NeedsSomethingElse(Thread unavailable) {}
  }

  @Test
  void picksTheRichestConstructorItCanFill() {
    Clock clock = Clock.systemUTC();
    Handler handler = new HandlerFactory(List.of("local", clock)).create(Handler.class);
    assertThat(handler.config).isEqualTo("local");
    assertThat(handler.clock).isSameAs(clock);
  }

  @Test
  void namesWhatIsMissing() {
    assertThatThrownBy(() -> new HandlerFactory(List.of()).create(NeedsSomethingElse.class))
        .hasMessageContaining("missing: (Thread)");
  }
}
