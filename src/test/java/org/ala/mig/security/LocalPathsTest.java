package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After sign-in the browser goes back where it was, and never to another site. */
class LocalPathsTest {

  @Test
  void aPathOfThisApplicationIsKept() {
    assertThat(LocalPaths.safeNext("/migs/diversity?tab=timeline")).isEqualTo("/migs/diversity?tab=timeline");
  }

  @Test
  void anythingElseGoesToTheRegistry() {
    assertThat(LocalPaths.safeNext("https://evil.example/")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("//evil.example/")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/\\evil.example")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/login?next=/login")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext(null)).isEqualTo("/registry");
  }

  @Test
  void aPathWithControlCharactersOrSpacesGoesToTheRegistry() {
    assertThat(LocalPaths.safeNext("/registry\r\nSet-Cookie: evil=1")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/council\u0000")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/outbox\t")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/migs/zoë")).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/" + "a".repeat(3000))).isEqualTo("/registry");
    assertThat(LocalPaths.safeNext("/outbox?status=FAILED&migId=diversity")).isEqualTo("/outbox?status=FAILED&migId=diversity");
  }
}
