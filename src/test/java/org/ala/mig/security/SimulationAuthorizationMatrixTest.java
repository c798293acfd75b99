package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulation profile's clock, its API and its page: administrators only, never a link session
 * (an organizer of one MIG, of another, a roster member). The same context as the other simulation
 * tests; the rest of the matrix is {@link AuthorizationMatrixTest}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SimulationAuthorizationMatrixTest {

  static final String MATRIX = """
      # request                                              anonymous chair coo1 mps1 confsvc1 liaison1 barc1 council1 admin organizerA organizerB member
      GET    /api/simulation/clock                                 401  403  403  403  403  403  403  403  200   403  403  403
      POST   /api/simulation/clock <oneMinute>                     401  403  403  403  403  403  403  403  200   403  403  403
      POST   /api/simulation/settle                                401  403  403  403  403  403  403  403  200   403  403  403
      GET    /simulation                                           login 403 403  403  403  403  403  403  200   403  403  403
      """;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void onlyAdministratorsMoveTheClock() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String organizerA = "sim.organizer.a." + suffix + "@lib.example";
    String organizerB = "sim.organizer.b." + suffix + "@lib.example";
    String member = "sim.member." + suffix + "@lib.example";
    HttpApi http = new HttpApi(port);
    manage(http, "Simulation Matrix A " + suffix, organizerA);
    manage(http, "Simulation Matrix B " + suffix, organizerB);
    Reply roster = http.post("/api/roster", "mps1", "text/csv", "member_id,name,email,good_standing_through\n"
        + "SMX" + suffix + ",Simulation Member," + member + "," + LocalDate.now(clock).plusYears(1) + "\n");
    assertThat(roster.status()).as(roster.body()).isEqualTo(200);
    AccessMatrix.Callers callers = new AccessMatrix.Callers(port)
        .withLinkSession("organizerA", LinkBrowser.signIn(port, jdbc, organizerA))
        .withLinkSession("organizerB", LinkBrowser.signIn(port, jdbc, organizerB))
        .withLinkSession("member", LinkBrowser.signIn(port, jdbc, member));

    AccessMatrix matrix = new AccessMatrix(MATRIX, Map.of("oneMinute", user -> "{\"advance\": \"PT1M\"}"),
        Map.of("personal", (user, body) -> AuthorizationMatrixTest.showsPersonalData(body)));
    List<String> differences = matrix.differences(callers, (name, user) -> {
      throw new IllegalArgumentException("no fixture {" + name + "}");
    });
    System.out.printf("Simulation matrix: %d requests x %d callers = %d cells%n",
        matrix.rows.size(), matrix.users.size(), matrix.cells());
    assertThat(differences).as("%d of %d cells differ:%n%s", differences.size(), matrix.cells(),
        String.join("\n", differences)).isEmpty();
  }

  /** POST /api/migs as chair: an active MIG with this one organizer. */
  private void manage(HttpApi http, String name, String organizer) {
    Reply reply = http.postJson("/api/migs", "chair", """
        {"name": "%s", "statementOfPurpose": "To test who may move the simulation's clock.",
         "termStart": "%s", "staffLiaison": {"name": "Lee Liaison", "email": "lee@ala.example"},
         "organizers": [{"name": "Sim Organizer", "email": "%s", "address": "3 Clock Rd, Simtown"}]}"""
        .formatted(name, LocalDate.now(clock).minusYears(1), organizer));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }
}
