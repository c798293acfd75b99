package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Camunda Admin's first-run setup is closed in every profile and at every moment, also before the
 * application has created a single user (the window of the demo's first start), without asking
 * the engine anything.
 */
class AdminSetupGuardTest {

  @Test
  void theFirstRunSetupIsRefusedEvenWhenNoUserExistsYet() throws Exception {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/camunda/api/admin/setup/default/user/create");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    new AdminSetupGuard().doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentAsString()).contains("first-run setup is closed");
    assertThat(chain.getRequest()).as("the webapps never see the request").isNull();
  }

  @Test
  void everythingElsePasses() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/api/admin/auth/user/default");
    MockFilterChain chain = new MockFilterChain();

    new AdminSetupGuard().doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isSameAs(request);
  }
}
