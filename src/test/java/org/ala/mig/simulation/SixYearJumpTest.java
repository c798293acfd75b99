package org.ala.mig.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.reporting.CouncilReport;
import org.ala.mig.reporting.CouncilReport.MigChange;
import org.ala.mig.reporting.CouncilReport.OverdueReport;
import org.ala.mig.reporting.CouncilReportRepository;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.PageClient;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo data jumps six years in one move, as a new user did with the README's simulation, and
 * everything it then shows is true. Before the jump Diversity asks to transition (COO has not
 * decided when the jump lands) and owes an extra report due in 30 days. After it, with the job
 * executor running every timer of the six years at once, in no particular order:
 * <ul>
 *   <li>settling says settled only when no job is due and none waits for a retry;</li>
 *   <li>every other demo MIG is disbanded as not renewed, on its term's last day, having had each
 *       year's annual report opened in turn; Diversity is still active, and says that its term
 *       ended while COO considers its request;</li>
 *   <li>each COO report to Council covers exactly its own period (from the previous conference's
 *       compile day to its own), whatever order they were compiled in, with the MIGs disbanded
 *       in that period, the MIGs active and the reports overdue at its end; the chair's tasks
 *       name their conferences;</li>
 *   <li>no page and no API answer shows a date in the past as the next report due.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.process-engine-name=" + SixYearJumpTest.ENGINE,
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SixYearJumpTest {

  static final String ENGINE = "sixYearJump";
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final String DIVERSITY = "diversity";
  static final Pattern REPORT_DUE = Pattern.compile("<time class=\"report-due\" datetime=\"([0-9-]+)\"");

  @LocalServerPort int port;
  @Autowired CouncilReportRepository councilReports;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  @AfterAll
  static void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void theDemoJumpsSixYearsInOneMoveAndEveryStatusReportPeriodAndDateIsTrue() throws Exception {
    HttpApi http = new HttpApi(port);
    Instant start = now(http);
    LocalDate firstDay = LocalDate.ofInstant(start, CHICAGO);

    // given Diversity asking to transition, and owing an extra report due in 30 days
    Reply transition = http.postJson("/api/migs/" + DIVERSITY + "/transition-requests", "chair",
        "{\"targetUnit\": \"Library Leadership Round Table\", \"reason\": \"Our work belongs in a round table.\"}");
    assertThat(transition.status()).as(transition.body()).isEqualTo(202);
    Reply extra = http.postJson("/api/migs/" + DIVERSITY + "/report-requests", "chair",
        "{\"dueDate\": \"" + firstDay.plusDays(30) + "\"}");
    assertThat(extra.status()).as(extra.body()).isEqualTo(202);
    settle(http);
    Map<String, JsonNode> before = migs(http);
    assertThat(before).hasSize(7).containsKey(DIVERSITY);

    // when the clock jumps six years in one move
    Instant target = start.atOffset(ZoneOffset.UTC).plusYears(6).toInstant();
    Reply moved = http.postJson("/api/simulation/clock", "admin", "{\"setTo\": \"" + target + "\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    JsonNode settled = settle(http);

    // then settling waited for everything, retries included
    assertThat(settled.path("settled").asBoolean()).as(settled.toString()).isTrue();
    assertThat(settled.path("dueJobs").asLong()).isZero();
    assertThat(settled.path("failedJobs").asLong()).as(settled.toString()).isZero();
    LocalDate today = LocalDate.ofInstant(now(http), CHICAGO);

    // every MIG is in the status its story implies, and shows no past date as next
    Map<String, JsonNode> after = migs(http);
    for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
      String id = entry.getKey();
      LocalDate termEnd = LocalDate.parse(entry.getValue().path("termEnd").asText());
      JsonNode mig = after.get(id);
      if (mig.hasNonNull("nextAnnualReportDue")) {
        assertThat(LocalDate.parse(mig.path("nextAnnualReportDue").asText())).as(id).isAfterOrEqualTo(today);
      }
      if (id.equals(DIVERSITY)) {
        assertThat(mig.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(mig.path("termEndedOn").asText()).isEqualTo(termEnd.toString());
        assertThat(mig.path("awaitingDecision").asText()).isEqualTo("its request to transition");
        assertThat(mig.has("nextAnnualReportDue")).as("no report falls due after its term").isFalse();
        assertThat(mig.path("reportOverdueSince").asText()).isEqualTo(firstDay.plusDays(30).toString());
        continue;
      }
      assertThat(mig.path("status").asText()).as(id).isEqualTo("DISBANDED");
      assertThat(mig.path("disbandReason").asText()).as(id).isEqualTo("NOT_RENEWED");
      assertThat(mig.has("termEndedOn")).as(id).isFalse();
      assertThat(jdbc.queryForObject("select ended_on from mig where id = ?", LocalDate.class, id))
          .as(id + " ended on its term's last day, not on the day the jump landed").isEqualTo(termEnd);
      // each year's report opened in turn, none skipped
      List<Integer> years = jdbc.queryForList(
          "select report_year from annual_report where mig_id = ? and not extra order by report_year", Integer.class, id);
      assertThat(years).as(id).isNotEmpty();
      for (int i = 1; i < years.size(); i++) {
        assertThat(years.get(i)).as(id + " reports " + years).isEqualTo(years.get(i - 1) + 1);
      }
      assertThat(years.get(years.size() - 1)).as(id + " the last report falls due within a year of its term's end")
          .isBetween(termEnd.getYear(), termEnd.getYear() + 1);
    }

    // each report to Council covers its own period, with what happened in it
    List<String> conferences = jdbc.queryForList(
        "select conference_id from council_report order by conference_start, conference_id", String.class);
    assertThat(conferences).hasSizeGreaterThanOrEqualTo(4);
    MailFormats fmt = new MailFormats(CHICAGO);
    Instant previousEnd = null;
    int overdueListed = 0;
    Set<String> taskNames = new HashSet<>();
    for (String conferenceId : conferences) {
      CouncilReport report = councilReports.find(conferenceId).orElseThrow();
      LocalDate endDay = report.conferenceStart().minusDays(14);
      assertThat(report.status()).as(conferenceId).isEqualTo(CouncilReport.DRAFT);
      assertThat(report.periodEnd()).as(conferenceId).isEqualTo(endDay.atStartOfDay(CHICAGO).toInstant());
      assertThat(report.periodStart()).as(conferenceId).isEqualTo(previousEnd);
      LocalDate startDay = previousEnd == null ? null : LocalDate.ofInstant(previousEnd, CHICAGO);
      previousEnd = report.periodEnd();

      List<String> disbandedThen = new ArrayList<>();
      int activeThen = 0;
      for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
        LocalDate termEnd = LocalDate.parse(entry.getValue().path("termEnd").asText());
        boolean ended = !entry.getKey().equals(DIVERSITY);
        if (ended && !termEnd.isBefore(startDay == null ? LocalDate.MIN : startDay) && termEnd.isBefore(endDay)) {
          disbandedThen.add(entry.getKey());
        }
        if (!ended || !termEnd.isBefore(endDay)) {
          activeThen++;
        }
      }
      assertThat(report.content().disbanded()).extracting(MigChange::migId).as(conferenceId)
          .containsExactlyInAnyOrderElementsOf(disbandedThen);
      assertThat(report.content().activeMigs()).as(conferenceId).isEqualTo(activeThen);
      assertThat(report.content().decisions()).as(conferenceId).isEmpty();

      // the reports overdue at the period's end: due before it, of a MIG still active then (none was submitted)
      List<String> overdueThen = jdbc.queryForList("""
          select r.id from annual_report r join mig m on m.id = r.mig_id
          where r.due_date < ? and (m.ended_on is null or m.ended_on >= ?)""", String.class, endDay, endDay);
      assertThat(report.content().overdueReports()).extracting(OverdueReport::reportId).as(conferenceId)
          .containsExactlyInAnyOrderElementsOf(overdueThen);
      overdueListed += overdueThen.size();

      Task task = tasks.createTaskQuery().processInstanceBusinessKey(conferenceId).singleResult();
      assertThat(task.getName()).isEqualTo("Submit the COO report: " + report.conferenceName());
      taskNames.add(task.getName());
    }
    assertThat(overdueListed).as("some report lists overdue annual reports").isPositive();
    assertThat(taskNames).as("the chair tells the reports apart").hasSize(conferences.size());

    // and no page shows a past date as the next report due; Diversity's says where it stands
    PageClient chair = new PageClient(port).signedInAs("chair");
    List<String> pages = new ArrayList<>(List.of("/registry", "/registry?status=ALL"));
    before.keySet().forEach(id -> pages.add("/migs/" + id));
    for (String path : pages) {
      String body = chair.get(path).body();
      Matcher due = REPORT_DUE.matcher(body);
      while (due.find()) {
        assertThat(LocalDate.parse(due.group(1))).as(path).isAfterOrEqualTo(today);
      }
    }
    String diversity = chair.get("/migs/" + DIVERSITY).body();
    assertThat(diversity).contains("The term ended on", "the MIG goes on while COO considers",
        "its request to transition", "class=\"report-overdue\"");
  }

  private static Instant now(HttpApi http) {
    Reply clock = http.get("/api/simulation/clock", "admin");
    assertThat(clock.status()).isEqualTo(200);
    return Instant.parse(clock.json().path("now").asText());
  }

  /** Settles, again while not settled (60 s each), at most five times. */
  private static JsonNode settle(HttpApi http) {
    JsonNode reply = null;
    for (int i = 0; i < 5; i++) {
      Reply settled = http.post("/api/simulation/settle", "admin", "application/json", "");
      assertThat(settled.status()).as(settled.body()).isEqualTo(200);
      reply = settled.json();
      if (reply.path("settled").asBoolean()) {
        break;
      }
    }
    return reply;
  }

  private static Map<String, JsonNode> migs(HttpApi http) {
    Reply listed = http.get("/api/migs?status=ALL", "chair");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    listed.json().forEach(m -> byId.put(m.path("id").asText(), m));
    return byId;
  }
}
