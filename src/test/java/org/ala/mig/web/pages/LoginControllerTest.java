package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After sign-in the browser goes back where it was, and never to another site. */
class LoginControllerTest {

  @Test
  void aPathOfThisApplicationIsKept() {
    assertThat(LoginController.safeNext("/migs/diversity?tab=timeline")).isEqualTo("/migs/diversity?tab=timeline");
  }

  @Test
  void anythingElseGoesToTheRegistry() {
    assertThat(LoginController.safeNext("https://evil.example/")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("//evil.example/")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/\\evil.example")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/login?next=/login")).isEqualTo("/registry");
    assertThat(LoginController.safeNext(null)).isEqualTo("/registry");
  }

  @Test
  void aPathWithControlCharactersOrSpacesGoesToTheRegistry() {
    assertThat(LoginController.safeNext("/registry\r\nSet-Cookie: evil=1")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/council\u0000")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/outbox\t")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/migs/zoë")).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/" + "a".repeat(3000))).isEqualTo("/registry");
    assertThat(LoginController.safeNext("/outbox?status=FAILED&migId=diversity")).isEqualTo("/outbox?status=FAILED&migId=diversity");
  }
}
