package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The filters of Spring Security's chain are not observed one by one; the request still is. */
@MigSpringBootTest
class SecurityObservationsTest {

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @Test
  void noFilterChainObservationsButTheRequestIsMeasured() {
    HttpApi http = new HttpApi(port);
    assertThat(http.get("/engine-rest/engine", "coo1").status()).isEqualTo(200);
    assertThat(http.get("/api/me", "coo1").status()).isEqualTo(200);
    assertThat(meters.find("spring.security.filterchains").meters()).isEmpty();
    assertThat(meters.find("spring.security.filterchains.active").meters()).isEmpty();
    assertThat(meters.find("http.server.requests").meters()).isNotEmpty();
  }
}
