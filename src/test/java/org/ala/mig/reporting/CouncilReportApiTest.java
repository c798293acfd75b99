package org.ala.mig.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.ala.mig.common.MigProperties.Conference;
import org.ala.mig.common.MigProperties;
import org.ala.mig.lifecycle.DisbandReason;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.CouncilReport.Content;
import org.ala.mig.reporting.CouncilReport.Decision;
import org.ala.mig.reporting.CouncilReport.MigChange;
import org.ala.mig.reporting.CouncilReport.OverdueReport;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The COO report to Council through the running application: conferences scheduled by the
 * starter, decisions and MIG changes made through the real services, the jobs of
 * {@code coo-council-report} run by the test (the job executor is off), the chair submitting
 * over engine REST as Tasklist would, then the report as Council reads it over the API and as
 * pages, and its mail in the outbox.
 *
 * <p>The tests share one database with the other Spring tests. Each test's conferences are its
 * own (fresh ids), and its clock starts the day after the latest period any report covers, so
 * that its reports' periods hold what the test made (and perhaps what other tests left, which
 * the assertions allow for).
 */
@MigSpringBootTest
class CouncilReportApiTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final String COUNCIL = "council@ala.org";
  static final String COO_CHAIR = "coo-chair@ala.org";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired CouncilReportService councilReports;
  @Autowired CouncilReportRepository rows;
  @Autowired CouncilReportStarter starter;
  @Autowired MigProperties properties;
  @Autowired MigRepository migs;
  @Autowired CooDecisions decisions;
  @Autowired LifecycleService lifecycle;
  @Autowired AnnualReportRepository annualReports;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------
  // compiling and publishing

  @Test
  void reportsCompiledTogetherAfterATimeJumpEachCoverTheirOwnPeriodAndTheChairTellsThemApart() {
    Scheduled scheduled = twoConferences("Midwinter", "Annual");
    LocalDate day0 = scheduled.day0();
    Conference first = scheduled.first();
    Conference second = scheduled.second();

    // given a decision and a disbanding in each report's period, and a decision after both
    clockAt(day0.plusDays(1), 10);
    Mig early = decided(TestMigs.active("Early"), CooDecisions.Subject.ESTABLISH, true, "In the first period.");
    Mig endedEarly = stored(TestMigs.activeUntil("Ended early", today()));
    lifecycle.disband(endedEarly.id(), DisbandReason.NOT_RENEWED, "test/" + UUID.randomUUID());
    clockAt(day0.plusDays(50), 10);
    Mig middle = decided(TestMigs.active("Middle"), CooDecisions.Subject.ESTABLISH, true, "In the second period.");
    Mig endedMiddle = stored(TestMigs.activeUntil("Ended middle", today()));
    lifecycle.disband(endedMiddle.id(), DisbandReason.NOT_RENEWED, "test/" + UUID.randomUUID());
    clockAt(day0.plusDays(200), 10);
    Mig late = decided(TestMigs.active("Late"), CooDecisions.Subject.ESTABLISH, true, "After both.");

    // when the clock has jumped past both compile dates and both are compiled on day 200, the later
    // conference's first
    for (Conference conference : List.of(second, first)) {
      String instance = instance(conference);
      management.executeJob(management.createJobQuery().processInstanceId(instance).activityId("councilReportDue")
          .singleResult().getId());
      runJobs(instance);
    }

    // then each covers exactly its own period: up to its own compile day, from the previous one's
    CouncilReport midwinter = rows.find(first.id()).orElseThrow();
    CouncilReport annual = rows.find(second.id()).orElseThrow();
    assertThat(midwinter.periodEnd()).isEqualTo(day0.plusDays(16).atStartOfDay(CHICAGO).toInstant());
    assertThat(annual.periodStart()).isEqualTo(midwinter.periodEnd());
    assertThat(annual.periodEnd()).isEqualTo(day0.plusDays(106).atStartOfDay(CHICAGO).toInstant());
    MailFormats fmt = new MailFormats(CHICAGO);
    assertThat(councilReports.periodText(annual))
        .isEqualTo(fmt.date(day0.plusDays(16)) + " to " + fmt.date(day0.plusDays(105)));
    assertThat(councilReports.periodText(midwinter)).endsWith(" to " + fmt.date(day0.plusDays(15)));
    assertThat(midwinter.content().decisions()).extracting(Decision::migId).contains(early.id())
        .doesNotContain(middle.id(), late.id());
    assertThat(midwinter.content().disbanded()).extracting(MigChange::migId).contains(endedEarly.id())
        .doesNotContain(endedMiddle.id());
    assertThat(annual.content().decisions()).extracting(Decision::migId).contains(middle.id())
        .doesNotContain(early.id(), late.id());
    assertThat(annual.content().disbanded()).extracting(MigChange::migId).contains(endedMiddle.id())
        .doesNotContain(endedEarly.id());

    // and the chair's two tasks each name their conference, and are due the day before it starts
    assertThat(tasks.createTaskQuery().processInstanceId(instance(first)).singleResult().getName())
        .isEqualTo("Submit the COO report: " + first.name());
    assertThat(tasks.createTaskQuery().processInstanceId(instance(second)).singleResult().getName())
        .isEqualTo("Submit the COO report: " + second.name());
    assertThat(tasks.createTaskQuery().processInstanceId(instance(second)).singleResult().getDueDate().toInstant())
        .isEqualTo(second.startDate().atStartOfDay(java.time.ZoneId.of("America/Chicago")).toInstant().minusMillis(1));
  }

  @Test
  void eachReportHoldsTheDecisionsAndChangesSinceThePreviousOneAndGoesToCouncilOnce() {
    Scheduled scheduled = twoConferences("First", "Second");
    LocalDate day0 = scheduled.day0();
    Conference first = scheduled.first();
    Conference second = scheduled.second();

    // given what COO decided and what happened to MIGs on day 1
    clockAt(day0.plusDays(1), 10);
    Mig established = decided(TestMigs.active("Established"), CooDecisions.Subject.ESTABLISH, true,
        "Fills a gap no unit covers.");
    Mig refused = decided(TestMigs.active("Refused"), CooDecisions.Subject.ESTABLISH, false,
        "Overlaps with the Maker Round Table.");
    migs.setStatus(refused.id(), MigStatus.NOT_ESTABLISHED, null);
    Mig renewed = decided(TestMigs.active("Renewed"), CooDecisions.Subject.RENEW, true, null);
    Mig notRenewed = stored(TestMigs.activeUntil("Not renewed", today()));
    lifecycle.disband(notRenewed.id(), DisbandReason.NOT_RENEWED, "test/" + UUID.randomUUID());
    Mig requested = stored(TestMigs.active("Requested"));
    lifecycle.recordDecision(requested.id(), CooDecisions.Subject.DISBAND, true, null, "Work done.", "coo1");
    lifecycle.disband(requested.id(), DisbandReason.REQUESTED, "test/" + UUID.randomUUID());
    Mig moved = stored(TestMigs.active("Moved"));
    lifecycle.recordDecision(moved.id(), CooDecisions.Subject.TRANSITION, true, "Fits RUSA's charge.",
        "Our work is reference work.", "coo1");
    lifecycle.transition(moved.id(), "RUSA");
    Mig renamed = stored(TestMigs.active("Renamed"));
    String newName = renamed.name() + " Anew";
    lifecycle.recordDecision(renamed.id(), CooDecisions.Subject.RENAME, true, null,
        "Rename from \u201c" + renamed.name() + "\u201d to \u201c" + newName + "\u201d: A clearer name.", "coo1");
    lifecycle.rename(renamed.id(), newName);
    Mig late = stored(TestMigs.active("Late"));
    String overdue = awaitedReport(late, day0.plusDays(10));
    String notYetDue = awaitedReport(late, day0.plusDays(40));
    // and late on day 15, the evening before the report is compiled
    clockAt(day0.plusDays(15), 23);
    Mig lastMinute = decided(TestMigs.active("Last minute"), CooDecisions.Subject.ESTABLISH, true, "Approved late.");

    // when day 16, 09:00 in Chicago, comes and the first report is compiled
    String firstInstance = instance(first);
    Job timer = management.createJobQuery().processInstanceId(firstInstance).activityId("councilReportDue")
        .singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(day0.plusDays(16).atTime(9, 0).atZone(CHICAGO).toInstant());
    int activeBefore = activeMigs();
    new ManagedMigs(http, runtime, management, outbox, jdbc).fire(firstInstance, "councilReportDue");

    // then it is a draft, for the chair only, covering everything up to day 15
    CouncilReport draft = rows.find(first.id()).orElseThrow();
    assertThat(draft.status()).isEqualTo(CouncilReport.DRAFT);
    assertThat(draft.periodEnd()).isEqualTo(day0.plusDays(16).atStartOfDay(CHICAGO).toInstant());
    assertThat(http.get("/api/council/reports/" + first.id(), "council1").status()).isEqualTo(404);
    Content c = draft.content();
    assertThat(c.decisions()).extracting(Decision::migId)
        .containsSubsequence(established.id(), refused.id(), renewed.id(), requested.id(), moved.id(), lastMinute.id());
    assertThat(c.decisions()).filteredOn(d -> d.migId().equals(refused.id())).singleElement()
        .satisfies(d -> {
          assertThat(d.approved()).isFalse();
          assertThat(d.subject()).isEqualTo(CooDecisions.Subject.ESTABLISH);
          assertThat(d.rationale()).isEqualTo("Overlaps with the Maker Round Table.");
          assertThat(d.decidedOn()).isEqualTo(day0.plusDays(1));
        });
    assertThat(c.petitionsNotApproved()).extracting(Decision::migId).contains(refused.id());
    assertThat(c.established()).extracting(MigChange::migId).contains(established.id(), lastMinute.id())
        .doesNotContain(refused.id(), renewed.id());
    assertThat(c.renewed()).extracting(MigChange::migId).contains(renewed.id()).doesNotContain(established.id());
    assertThat(c.disbanded()).filteredOn(m -> m.migId().equals(notRenewed.id())).singleElement()
        .satisfies(m -> assertThat(m.disbandReason()).isEqualTo("NOT_RENEWED"));
    assertThat(c.disbanded()).filteredOn(m -> m.migId().equals(requested.id())).singleElement()
        .satisfies(m -> assertThat(m.disbandReason()).isEqualTo("REQUESTED"));
    assertThat(c.transitioned()).filteredOn(m -> m.migId().equals(moved.id())).singleElement()
        .satisfies(m -> {
          assertThat(m.transitionedTo()).isEqualTo("RUSA");
          assertThat(m.date()).isEqualTo(day0.plusDays(1));
        });
    assertThat(c.overdueReports()).extracting(OverdueReport::reportId).contains(overdue).doesNotContain(notYetDue);
    assertThat(c.activeMigs()).isEqualTo(activeBefore);
    assertThat(runtime.getVariable(firstInstance, "reportSummary").toString())
        .contains("Overlaps with the Maker Round Table.", notRenewed.name() + " (", "to RUSA", late.name(),
            requested.name() + ": request to disband approved. The MIG's reason: Work done.",
            moved.name() + ": request to transition approved. Fits RUSA's charge. The MIG's reason: Our work is"
                + " reference work.",
            newName + ": request to rename approved. The MIG's reason: Rename from \u201c" + renamed.name()
                + "\u201d to \u201c" + newName + "\u201d: A clearer name.");
    // a MIG's own reason for its request is never COO's rationale
    assertThat(c.decisions()).filteredOn(d -> d.migId().equals(requested.id())).singleElement()
        .satisfies(d -> {
          assertThat(d.rationale()).isNull();
          assertThat(d.requestReason()).isEqualTo("Work done.");
        });

    // given, after it was compiled, a MIG established on day 16 at noon and one disbanded on day 20
    clockAt(day0.plusDays(16), 12);
    Mig afterwards = decided(TestMigs.active("Afterwards"), CooDecisions.Subject.ESTABLISH, true, "A fine idea.");
    clockAt(day0.plusDays(20), 10);
    Mig endedLater = stored(TestMigs.activeUntil("Ended later", today()));
    lifecycle.disband(endedLater.id(), DisbandReason.NOT_RENEWED, "test/" + UUID.randomUUID());

    // when the chair submits the first report on day 17 with remarks, as in Tasklist
    clockAt(day0.plusDays(17), 10);
    Reply submitted = submitAsChair(firstInstance, "\"  Two new MIGs; one moved to RUSA.  \"");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
    runJobs(firstInstance);

    // then it is published with the remarks, and mailed to Council with a copy to the chair
    CouncilReport published = rows.find(first.id()).orElseThrow();
    assertThat(published.status()).isEqualTo(CouncilReport.PUBLISHED);
    assertThat(published.chairRemarks()).isEqualTo("Two new MIGs; one moved to RUSA.");
    assertThat(published.publishedAt()).isEqualTo(day0.plusDays(17).atTime(10, 0).atZone(CHICAGO).toInstant());
    assertThat(ended(firstInstance)).isEqualTo("councilReportPublished");
    OutboxMail mail = councilMail(first);
    assertThat(mail.template()).isEqualTo("council-report");
    assertThat(mail.to()).containsExactly(COUNCIL);
    assertThat(mail.cc()).containsExactly(COO_CHAIR);
    assertThat(mail.subject()).contains(first.name());
    assertThat(text(mail)).contains("Two new MIGs; one moved to RUSA.",
        "MIGs established: " + c.established().size(), "MIGs disbanded: " + c.disbanded().size(),
        "Petitions not approved: " + c.petitionsNotApproved().size(),
        "Annual reports overdue: " + c.overdueReports().size(), "Active MIGs: " + activeBefore,
        "/council/reports/" + first.id());

    // when the publish step runs again (a retried job, an operator in Cockpit)
    councilReports.publish(first.id(), "Other remarks");

    // then nothing changes and no second mail is written
    assertThat(rows.find(first.id()).orElseThrow().chairRemarks()).isEqualTo("Two new MIGs; one moved to RUSA.");
    assertThat(outbox.list(null, null, 10_000)).filteredOn(m -> m.key().equals("council-report/" + first.id()))
        .hasSize(1);

    // when the second report is compiled
    String secondInstance = instance(second);
    new ManagedMigs(http, runtime, management, outbox, jdbc).fire(secondInstance, "councilReportDue");

    // then it starts where the first ended, and holds what happened since, only
    CouncilReport next = rows.find(second.id()).orElseThrow();
    assertThat(next.periodStart()).isEqualTo(published.periodEnd());
    MailFormats fmt = new MailFormats(CHICAGO);
    assertThat(councilReports.periodText(next))
        .isEqualTo(fmt.date(day0.plusDays(16)) + " to " + fmt.date(day0.plusDays(105)));
    assertThat(next.content().established()).extracting(MigChange::migId).contains(afterwards.id())
        .doesNotContain(established.id(), lastMinute.id());
    assertThat(next.content().decisions()).extracting(Decision::migId)
        .contains(afterwards.id())
        .doesNotContain(established.id(), refused.id(), renewed.id(), requested.id(), moved.id(), lastMinute.id());
    assertThat(next.content().disbanded()).extracting(MigChange::migId).contains(endedLater.id())
        .doesNotContain(notRenewed.id(), requested.id());
    assertThat(next.content().transitioned()).extracting(MigChange::migId).doesNotContain(moved.id());
    assertThat(c.decisions()).extracting(Decision::migId).doesNotContain(afterwards.id());
    assertThat(c.disbanded()).extracting(MigChange::migId).doesNotContain(endedLater.id());

    // and the chair may submit it without remarks
    assertThat(submitAsChair(secondInstance, "\"\"").status()).isEqualTo(204);
    runJobs(secondInstance);
    assertThat(rows.find(second.id()).orElseThrow().chairRemarks()).isNull();
    assertThat(text(councilMail(second))).doesNotContain("Remarks of the COO chair");
  }

  @Test
  void theChairsRemarksAreCheckedOnTheServerAndOnlyTheChairSubmits() {
    LocalDate day0 = firstFreeDay();
    Conference conference = conference("Checked", day0.plusDays(20));
    clockAt(day0, 8);
    councilReports.schedule(conference);
    String instance = instance(conference);
    new ManagedMigs(http, runtime, management, outbox, jdbc).fire(instance, "councilReportDue");
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("submitCouncilReport")
        .singleResult();

    // when a COO member who is not the chair tries to take the task, then the engine refuses
    Reply claim = http.postJson("/engine-rest/task/" + task.getId() + "/claim", "coo1", "{\"userId\":\"coo1\"}");
    assertThat(claim.status()).as(claim.body()).isIn(403, 404);

    // when the chair sends remarks of 4001 characters, then 400 names the field, and the task stays
    Reply tooLong = submitAsChair(instance, "\"" + "x".repeat(4001) + "\"");
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(tooLong.json().path("message").asText()).contains("chairRemarks", "4000");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isEqualTo(1);
    assertThat(rows.find(conference.id()).orElseThrow().status()).isEqualTo(CouncilReport.DRAFT);
    assertThat(outbox.exists("council-report/" + conference.id())).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // exactly once per conference

  @Test
  void theStarterSchedulesEachConferenceStillToComeOnceAndTheReportIsCompiledOnce() {
    LocalDate day0 = firstFreeDay();
    clockAt(day0, 8);
    Conference coming = conference("Coming", day0.plusDays(40));
    Conference startsToday = conference("Starts today", day0);
    Conference past = conference("Past", day0.minusDays(1));
    List<Conference> configured = List.of(coming, startsToday, past);

    // when the application starts twice with these conferences
    assertThat(starter.start(configured)).isEqualTo(2);
    assertThat(starter.start(configured)).isZero();

    // then each conference still to come has one report process, and the past one none
    assertThat(processes(coming)).isEqualTo(1);
    assertThat(processes(startsToday)).isEqualTo(1);
    assertThat(processes(past)).isZero();
    assertThat(rows.find(coming.id()).orElseThrow().status()).isEqualTo(CouncilReport.SCHEDULED);
    assertThat(rows.find(past.id())).isEmpty();

    // when the report of the conference starting today (due two weeks ago) is compiled, and the
    // application starts again
    String today = instance(startsToday);
    assertThat(management.createJobQuery().processInstanceId(today).executable().count()).isEqualTo(1);
    runJobs(today);
    Instant compiledAt = rows.find(startsToday.id()).orElseThrow().compiledAt();
    starter.start(configured);

    // then it was compiled once, and is not scheduled again
    assertThat(processes(startsToday)).isEqualTo(1);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(today)
        .activityId("compileCouncilReport").count()).isEqualTo(1);
    assertThat(rows.find(startsToday.id()).orElseThrow().compiledAt()).isEqualTo(compiledAt);
    assertThat(tasks.createTaskQuery().processInstanceId(today).count()).isEqualTo(1);

    // given a conference whose process an operator deleted, row and all (only history is left)
    runtime.deleteProcessInstance(instance(coming), "deleted by an operator");
    jdbc.update("delete from council_report where conference_id = ?", coming.id());

    // when the application starts, then it is not scheduled again: the history shows it had one
    assertThat(starter.start(configured)).isZero();
    assertThat(processes(coming)).isEqualTo(1);

    // and the real start-up runner, run twice, leaves each configured conference with at most one
    ClockUtil.reset();
    starter.run(new DefaultApplicationArguments());
    starter.run(new DefaultApplicationArguments());
    for (Conference configuredConference : properties.conferences()) {
      long count = processes(configuredConference);
      assertThat(count).as(configuredConference.id()).isLessThanOrEqualTo(1);
      if (councilReports.stillDue(configuredConference)) {
        assertThat(count).as(configuredConference.id()).isEqualTo(1);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // who reads the reports: API

  @Test
  void councilAndCooReadThePublishedReportsOverTheApiAndNobodyElse() {
    Conference conference = publishedReport("Read over the API");

    // when Council or COO ask for the list and the report, then they get them
    for (String user : List.of("council1", "coo1", "chair")) {
      Reply list = http.get("/api/council/reports", user);
      assertThat(list.status()).as(user + ": " + list.body()).isEqualTo(200);
      JsonNode listed = StreamSupport.stream(list.json().spliterator(), false)
          .filter(r -> r.path("conferenceId").asText().equals(conference.id())).findFirst().orElseThrow();
      assertThat(listed.path("conferenceName").asText()).isEqualTo(conference.name());
      assertThat(listed.path("conferenceStart").asText()).isEqualTo(conference.startDate().toString());
      assertThat(listed.path("publishedAt").asText()).isNotBlank();

      Reply one = http.get("/api/council/reports/" + conference.id(), user);
      assertThat(one.status()).as(user + ": " + one.body()).isEqualTo(200);
      JsonNode report = one.json();
      assertThat(report.path("conferenceName").asText()).isEqualTo(conference.name());
      assertThat(report.path("chairRemarks").asText()).isEqualTo("Read with care.");
      assertThat(report.path("lastDay").asText()).isEqualTo(conference.startDate().minusDays(15).toString());
      assertThat(report.path("counts").path("established").asInt()).isEqualTo(report.path("established").size());
      assertThat(report.path("decisions")).anySatisfy(d -> {
        assertThat(d.path("rationale").asText()).isEqualTo("Not within COO's remit: " + conference.name());
        assertThat(d.path("approved").asBoolean()).isFalse();
        assertThat(d.path("subject").asText()).isEqualTo("ESTABLISH");
      });
      assertThat(report.path("activeMigs").asInt()).isPositive();
    }

    // when another group asks, then 403; anonymous, 401
    assertThat(http.get("/api/council/reports", "mps1").status()).isEqualTo(403);
    assertThat(http.get("/api/council/reports/" + conference.id(), "mps1").status()).isEqualTo(403);
    assertThat(http.get("/api/council/reports/" + conference.id(), "barc1").status()).isEqualTo(403);
    assertThat(http.get("/api/council/reports", null).status()).isEqualTo(401);
    assertThat(http.get("/api/council/reports/" + conference.id(), null).status()).isEqualTo(401);

    // an unknown conference, and one whose report is only scheduled, are not found
    Reply unknown = http.get("/api/council/reports/no-such-conference", "council1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).contains("no-such-conference");
    Conference scheduled = conference("Only scheduled", firstFreeDay().plusYears(30));
    councilReports.schedule(scheduled);
    assertThat(http.get("/api/council/reports/" + scheduled.id(), "council1").status()).isEqualTo(404);
    assertThat(http.get("/api/council/reports", "council1").json()).noneSatisfy(
        r -> assertThat(r.path("conferenceId").asText()).isEqualTo(scheduled.id()));
  }

  // ---------------------------------------------------------------------------------------------
  // who reads the reports: pages

  @Test
  void councilAndCooReadTheReportPagesOthersAreRefusedAndAnonymousSignInFirst() {
    Conference conference = publishedReport("Read as a page");
    String path = "/council/reports/" + conference.id();

    // when nobody is signed in, then the page sends them to sign in, and back
    Page anonymous = new PageClient(port).get(path);
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).endsWith("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    assertThat(new PageClient(port).get("/council/reports").status()).isEqualTo(302);

    // when Council or COO sign in, then they read the report and the list
    for (String user : List.of("council1", "coo1")) {
      PageClient browser = new PageClient(port);
      Page signedIn = browser.signIn(user, "demo", path);
      assertThat(signedIn.status()).isEqualTo(302);
      assertThat(signedIn.location()).endsWith(path);
      Page page = browser.get(path);
      assertThat(page.status()).as(user).isEqualTo(200);
      assertThat(page.body())
          .contains("<title>COO report to Council, " + conference.name() + " — MIG Lifecycle</title>")
          .contains("<h1>COO report to Council: <span>" + conference.name() + "</span></h1>")
          .contains("<caption>Every decision of the period, approved or not, with COO's rationale and, for a MIG's own"
              + " request, the MIG's reason, oldest first</caption>")
          .contains("<th scope=\"col\">COO's rationale</th><th scope=\"col\">The MIG's reason</th>")
          .contains("Not within COO&#39;s remit: " + conference.name())
          .contains("Not approved")
          .contains("Read with care.")
          .contains("<h2 id=\"overdue-heading\">Annual reports overdue</h2>")
          // as of the period's end, the day before the compile day, not the day it happened to be compiled
          .contains("<caption>Reports still awaited after their due date at the end of the period, on "
              + new MailFormats(CHICAGO).date(conference.startDate().minusDays(15)) + "</caption>")
          .contains("/css/mig.css");
      assertThat(page.body().split("<main", -1)).as("one main landmark").hasSize(2);
      Page list = browser.get("/council/reports");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).contains("<caption>Published reports, the latest conference first</caption>")
          .contains("href=\"" + path + "\"").contains(conference.name());
      assertThat(browser.get("/council/reports/no-such-conference").status()).isEqualTo(404);
    }

    // when Member Programs signs in, then the report is not for them
    PageClient mps = new PageClient(port).signIn("mps1", path);
    Page refused = mps.get(path);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Not for your group").doesNotContain(conference.name());
    assertThat(mps.get("/council/reports").status()).isEqualTo(403);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /**
   * The day after the latest period any report covers and the latest conference any test
   * scheduled, and after the engine clock, so that a test's reports cover what the test made: a
   * report's period begins where the report of the conference before it ends.
   */
  private LocalDate firstFreeDay() {
    Timestamp latest = jdbc.queryForObject("select max(period_end) from council_report", Timestamp.class);
    Date lastConference = jdbc.queryForObject("select max(conference_start) from council_report", Date.class);
    Instant from = ClockUtil.getCurrentTime().toInstant();
    if (latest != null && latest.toInstant().isAfter(from)) {
      from = latest.toInstant();
    }
    if (lastConference != null && lastConference.toLocalDate().atStartOfDay(CHICAGO).toInstant().isAfter(from)) {
      from = lastConference.toLocalDate().atStartOfDay(CHICAGO).toInstant();
    }
    return LocalDate.ofInstant(from, CHICAGO).plusDays(1);
  }

  /** Two conferences whose reports were scheduled on day 0, at 08:00. */
  record Scheduled(LocalDate day0, Conference first, Conference second) {}

  /**
   * Two conferences, on day 30 (its report compiled on day 16) and day 120 (compiled on day 106)
   * after the first free day, day 0; their reports scheduled on day 0.
   */
  private Scheduled twoConferences(String firstName, String secondName) {
    LocalDate day0 = firstFreeDay();
    Conference first = conference(firstName, day0.plusDays(30));
    Conference second = conference(secondName, day0.plusDays(120));
    clockAt(day0, 8);
    assertThat(councilReports.schedule(first)).isTrue();
    assertThat(councilReports.schedule(second)).isTrue();
    return new Scheduled(day0, first, second);
  }

  /** Today in Chicago, by the engine clock. */
  private static LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CHICAGO);
  }

  private static void clockAt(LocalDate day, int hour) {
    ManagedMigs.clockAt(day.atTime(LocalTime.of(hour, 0)).atZone(CHICAGO).toInstant());
  }

  private static Conference conference(String name, LocalDate start) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new Conference("test-" + suffix, name + " " + suffix, start);
  }

  /** A conference whose report was compiled and published, with one decision of its own. */
  private Conference publishedReport(String name) {
    LocalDate day0 = firstFreeDay();
    Conference conference = conference(name, day0.plusDays(20));
    clockAt(day0, 8);
    assertThat(councilReports.schedule(conference)).isTrue();
    clockAt(day0.plusDays(1), 10);
    Mig refused = decided(TestMigs.active("Refused"), CooDecisions.Subject.ESTABLISH, false,
        "Not within COO's remit: " + conference.name());
    migs.setStatus(refused.id(), MigStatus.NOT_ESTABLISHED, null);
    String instance = instance(conference);
    new ManagedMigs(http, runtime, management, outbox, jdbc).fire(instance, "councilReportDue");
    assertThat(submitAsChair(instance, "\"Read with care.\"").status()).isEqualTo(204);
    runJobs(instance);
    assertThat(rows.find(conference.id()).orElseThrow().status()).isEqualTo(CouncilReport.PUBLISHED);
    return conference;
  }

  private Mig stored(Mig mig) {
    migs.insert(mig);
    return mig;
  }

  /** A MIG and COO's decision on it, recorded now as the petition's decision step does. */
  private Mig decided(Mig mig, CooDecisions.Subject subject, boolean approved, String rationale) {
    stored(mig);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    decisions.record(mig.id(), null, subject, approved, rationale, null, LocalDate.ofInstant(now, CHICAGO), now,
        "chair");
    return mig;
  }

  /** An annual report of the MIG still awaited, due on {@code due}. */
  private String awaitedReport(Mig mig, LocalDate due) {
    String id = mig.id() + ":" + due;
    annualReports.insert(new AnnualReport(id, mig.id(), due.getYear(), due, true, AnnualReport.AWAITED, "coo1",
        ClockUtil.getCurrentTime().toInstant(), null, null, null, null, null, null));
    return id;
  }

  private int activeMigs() {
    return jdbc.queryForObject("select count(*) from mig where status = 'ACTIVE'", Integer.class);
  }

  private String instance(Conference conference) {
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processDefinitionKey(CouncilReportService.PROCESS_KEY).processInstanceBusinessKey(conference.id())
        .singleResult();
    assertThat(instance).as("report process of " + conference.id()).isNotNull();
    return instance.getId();
  }

  /** Report processes of the conference, running or finished. */
  private long processes(Conference conference) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(CouncilReportService.PROCESS_KEY)
        .processInstanceBusinessKey(conference.id()).count();
  }

  private String ended(String instance) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getEndActivityId();
  }

  private void runJobs(String instance) {
    ManagedMigs.runDueJobs(management, instance);
  }

  /** The chair claims submitCouncilReport and submits its form over engine REST, as Tasklist does. */
  private Reply submitAsChair(String instance, String remarksJson) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("submitCouncilReport")
        .singleResult();
    assertThat(task).as("submitCouncilReport").isNotNull();
    if (task.getAssignee() == null) {
      Reply claim = http.postJson("/engine-rest/task/" + task.getId() + "/claim", "chair", "{\"userId\":\"chair\"}");
      assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    }
    return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", "chair",
        "{\"variables\": {\"chairRemarks\": {\"value\": " + remarksJson + ", \"type\": \"String\"}}}");
  }

  private OutboxMail councilMail(Conference conference) {
    List<OutboxMail> found = outbox.list(null, null, 10_000).stream()
        .filter(m -> m.key().equals("council-report/" + conference.id())).toList();
    assertThat(found).as("mail council-report of " + conference.id()).hasSize(1);
    return found.get(0);
  }

  private String text(OutboxMail mail) {
    return jdbc.queryForObject("select body_text from mail_outbox where id = ?", String.class, mail.id());
  }
}
