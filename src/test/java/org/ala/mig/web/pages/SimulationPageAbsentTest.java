package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without the simulation profile there is no clock page, and the navigation does not offer one. */
@MigSpringBootTest
class SimulationPageAbsentTest {

  @LocalServerPort int port;

  @Test
  void theClockPageExistsOnlyInTheSimulationProfile() {
    PageClient admin = new PageClient(port).signIn("admin", "/outbox");
    PageClient.Page outbox = admin.get("/outbox");
    assertThat(outbox.status()).isEqualTo(200);
    assertThat(outbox.html().select("nav a").eachAttr("href")).contains("/outbox").doesNotContain("/simulation");
    assertThat(admin.get("/simulation").status()).isEqualTo(404);
    assertThat(admin.postForm("/simulation/advance", Map.of("period", "P1D", "_csrf", outbox.csrf())).status())
        .isEqualTo(404);
  }
}
