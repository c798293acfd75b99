package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulation profile's clock, its API and its page: administrators only. The same context as
 * the other simulation tests; the rest of the matrix is {@link AuthorizationMatrixTest}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SimulationAuthorizationMatrixTest {

  static final String MATRIX = """
      # request                                              anonymous chair coo1 mps1 confsvc1 liaison1 barc1 council1 admin
      GET    /api/simulation/clock                                 401  403  403  403  403  403  403  403  200
      POST   /api/simulation/clock <oneMinute>                     401  403  403  403  403  403  403  403  200
      POST   /api/simulation/settle                                401  403  403  403  403  403  403  403  200
      GET    /simulation                                           login 403 403  403  403  403  403  403  200
      """;

  @LocalServerPort int port;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void onlyAdministratorsMoveTheClock() {
    AccessMatrix matrix = new AccessMatrix(MATRIX, Map.of("oneMinute", user -> "{\"advance\": \"PT1M\"}"),
        Map.of("personal", AuthorizationMatrixTest::showsPersonalData));
    List<String> differences = matrix.differences(new AccessMatrix.Callers(port), (name, user) -> {
      throw new IllegalArgumentException("no fixture {" + name + "}");
    });
    System.out.printf("Simulation matrix: %d cells%n", matrix.cells());
    assertThat(differences).as("%d of %d cells differ:%n%s", differences.size(), matrix.cells(),
        String.join("\n", differences)).isEmpty();
  }
}
