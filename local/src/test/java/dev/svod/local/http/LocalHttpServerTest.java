package dev.svod.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalHttpServerTest {

  @Test
  void aServerClosedBeforeItServedFreesItsPort() {
    // Given a server bound to a port while the runtime behind it is still being built
    LocalHttpServer bound = LocalHttpServer.bind("127.0.0.1", 0);
    int port = bound.port();

    // When the start fails and the server is closed without ever serving
    bound.close();

    // Then the port can be bound again (the next start on the same --port)
    try (LocalHttpServer again = LocalHttpServer.bind("127.0.0.1", port)) {
      assertThat(again.port()).isEqualTo(port);
    }
  }
}
