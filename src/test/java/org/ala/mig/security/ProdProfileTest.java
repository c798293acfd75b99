package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ala.mig.identity.DemoUser;
import org.ala.mig.identity.IdentitySetup;
import org.ala.mig.support.HttpApi;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The prod profile started for real (on an in-memory database, with a mail host that is never
 * reached): no demo user, no demo password, only the administrator of MIG_ADMIN_PASSWORD.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"mig.admin-password=" + ProdProfileTest.PASSWORD,
        "spring.mail.host=127.0.0.1", "spring.mail.port=9",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=prod",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"prod", "test"})
class ProdProfileTest {

  static final String PASSWORD = "Quill-Harbor-Lantern-42";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired IdentitySetup setup;

  @Test
  void onlyTheAdministratorExistsAndTheDemoPasswordOpensNothing() {
    HttpApi http = new HttpApi(port);

    identity.unlockUser("admin");
    assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
    assertThat(http.send(http.request("/api/me", "admin", PASSWORD).GET().build()).status()).isEqualTo(200);
    assertThat(http.send(http.request("/api/migs", "admin", PASSWORD).GET().build()).body())
        .as("no demo MIGs").isEqualTo("[]");
    // (a wrong password locks the user for a few seconds: the administrator is tried last)
    for (DemoUser user : DemoUser.ALL) {
      assertThat(http.get("/api/me", user.id()).status()).as(user.id() + "/demo").isEqualTo(401);
    }
    identity.unlockUser("admin");
  }

  @Test
  void aDatabaseADemoRunLeftBehindIsMadeSafeOrRefused() {
    // the administrator of an earlier demo run, still with the demo password
    User admin = identity.createUserQuery().userId("admin").singleResult();
    admin.setPassword(DemoUser.PASSWORD);
    identity.saveUser(admin);
    setup.apply();
    identity.unlockUser("admin");
    assertThat(identity.checkPassword("admin", PASSWORD)).as("the administrator now has MIG_ADMIN_PASSWORD").isTrue();

    // a demo user left behind stops the start, named
    User chair = identity.newUser("chair");
    chair.setPassword(DemoUser.PASSWORD);
    identity.saveUser(chair);
    try {
      assertThatThrownBy(setup::apply).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("demo password: chair");
    } finally {
      identity.deleteUser("chair");
    }
  }
}
