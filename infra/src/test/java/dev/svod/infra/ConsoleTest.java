package dev.svod.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTest {

  @Test
  void aCognitoIssuerAlsoOpensItsHostedUiDomainsWhereTheTokenEndpointIs() {
    assertThat(Console.signInOrigins("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"))
        .containsExactly("https://cognito-idp.eu-west-1.amazonaws.com",
            "https://*.auth.eu-west-1.amazoncognito.com");
  }

  @Test
  void anotherIssuerOpensOnlyItsOwnOrigin() {
    assertThat(Console.signInOrigins("https://login.example.com:8443/realms/vod/"))
        .containsExactly("https://login.example.com:8443");
  }
}
