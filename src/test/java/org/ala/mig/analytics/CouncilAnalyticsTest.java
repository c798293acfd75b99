package org.ala.mig.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.ala.mig.lifecycle.ExistingMigRequest;
import org.ala.mig.lifecycle.RegistryService;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Council's analytics on a known history, built on the real services, models and database with
 * the engine clock moved from 2027 to the end of 2029: every figure of the API and of the page is
 * checked against what happened. The context has no demo MIGs (mig.demo.migs=false), so that the
 * figures are this history's only.
 *
 * <p>The history: Gamma, active since 2022 and brought under management in 2027 with a term that
 * ends on 2028-02-29, sends its 2027 report on time and is disbanded when that term runs out;
 * Delta, brought under management in January 2027, moves to a round table in June 2027; Alpha
 * petitions in January 2027, is established 10 days later, sends its 2027 report four days late,
 * never sends the 2028 one, sends 2029's on time and is renewed 20 days after it re-petitions;
 * Beta petitions with Alpha and is not established 30 days later.
 */
@MigSpringBootTest
@TestPropertySource(properties = {"mig.demo.migs=false",
    // another engine may be alive in this JVM (the other tests' context)
    "camunda.bpm.process-engine-name=analytics",
    "camunda.bpm.generate-unique-process-application-name=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CouncilAnalyticsTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @LocalServerPort int port;
  @Autowired RegistryService registry;
  @Autowired MigRepository migs;
  @Autowired DeadlineCalendar calendar;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  HttpApi http;
  final List<String> mine = new ArrayList<>();
  String alpha;
  String beta;
  String gamma;
  String delta;

  @BeforeAll
  void liveThreeYears() {
    http = new HttpApi(port);
    at(LocalDate.of(2027, 1, 11));
    gamma = registry.bringUnderManagement(new ExistingMigRequest("Gamma Analytics", "To be counted since 2022.",
        LocalDate.of(2025, 3, 1), null, new StaffLiaison("Lee Liaison", "lee@ala.example"), organizers(),
        LocalDate.of(2022, 3, 1))).id();
    delta = registry.bringUnderManagement(new ExistingMigRequest("Delta Analytics", "To move to a round table.",
        LocalDate.of(2027, 1, 11), null, new StaffLiaison("Lee Liaison", "lee@ala.example"), organizers(), null)).id();
    mine.add(gamma);
    mine.add(delta);
    String alphaPetition = petition("Alpha Analytics");
    String betaPetition = petition("Beta Analytics");
    alpha = migs.list(null).stream().filter(m -> m.name().equals("Alpha Analytics")).findFirst().orElseThrow().id();
    beta = migs.list(null).stream().filter(m -> m.name().equals("Beta Analytics")).findFirst().orElseThrow().id();
    mine.add(alpha);
    mine.add(beta);

    runUntil(LocalDate.of(2027, 1, 21));
    decide(alphaPetition, true);                       // 10 days
    runUntil(LocalDate.of(2027, 2, 10));
    decide(betaPetition, false);                       // 30 days

    runUntil(LocalDate.of(2027, 6, 15));
    Reply transition = http.postJson("/api/migs/" + delta + "/transition-requests", "liaison1",
        "{\"targetUnit\": \"Maker Round Table\", \"reason\": \"We grew.\"}");
    assertThat(transition.status()).as(transition.body()).isEqualTo(202);
    runUntil(LocalDate.of(2027, 6, 15));
    complete(lifecycle(delta), "decideTransition", Map.of("transitionApproved", true, "decisionRationale", "A round table fits."));
    runUntil(LocalDate.of(2027, 6, 15));
    assertThat(migs.get(delta).status()).isEqualTo(MigStatus.TRANSITIONED);

    runUntil(LocalDate.of(2027, 7, 20));
    report(gamma, 2027);                               // on time
    runUntil(LocalDate.of(2027, 8, 5));
    report(alpha, 2027);                               // four days late

    runUntil(LocalDate.of(2028, 3, 5));
    assertThat(migs.get(gamma).status()).isEqualTo(MigStatus.DISBANDED);
    runUntil(LocalDate.of(2029, 7, 20));               // nothing sent for 2028
    report(alpha, 2029);                               // on time

    runUntil(LocalDate.of(2029, 11, 1));
    String renewal = renewal(alpha);
    runUntil(LocalDate.of(2029, 11, 21));
    decide(renewal, true);                             // 20 days
    runUntil(LocalDate.of(2029, 12, 1));
    assertThat(migs.get(alpha).termEnd()).isEqualTo(LocalDate.of(2033, 1, 20));
  }

  @AfterAll
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theApiCountsEveryFigureOfTheHistory() {
    Reply reply = http.get("/api/council/analytics", "council1");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode a = reply.json();

    // Gamma 2022-2028 (active on 2028-02-29, its last day), Delta 2027, Alpha 2027-2029
    assertThat(pairs(a.path("activeMigsByYear"), "year", "count")).containsExactly(
        "2022=1", "2023=1", "2024=1", "2025=1", "2026=1", "2027=3", "2028=2", "2029=1");
    // 10, 30 and 20 days
    assertThat(a.path("daysToDecision").path("median").asDouble()).isEqualTo(20.0);
    assertThat(a.path("daysToDecision").path("p90").asInt()).isEqualTo(30);
    assertThat(pairs(a.path("daysToDecisionByYear"), "year", "median")).containsExactly("2027=20.0", "2029=20.0");
    assertThat(pairs(a.path("daysToDecisionByYear"), "year", "p90")).containsExactly("2027=30", "2029=20");
    // 2027: Gamma on time, Alpha late, Delta's not owed (it had moved on); 2028: Alpha's missing, Gamma's
    // not owed (disbanded in February); 2029: Alpha on time; 2030's is not due yet
    assertThat(pairs(a.path("reportsOnTime"), "year", "onTime")).containsExactly("2027=1", "2028=0", "2029=1");
    assertThat(pairs(a.path("reportsOnTime"), "year", "late")).containsExactly("2027=1", "2028=0", "2029=0");
    assertThat(pairs(a.path("reportsOnTime"), "year", "missing")).containsExactly("2027=0", "2028=1", "2029=0");
    JsonNode outcomes = a.path("outcomes");
    assertThat(outcomes.path("established").asInt()).isEqualTo(3);
    assertThat(outcomes.path("renewed").asInt()).isEqualTo(1);
    assertThat(outcomes.path("disbanded").asInt()).isEqualTo(1);
    assertThat(outcomes.path("transitioned").asInt()).isEqualTo(1);
    assertThat(outcomes.path("notEstablished").asInt()).isEqualTo(1);
  }

  @Test
  void thePageShowsTheSameFiguresInItsTables() {
    Document page = new PageClient(port).signIn("chair", "/council/analytics").get("/council/analytics").html();
    assertThat(page.select("#table-active tbody tr").eachText()).containsExactly(
        "2022 1", "2023 1", "2024 1", "2025 1", "2026 1", "2027 3", "2028 2", "2029 1");
    assertThat(page.getElementById("decision-summary").text())
        .contains("Over all 3 decided petitions", "within 20.0 days", "within 30 days");
    assertThat(page.select("#table-decision tbody tr").eachText()).containsExactly("2027 2 20.0 30", "2029 1 20.0 20");
    assertThat(page.select("#table-reports tbody tr").eachText()).containsExactly("2027 1 1 0", "2028 0 0 1", "2029 1 0 0");
    assertThat(page.select("#table-outcomes tbody tr").eachText()).containsExactly(
        "Established 3", "Renewed 1", "Disbanded 1", "Transitioned 1", "Not established 1");
    assertThat(page.getElementById("as-of").text()).isEqualTo("December 1, 2029");
    assertThat(page.select("script[src]").eachAttr("src")).anyMatch(src -> src.matches("/webjars/echarts/[0-9.]+/dist/echarts.min.js"))
        .contains("/js/council-analytics.js");
  }

  @Test
  void onlyCouncilAndCooReadThem() {
    assertThat(http.get("/api/council/analytics", "coo1").status()).isEqualTo(200);
    assertThat(http.get("/api/council/analytics", "mps1").status()).isEqualTo(403);
    assertThat(new PageClient(port).signIn("mps1", "/registry").get("/council/analytics").status()).isEqualTo(403);
  }

  // --- the history's tools ----------------------------------------------------------------------

  private static List<OrganizerInput> organizers() {
    return List.of(new OrganizerInput("Ana Núñez", "ana@lib.example", "1 Main St, Springfield"));
  }

  private static List<String> pairs(JsonNode array, String key, String value) {
    List<String> pairs = new ArrayList<>();
    array.forEach(node -> pairs.add(node.path(key).asText() + "=" + node.path(value).asText()));
    return pairs;
  }

  private void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(CHICAGO).toInstant()));
  }

  /** An ESTABLISH petition with 100 signatures, entered by MPS today; returns its process instance. */
  private String petition(String name) {
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().path("processInstanceId").asText();
  }

  private String renewal(String migId) {
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.renew(migId, PetitionJson.signatures(jdbc, 100))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().path("processInstanceId").asText();
  }

  /** MPS confirms the signatures and COO decides today. */
  private void decide(String petition, boolean approved) {
    ManagedMigs.runDueJobs(management, petition);
    if (tasks.createTaskQuery().processInstanceId(petition).taskDefinitionKey("verifySignatures").count() > 0) {
      complete(petition, "verifySignatures", Map.of("validSignatureCount", 100L));
    }
    complete(petition, "cooDecision", approved
        ? Map.of("approved", true, "noOverlapConfirmed", true)
        : Map.of("approved", false, "decisionRationale", "A section does this work."));
    ManagedMigs.runDueJobs(management, petition);
  }

  private void report(String migId, int year) {
    Reply reply = http.postJson("/api/migs/" + migId + "/annual-reports", "liaison1",
        "{\"year\": " + year + ", \"activities\": \"A meeting at Annual.\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  private void complete(String instance, String key, Map<String, Object> outputs) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    tasks.complete(task.getId(), outputs);
  }

  private String lifecycle(String migId) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(migId)
        .processDefinitionKey("mig-lifecycle").singleResult().getId();
  }

  /** Runs these MIGs' jobs in due order, moving the engine clock to each, until 10:00 on {@code day}. */
  private void runUntil(LocalDate day) {
    ManagedMigs.runUntil(management, runtime, mine, day.atTime(10, 0).atZone(CHICAGO).toInstant());
  }

}
