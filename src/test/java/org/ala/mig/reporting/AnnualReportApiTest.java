package org.ala.mig.reporting;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A MIG's reports to COO through the application: {@code POST /api/migs/{id}/annual-reports}
 * and {@code POST /api/migs/{id}/report-requests} with every answer, the report's process
 * (reminders, overdue notice, COO's review) run against the real services with the engine clock
 * moved by the test.
 *
 * <p>The clock stands at Monday, November 23, 2026, 09:00 in Chicago, unless a test moves it. The
 * test MIGs' terms started on January 10, 2025, so each owes the report due August 1, 2027 once
 * its lifecycle has opened it; tests of extra reports leave it unopened, so that a report for
 * 2027 can only be the extra one.
 */
@MigSpringBootTest
class AnnualReportApiTest {

  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  static final LocalDate TERM_START = LocalDate.of(2025, 1, 10);
  /** An extra report's due date; its reminders straddle the switch to daylight-saving time. */
  static final LocalDate EXTRA_DUE = LocalDate.of(2027, 3, 25);
  static final String COO_CHAIR = "coo-chair@ala.org";
  static final String REPORT = "{\"year\": 2027, \"activities\": \"Two webinars and a meetup at Annual.\"}";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired MailOutbox outbox;
  @Autowired AnnualReportRepository reports;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void clockAndClient() {
    ManagedMigs.clockAt(NOW);
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------
  // POST /api/migs/{id}/annual-reports

  @Test
  void aReportOnTimeGoesToCooForReview() {
    // given a MIG whose report for 2027 is awaited
    Managed mig = managedWithYearlyReport("On Time");
    String process = migs.reportProcess(mig.id() + ":2027");

    // when its staff liaison submits it
    Reply reply = submit(mig.id(), "liaison1", REPORT);

    // then it is stored as received on time
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("reportId").asText()).isEqualTo(mig.id() + ":2027");
    assertThat(reply.json().path("late").isBoolean()).isTrue();
    assertThat(reply.json().path("late").asBoolean()).isFalse();
    AnnualReport stored = reports.find(mig.id() + ":2027").orElseThrow();
    assertThat(stored.status()).isEqualTo("RECEIVED");
    assertThat(stored.activities()).isEqualTo("Two webinars and a meetup at Annual.");
    assertThat(stored.submittedBy()).isEqualTo("liaison1");
    assertThat(stored.submittedAt()).isEqualTo(NOW);

    // and, once its process goes on, COO has a task to review it, knowing it came on time
    migs.runDueJobs(process);
    Task review = task(process, "reviewAnnualReport");
    assertThat(candidateGroups(review)).containsExactly("coo");
    assertThat(tasks.getVariable(review.getId(), "submittedLate")).isEqualTo(false);
    assertThat(tasks.getVariable(review.getId(), "activities")).isEqualTo("Two webinars and a meetup at Annual.");
  }

  @Test
  void theSameReportSubmittedTwiceIs409() {
    // given a report submitted
    Managed mig = managedWithYearlyReport("Twice");
    assertThat(submit(mig.id(), "mps1", REPORT).status()).isEqualTo(202);

    // when it is submitted again, then no report is awaited any more and the first is kept
    Reply again = submit(mig.id(), "mps1", "{\"year\": 2027, \"activities\": \"Something else.\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText())
        .isEqualTo("No report of MIG '" + mig.id() + "' for 2027 is awaited");
    assertThat(reports.find(mig.id() + ":2027").orElseThrow().activities())
        .isEqualTo("Two webinars and a meetup at Annual.");
  }

  @Test
  void anExtraReportIsChosenByItsDueDateWhileTheYearlyOneIsAwaitedToo() {
    // given a MIG that owes its yearly report and an extra one, both in 2027
    Managed mig = managedWithYearlyReport("Both Owed");
    requestExtra(mig);

    // when the extra report is submitted with its due date, and one with a due date of another year
    Reply wrongYear = submit(mig.id(), "mps1", "{\"year\": 2027, \"dueDate\": \"2028-03-25\", \"activities\": \"x\"}");
    Reply reply = submit(mig.id(), "mps1", "{\"year\": 2027, \"dueDate\": \"" + EXTRA_DUE + "\", \"activities\": \"Spring update.\"}");

    // then the extra report is received and the yearly one still awaited
    assertThat(wrongYear.status()).isEqualTo(400);
    assertThat(errors(wrongYear)).containsExactly("dueDate: must fall in the report's year 2027, got 2028-03-25");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("reportId").asText()).isEqualTo(mig.id() + ":" + EXTRA_DUE);
    assertThat(reports.find(mig.id() + ":" + EXTRA_DUE).orElseThrow().status()).isEqualTo("RECEIVED");
    assertThat(reports.find(mig.id() + ":2027").orElseThrow().status()).isEqualTo("AWAITED");
  }

  @Test
  void aReportForAYearNotAwaitedIs409() {
    Managed mig = managedWithYearlyReport("Ahead Of Time");

    Reply reply = submit(mig.id(), "chair", "{\"year\": 2030, \"activities\": \"Plans.\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().path("message").asText())
        .isEqualTo("No report of MIG '" + mig.id() + "' for 2030 is awaited");
    assertThat(reports.find(mig.id() + ":2027").orElseThrow().status()).isEqualTo("AWAITED");
  }

  @Test
  void aReportNamesEachProblemWith400AndIsNotStored() {
    Managed mig = managedWithYearlyReport("Sloppy");

    assertThat(errors(submit(mig.id(), "mps1", "{\"activities\": \"Webinars.\"}")))
        .containsExactly("year: required: the year the report is for");
    assertThat(errors(submit(mig.id(), "mps1", "{\"year\": \"abc\", \"activities\": \"Webinars.\"}")))
        .containsExactly("year: expected Integer, got the text \"abc\"");
    assertThat(errors(submit(mig.id(), "mps1", "{\"year\": 2027}")))
        .containsExactly("activities: required: what the MIG did");
    assertThat(errors(submit(mig.id(), "mps1", "{\"year\": 2027, \"activities\": \"  \"}")))
        .containsExactly("activities: required: what the MIG did");
    assertThat(errors(submit(mig.id(), "mps1",
        "{\"year\": 2027, \"activities\": \"" + "x".repeat(20_001) + "\"}")))
        .containsExactly("activities: at most 20000 characters, got 20001");
    assertThat(errors(submit(mig.id(), "mps1", ""))).containsExactly("body: required: a report as JSON: {year, activities} (and dueDate for an extra report)");

    assertThat(reports.find(mig.id() + ":2027").orElseThrow().status()).isEqualTo("AWAITED");
  }

  @Test
  void aReportOf20000CharactersIsStoredWholeAndShortenedForTheReviewTask() {
    // given a MIG whose report for 2027 is awaited
    Managed mig = managedWithYearlyReport("Verbose");
    String process = migs.reportProcess(mig.id() + ":2027");
    String activities = "We met. ".repeat(2_500);

    // when the longest report allowed arrives
    Reply reply = submit(mig.id(), "mps1", "{\"year\": 2027, \"activities\": \"" + activities + "\"}");

    // then it is stored whole, and COO's task shows as much as the engine can hold, saying so
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reports.find(mig.id() + ":2027").orElseThrow().activities()).isEqualTo(activities.strip());
    migs.runDueJobs(process);
    String shown = (String) tasks.getVariable(task(process, "reviewAnnualReport").getId(), "activities");
    assertThat(shown).hasSize(4000).startsWith("We met. We met.")
        .endsWith("the full report has 19999 characters and is stored with report " + mig.id() + ":2027.]");
  }

  @Test
  void onlySignedInCooMemberProgramsAndHqStaffSubmitReports() {
    Managed mig = managedWithYearlyReport("Gatekept");

    assertThat(submit(mig.id(), null, REPORT).status()).isEqualTo(401);
    Reply council = submit(mig.id(), "council1", REPORT);
    assertThat(council.status()).isEqualTo(403);
    assertThat(council.json().path("message").asText())
        .isEqualTo("User 'council1' is not a member of coo or member-programs or hq-staff");
    assertThat(submit(mig.id(), "barc1", REPORT).status()).isEqualTo(403);
    assertThat(reports.find(mig.id() + ":2027").orElseThrow().status()).isEqualTo("AWAITED");
  }

  @Test
  void aReportForAnUnknownMigIs404() {
    Reply reply = submit("no-such-mig", "mps1", REPORT);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("message").asText()).isEqualTo("No MIG with id 'no-such-mig'");
  }

  @Test
  void cooReturnsAReportOnlyWithNotesAndAnAcceptedReportIsRecorded() {
    // given a report before COO
    Managed mig = managedWithYearlyReport("Reviewed");
    String process = migs.reportProcess(mig.id() + ":2027");
    assertThat(submit(mig.id(), "mps1", REPORT).status()).isEqualTo(202);
    migs.runDueJobs(process);
    Task review = task(process, "reviewAnnualReport");

    // when COO returns it without saying what is missing, then that is refused
    Throwable refused = catchThrowable(() -> tasks.complete(review.getId(), Map.of("reportAccepted", false)));
    assertThat(ManagedMigs.refusal(refused)).hasMessageStartingWith("reviewNotes: required when the report is not accepted");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);

    // when COO accepts it
    tasks.complete(review.getId(), Map.of("reportAccepted", true, "reviewNotes", "Thank you."));
    migs.runDueJobs(process);

    // then the report is accepted, with the notes, and its process has ended
    AnnualReport accepted = reports.find(mig.id() + ":2027").orElseThrow();
    assertThat(accepted.status()).isEqualTo("ACCEPTED");
    assertThat(accepted.reviewNotes()).isEqualTo("Thank you.");
    assertThat(accepted.reviewedAt()).isEqualTo(NOW);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(process).singleResult()
        .getEndActivityId()).isEqualTo("reportReviewed");
  }

  @Test
  void aReturnedReportGoesBackWithTheNotesIsResubmittedAndEveryRoundIsKept() {
    // given a report before COO
    Managed mig = managedWithYearlyReport("Returned");
    String reportId = mig.id() + ":2027";
    String process = migs.reportProcess(reportId);
    assertThat(http.get("/migs/" + mig.id(), "coo1").body()).as("no round yet, no heading")
        .doesNotContain("Annual reports, round by round");
    assertThat(submit(mig.id(), "liaison1", REPORT).status()).isEqualTo(202);
    migs.runDueJobs(process);

    // when COO returns it with notes
    tasks.complete(task(process, "reviewAnnualReport").getId(),
        Map.of("reportAccepted", false, "reviewNotes", "Say how many attended each program."));
    migs.runDueJobs(process);

    // then it is RETURNED, and one mail takes the notes to the organizers, cc the staff liaison
    assertThat(reports.find(reportId).orElseThrow().status()).isEqualTo("RETURNED");
    List<OutboxMail> returned = migs.mails(mig.id(), "annual-report-returned");
    assertThat(returned).hasSize(1);
    assertThat(returned.get(0).to()).containsExactlyElementsOf(mig.organizerEmails());
    assertThat(returned.get(0).cc()).containsExactly(mig.liaisonEmail());
    assertThat(returned.get(0).subject()).isEqualTo(mig.name() + ": annual report for 2027 returned - please resubmit");
    assertThat(migs.text(returned.get(0))).contains("Dear organizers of " + mig.name() + ",",
        "The reviewer's notes: Say how many attended each program.", "/my");
    // and the process waits for the resubmission
    assertThat(runtime.getActiveActivityIds(process)).containsExactly("awaitResubmission");

    // when the organizers resubmit the same year
    ManagedMigs.clockAt(NOW.plus(Duration.ofDays(3)));
    Reply again = submit(mig.id(), "liaison1",
        "{\"year\": 2027, \"activities\": \"Two webinars (40 and 65 attendees) and a meetup at Annual (30).\"}");

    // then a new review opens, with the new text
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().path("reportId").asText()).isEqualTo(reportId);
    migs.runDueJobs(process);
    Task second = task(process, "reviewAnnualReport");
    assertThat(candidateGroups(second)).containsExactly("coo");
    assertThat(tasks.getVariable(second.getId(), "activities"))
        .isEqualTo("Two webinars (40 and 65 attendees) and a meetup at Annual (30).");
    assertThat(tasks.getVariable(second.getId(), "reportAccepted")).as("the first round's review never counts").isNull();
    assertThat(reports.find(reportId).orElseThrow().status()).isEqualTo("RECEIVED");

    // when COO accepts it
    tasks.complete(second.getId(), Map.of("reportAccepted", true, "reviewNotes", "Thank you."));
    migs.runDueJobs(process);

    // then the report's history shows both rounds, on the API and the MIG's page
    Reply history = http.get("/api/migs/" + mig.id() + "/annual-reports/" + reportId, "coo1");
    assertThat(history.status()).as(history.body()).isEqualTo(200);
    JsonNode view = history.json();
    assertThat(view.path("status").asText()).isEqualTo("ACCEPTED");
    JsonNode rounds = view.path("rounds");
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0).path("round").asInt()).isEqualTo(1);
    assertThat(rounds.get(0).path("activities").asText()).isEqualTo("Two webinars and a meetup at Annual.");
    assertThat(rounds.get(0).path("submittedAt").asText()).isEqualTo("2026-11-23T15:00:00Z");
    assertThat(rounds.get(0).path("accepted").asBoolean()).isFalse();
    assertThat(rounds.get(0).path("reviewNotes").asText()).isEqualTo("Say how many attended each program.");
    assertThat(rounds.get(1).path("round").asInt()).isEqualTo(2);
    assertThat(rounds.get(1).path("submittedAt").asText()).isEqualTo("2026-11-26T15:00:00Z");
    assertThat(rounds.get(1).path("accepted").asBoolean()).isTrue();
    assertThat(rounds.get(1).path("reviewNotes").asText()).isEqualTo("Thank you.");
    assertThat(http.get("/api/migs/" + mig.id() + "/annual-reports", "liaison1").json().get(0).path("rounds"))
        .hasSize(2);
    String page = http.get("/migs/" + mig.id(), "coo1").body();
    assertThat(page).contains("Annual reports, round by round", "Say how many attended each program.",
        "(40 and 65 attendees)");
    assertThat(this.history.createHistoricProcessInstanceQuery().processInstanceId(process).singleResult()
        .getEndActivityId()).isEqualTo("reportReviewed");
    // and only one return mail went
    assertThat(migs.mails(mig.id(), "annual-report-returned")).hasSize(1);
    // and a report accepted is not resubmitted
    assertThat(submit(mig.id(), "liaison1", REPORT).status()).isEqualTo(409);
    assertThat(http.get("/api/migs/" + mig.id() + "/annual-reports/" + reportId, "council1").status()).isEqualTo(403);
    assertThat(http.get("/api/migs/" + mig.id() + "/annual-reports/" + reportId, null).status()).isEqualTo(401);
  }

  @Test
  void theMigEndingWhileAReturnedReportAwaitsItsResubmissionEndsItsProcess() {
    Managed mig = managedWithYearlyReport("Returned Then Gone");
    String reportId = mig.id() + ":2027";
    String process = migs.reportProcess(reportId);
    assertThat(submit(mig.id(), "liaison1", REPORT).status()).isEqualTo(202);
    migs.runDueJobs(process);
    tasks.complete(task(process, "reviewAnnualReport").getId(),
        Map.of("reportAccepted", false, "reviewNotes", "More please."));
    migs.runDueJobs(process);

    // when the MIG is disbanded at its request
    Reply disband = http.postJson("/api/migs/" + mig.id() + "/disband-requests", "liaison1", "{\"reason\": \"Done.\"}");
    assertThat(disband.status()).as(disband.body()).isEqualTo(202);
    String lifecycle = migs.lifecycle(mig.id());
    tasks.complete(task(lifecycle, "confirmDisband").getId(), Map.of("disbandConfirmed", true));
    migs.runDueJobs(lifecycle);

    // then the report's process has ended, and the report stays RETURNED
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(process).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(process).activityId("reportNoLongerDue")
        .finished().count()).isEqualTo(1);
    assertThat(reports.find(reportId).orElseThrow().status()).isEqualTo("RETURNED");
  }

  // ---------------------------------------------------------------------------------------------
  // POST /api/migs/{id}/report-requests

  @Test
  void cooAsksForAnExtraReportWithItsOwnDueDate() {
    // given an active MIG
    Managed mig = migs.manage("Extra Report", TERM_START);

    // when the COO chair asks for a report due March 25, 2027
    Reply reply = requestReport(mig.id(), "chair", "{\"dueDate\": \"2027-03-25\"}");

    // then a report process runs for it, keyed by the MIG and the due date
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    String reportId = mig.id() + ":2027-03-25";
    assertThat(reply.json().path("reportId").asText()).isEqualTo(reportId);
    assertThat(reply.json().path("dueDate").asText()).isEqualTo("2027-03-25");
    String process = migs.reportProcess(reportId);
    assertThat(runtime.getVariable(process, "extraReport")).isEqualTo(true);
    assertThat(runtime.getVariable(process, "dueDate")).isEqualTo("2027-03-25");
    AnnualReport awaited = reports.find(reportId).orElseThrow();
    assertThat(awaited.extra()).isTrue();
    assertThat(awaited.status()).isEqualTo("AWAITED");
    assertThat(awaited.requestedBy()).isEqualTo("chair");
  }

  @Test
  void onlyCooAsksForExtraReports() {
    Managed mig = migs.manage("Not Yours To Ask", TERM_START);

    assertThat(requestReport(mig.id(), null, "{\"dueDate\": \"2027-03-25\"}").status()).isEqualTo(401);
    Reply mps = requestReport(mig.id(), "mps1", "{\"dueDate\": \"2027-03-25\"}");
    assertThat(mps.status()).isEqualTo(403);
    assertThat(mps.json().path("message").asText()).isEqualTo("User 'mps1' is not a member of coo");
    assertThat(requestReport(mig.id(), "liaison1", "{\"dueDate\": \"2027-03-25\"}").status()).isEqualTo(403);
    assertThat(reports.forMig(mig.id())).isEmpty();
  }

  @Test
  void anExtraReportNeedsADueDateAfterToday() {
    Managed mig = migs.manage("Bad Dates", TERM_START);

    assertThat(errors(requestReport(mig.id(), "coo1", "{}")))
        .containsExactly("dueDate: required: the date the report is due (YYYY-MM-DD)");
    assertThat(errors(requestReport(mig.id(), "coo1", "{\"dueDate\": \"2026-11-01\"}")))
        .containsExactly("dueDate: must be after today (2026-11-23), got 2026-11-01");
    assertThat(errors(requestReport(mig.id(), "coo1", "{\"dueDate\": \"2026-11-23\"}")))
        .containsExactly("dueDate: must be after today (2026-11-23), got 2026-11-23");
    assertThat(errors(requestReport(mig.id(), "coo1", "{\"dueDate\": \"next week\"}")))
        .containsExactly("dueDate: 'next week' is not a valid date (use YYYY-MM-DD)");
    assertThat(errors(requestReport(mig.id(), "coo1", "")))
        .containsExactly("body: required: the request as JSON: {dueDate}");
    assertThat(reports.forMig(mig.id())).isEmpty();
  }

  @Test
  void anExtraReportForAnUnknownMigIs404() {
    Reply reply = requestReport("no-such-mig", "coo1", "{\"dueDate\": \"2027-03-25\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("message").asText()).isEqualTo("No MIG with id 'no-such-mig'");
  }

  @Test
  void aSecondExtraReportDueTheSameDayIs409() {
    Managed mig = migs.manage("Asked Twice", TERM_START);
    assertThat(requestReport(mig.id(), "coo1", "{\"dueDate\": \"2027-03-25\"}").status()).isEqualTo(202);

    Reply again = requestReport(mig.id(), "chair", "{\"dueDate\": \"2027-03-25\"}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText())
        .isEqualTo("A report of MIG '" + mig.id() + "' due on 2027-03-25 is already requested");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("mig-annual-report")
        .processInstanceBusinessKey(mig.id() + ":2027-03-25").count()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // the report's process: reminders, overdue notice, a late report

  @Test
  void remindersGoOut30And7DaysBeforeTheDueDateAt9InChicago() {
    // given an extra report due March 25, 2027
    Managed mig = migs.manage("Reminded Reporter", TERM_START);
    String process = requestExtra(mig);

    // then the first reminder is due on February 23, 2027 at 09:00 CST
    assertThat(migs.job(process, "reminder30Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-02-23T15:00:00Z"));

    // when it comes, and the second, due on March 18, 2027 at 09:00 CDT
    Instant first = migs.fire(process, "reminder30Due");
    assertThat(migs.job(process, "reminder7Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-03-18T14:00:00Z"));
    Instant second = migs.fire(process, "reminder7Due");

    // then each wrote a reminder to the organizers, copying the staff liaison, at that minute
    List<OutboxMail> reminders = migs.mails(mig.id(), "annual-report-reminder");
    assertThat(reminders).hasSize(2);
    assertThat(reminders).extracting(OutboxMail::createdAt).containsExactly(first, second);
    for (OutboxMail reminder : reminders) {
      assertThat(reminder.to()).containsExactlyElementsOf(mig.organizerEmails());
      assertThat(reminder.cc()).containsExactly(mig.liaisonEmail());
      assertThat(reminder.subject()).isEqualTo(mig.name() + ": annual report for 2027 due March 25, 2027");
    }
    assertThat(migs.text(reminders.get(0))).contains("by March 25, 2027, in 30 days");
    assertThat(migs.text(reminders.get(1))).contains("by March 25, 2027, in 7 days");

    // and the overdue notice waits for 09:00 CDT the day after the due date
    assertThat(migs.job(process, "reportOverdue").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-03-26T14:00:00Z"));
  }

  @Test
  void aReminderOvertakenByTheNextOneIsNotSent() {
    // given an extra report due March 25, 2027, and the engine back only on March 20, past both reminders
    Managed mig = migs.manage("Late Timer", TERM_START);
    String process = requestExtra(mig);
    ManagedMigs.clockAt(Instant.parse("2027-03-20T15:00:00Z"));

    // when the overdue timers fire
    migs.runDueJobs(process);

    // then only the 7-day reminder goes out, with the days actually left
    List<OutboxMail> reminders = migs.mails(mig.id(), "annual-report-reminder");
    assertThat(reminders).hasSize(1);
    assertThat(migs.text(reminders.get(0))).contains("in 5 days");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(process)
        .activityId("sendReportReminder30").finished().count()).as("the 30-day step ran").isEqualTo(1);
    assertThat(migs.job(process, "reportOverdue")).isNotNull();
  }

  @Test
  void anOverdueReportIsNoticedTheDayAfterAndALateReportIsStillAccepted() {
    // given an extra report due March 25, 2027 whose reminders went out
    Managed mig = migs.manage("Overdue", TERM_START);
    String process = requestExtra(mig);
    migs.fire(process, "reminder30Due");
    migs.fire(process, "reminder7Due");

    // when nothing has arrived by 09:00 the day after the due date
    Instant noticed = migs.fire(process, "reportOverdue");

    // then the organizers are told, copying the COO chair and the staff liaison, and COO follows up
    assertThat(noticed).isEqualTo(Instant.parse("2027-03-26T14:00:00Z"));
    List<OutboxMail> overdue = migs.mails(mig.id(), "annual-report-overdue");
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).to()).containsExactlyElementsOf(mig.organizerEmails());
    assertThat(overdue.get(0).cc()).containsExactly(COO_CHAIR, mig.liaisonEmail());
    assertThat(overdue.get(0).subject()).isEqualTo(mig.name() + ": annual report for 2027 is overdue");
    assertThat(overdue.get(0).createdAt()).isEqualTo(noticed);
    Task followUp = task(process, "followUpOverdueReport");
    assertThat(candidateGroups(followUp)).containsExactly("coo");

    // when the report arrives a few days late
    ManagedMigs.clockAt(Instant.parse("2027-03-30T16:00:00Z"));
    Reply reply = submit(mig.id(), "mps1", REPORT);

    // then it is accepted as late, the follow-up ends, and COO reviews it knowing it was late
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("reportId").asText()).isEqualTo(mig.id() + ":2027-03-25");
    assertThat(reply.json().path("late").asBoolean()).isTrue();
    assertThat(reports.find(mig.id() + ":2027-03-25").orElseThrow().late()).isTrue();
    migs.runDueJobs(process);
    assertThat(tasks.createTaskQuery().taskId(followUp.getId()).count()).isZero();
    Task review = task(process, "reviewAnnualReport");
    assertThat(tasks.getVariable(review.getId(), "submittedLate")).isEqualTo(true);
    assertThat(migs.mails(mig.id(), "annual-report-overdue")).hasSize(1);
  }

  @Test
  void aReportSubmittedAtTheLastMomentOfItsDueDateIsOnTime() {
    // given an extra report due March 25, 2027
    Managed mig = migs.manage("Just In Time", TERM_START);
    requestExtra(mig);

    // when it arrives at 23:59:59 that day in Chicago
    ManagedMigs.clockAt(Instant.parse("2027-03-26T04:59:59Z"));
    Reply reply = submit(mig.id(), "mps1", REPORT);

    // then it is on time
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("late").asBoolean()).isFalse();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A MIG under management whose lifecycle has opened its report due August 1, 2027. */
  private Managed managedWithYearlyReport(String name) {
    Managed mig = migs.manage(name, TERM_START);
    migs.runDueJobs(migs.lifecycle(mig.id()));
    AnnualReport yearly = reports.find(mig.id() + ":2027").orElseThrow();
    assertThat(yearly.dueDate()).isEqualTo(LocalDate.of(2027, 8, 1));
    assertThat(yearly.extra()).isFalse();
    return mig;
  }

  /** COO asks for the extra report due March 25, 2027; its process. */
  private String requestExtra(Managed mig) {
    Reply reply = requestReport(mig.id(), "chair", "{\"dueDate\": \"" + EXTRA_DUE + "\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return migs.reportProcess(mig.id() + ":" + EXTRA_DUE);
  }

  private Reply submit(String migId, String user, String body) {
    return http.postJson("/api/migs/" + migId + "/annual-reports", user, body);
  }

  private Reply requestReport(String migId, String user, String body) {
    return http.postJson("/api/migs/" + migId + "/report-requests", user, body);
  }

  private static List<String> errors(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    for (JsonNode e : reply.json().path("errors")) {
      errors.add(e.path("field").asText() + ": " + e.path("message").asText());
    }
    return errors;
  }

  private Task task(String processInstanceId, String definitionKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(definitionKey)
        .singleResult();
    assertThat(task).as(definitionKey).isNotNull();
    return task;
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> "candidate".equals(l.getType()))
        .map(IdentityLink::getGroupId).toList();
  }
}
