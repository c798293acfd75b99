package org.ala.mig.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulated clock is shared through the database (table simulation_clock): a move is written
 * there, a move written by another node is followed (by the poller, by settling, at start-up),
 * never backwards, and settling does not wait for jobs that a dead node holds locked. Another node
 * is played by writing the table the way its SimulationClock would. Same context as
 * SimulationClockTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SharedSimulationClockTest {

  @LocalServerPort int port;
  @Autowired SimulationClock clock;
  @Autowired SharedClock table;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
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
  void aMoveIsWrittenForTheOtherNodes() {
    SharedClock.Stored before = table.read();
    Reply moved = http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"P2D\"}");
    Instant now = Instant.parse(moved.json().path("now").asText());

    SharedClock.Stored after = table.read();
    assertThat(after.version()).isEqualTo(before.version() + 1);
    Instant shared = Instant.now().plusMillis(after.offsetMillis());
    assertThat(Duration.between(now, shared).abs()).as("the shared now is the moved now").isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aMoveByAnotherNodeIsFollowedAndWakesTheJobs() throws InterruptedException {
    String instance = runtime.startProcessInstanceByKey("timer-check").getId();
    Instant before = clock.now();
    anotherNodeMovesTo(before.plus(Duration.ofHours(2)));

    clock.poll();
    assertThat(clock.now()).isAfterOrEqualTo(before.plus(Duration.ofHours(2)));
    assertThat(clock.settle().settled()).isTrue();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo("timerCheckDone");
  }

  @Test
  void settlingFollowsTheSharedClockFirst() throws InterruptedException {
    Instant before = clock.now();
    anotherNodeMovesTo(before.plus(Duration.ofDays(3)));

    JsonNode settled = http.postJson("/api/simulation/settle", "admin", "").json();
    assertThat(Instant.parse(settled.path("now").asText())).isAfterOrEqualTo(before.plus(Duration.ofDays(3)));
  }

  @Test
  void aStartingNodeTakesUpTheSharedClock() {
    Instant before = clock.now();
    anotherNodeMovesTo(before.plus(Duration.ofDays(10)));
    ClockUtil.reset();                                   // what a freshly started JVM has

    clock.takeUpTheSharedClock();
    assertThat(clock.now()).isAfterOrEqualTo(before.plus(Duration.ofDays(10)));
  }

  @Test
  void theSharedClockNeverMovesThisNodeBack() {
    http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"P30D\"}");
    Instant moved = clock.now();
    anotherNodeMovesTo(moved.minus(Duration.ofDays(20)));  // a node that had fallen behind

    clock.poll();
    assertThat(clock.now()).isAfterOrEqualTo(moved);
  }

  @Test
  void settlingDoesNotWaitForJobsThatADeadNodeHolds() throws InterruptedException {
    String instance = runtime.startProcessInstanceByKey("timer-check").getId();
    String job = management.createJobQuery().processInstanceId(instance).singleResult().getId();
    Instant lockedUntil = clock.now().plus(Duration.ofDays(1));
    jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = 'dead-node:1', LOCK_EXP_TIME_ = ? where ID_ = ?",
        Timestamp.from(lockedUntil), job);
    http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"PT2H\"}");

    JsonNode held = http.postJson("/api/simulation/settle", "admin", "").json();
    assertThat(held.path("settled").asBoolean()).isFalse();
    assertThat(held.path("dueJobs").asLong()).isEqualTo(1);
    assertThat(held.path("lockedElsewhere").asLong()).isEqualTo(1);
    assertThat(Instant.parse(held.path("lockedUntil").asText())).isEqualTo(lockedUntil);

    // past the lock, this node takes the job
    http.postJson("/api/simulation/clock", "admin", "{\"advance\": \"P2D\"}");
    JsonNode settled = http.postJson("/api/simulation/settle", "admin", "").json();
    assertThat(settled.path("settled").asBoolean()).as(settled.toString()).isTrue();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo("timerCheckDone");
  }

  /** What another node's SimulationClock writes when it moves the clock to {@code target}. */
  private void anotherNodeMovesTo(Instant target) {
    SharedClock.Stored stored = table.read();
    table.write(new SharedClock.Stored(target.toEpochMilli() - System.currentTimeMillis(), stored.version() + 1),
        "node-b");
  }
}
