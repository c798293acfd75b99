package org.ala.mig.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The simulation profile moves the engine clock and what fell due runs by itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SimulationClockTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void movingTheClockFiresTheTimersThatFellDue() {
    String instance = runtime.startProcessInstanceByKey("timer-check").getId();
    Reply moved = http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"PT2H\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    Reply settled = http.postJson("/api/simulation/settle", "admin", "");
    assertThat(settled.json().path("settled").asBoolean()).isTrue();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo("timerCheckDone");
  }

  @Test
  void theClockMovesForwardByAPeriodOrToAnInstant() {
    Instant before = Instant.parse(http.get("/api/simulation/clock", "admin").json().path("now").asText());
    Reply advanced = http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"P30D\"}");
    assertThat(advanced.json().path("movedBy").asText()).isEqualTo("PT720H");
    Instant after = Instant.parse(advanced.json().path("now").asText());
    // the engine clock keeps running after a move: allow the moments between the calls
    assertThat(Duration.between(before, after)).isBetween(Duration.ofDays(30), Duration.ofDays(30).plusSeconds(5));

    Instant target = after.plus(Duration.ofDays(400));
    Reply set = http.postJson("/api/simulation/clock", "admin", "{\"setTo\": \"" + target + "\"}");
    assertThat(Instant.parse(set.json().path("now").asText())).isEqualTo(target);
    assertThat(Instant.parse(http.get("/api/simulation/clock", "admin").json().path("now").asText()))
        .isBetween(target, target.plusSeconds(5));
  }

  @Test
  void theClockKeepsRunningAfterAMove() throws InterruptedException {
    http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"P1D\"}");
    Instant first = Instant.parse(http.get("/api/simulation/clock", "admin").json().path("now").asText());
    Thread.sleep(50);
    Instant second = Instant.parse(http.get("/api/simulation/clock", "admin").json().path("now").asText());
    assertThat(second).isAfterOrEqualTo(first.plusMillis(50));
  }

  @Test
  void badMovesAreRefusedWithTheField() {
    assertError("{}", "advance");
    assertError("{\"advance\": \"P1D\", \"setTo\": \"2030-01-01T00:00:00Z\"}", "setTo");
    assertError("{\"advance\": \"thirty days\"}", "advance");
    assertError("{\"advance\": \"P-3D\"}", "advance");
    assertError("{\"advance\": \"P30Y\"}", "advance");
    assertError("{\"setTo\": \"2001-01-01T00:00:00Z\"}", "setTo");
    assertError("{\"setTo\": \"tomorrow\"}", "setTo");
  }

  @Test
  void onlyAdministratorsMoveTheClock() {
    assertThat(http.get("/api/simulation/clock", null).status()).isEqualTo(401);
    assertThat(http.postJson("/api/simulation/clock", "chair", "{\"advance\": \"P1D\"}").status()).isEqualTo(403);
  }

  private void assertError(String body, String field) {
    Reply reply = http.postJson("/api/simulation/clock", "admin", body);
    assertThat(reply.status()).as(body).isEqualTo(400);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).as(body).isEqualTo(field);
  }
}
