package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A MIG's life after its establishment, through the application: the requests it sends COO
 * (disband, transition, support) with every answer of their REST calls, COO's tasks, and the
 * lifecycle's own steps (renewal reminders, the term's end, a renewal) run against the real
 * services with the engine clock moved by the test.
 *
 * <p>The clock stands at Monday, November 23, 2026, 09:00 in Chicago, unless a test moves it.
 */
@MigSpringBootTest
class LifecycleApiTest {

  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  /** A term from January 10, 2025 to January 9, 2028: both renewal reminders lie ahead. */
  static final LocalDate MID_TERM_START = LocalDate.of(2025, 1, 10);
  /** A term from December 1, 2023 to November 30, 2026: it ends in a week. */
  static final LocalDate ENDING_TERM_START = LocalDate.of(2023, 12, 1);

  static final String MEMBER_PROGRAMS = "membership@ala.org";
  static final String CONFERENCE_SERVICES = "conferenceservices@ala.org";

  /** Each request endpoint with a body it accepts. */
  static final Map<String, String> REQUESTS = new LinkedHashMap<>();

  static {
    REQUESTS.put("disband-requests", "{\"reason\": \"Our members now meet in the Maker Round Table.\"}");
    REQUESTS.put("transition-requests",
        "{\"targetUnit\": \"Maker Round Table\", \"reason\": \"Our work has grown into a round table's.\"}");
    REQUESTS.put("support-requests", "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2027.\"}");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired MailOutbox outbox;
  @Autowired MigRepository registry;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
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
  // the answers of the request endpoints

  @Test
  void anonymousRequestsAre401AndChangeNothing() {
    // given an active MIG
    Managed mig = migs.manage("Anonymous Callers", MID_TERM_START);

    // when nobody signs in, then each request is refused
    REQUESTS.forEach((endpoint, body) ->
        assertThat(post(mig.id(), endpoint, null, body).status()).as(endpoint).isEqualTo(401));
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void usersOutsideCooMemberProgramsAndHqStaffAre403() {
    // given an active MIG
    Managed mig = migs.manage("Outsiders", MID_TERM_START);

    // when Council or BARC ask, then each request is refused, naming the groups allowed
    for (String user : List.of("council1", "barc1")) {
      REQUESTS.forEach((endpoint, body) -> {
        Reply reply = post(mig.id(), endpoint, user, body);
        assertThat(reply.status()).as(user + " " + endpoint).isEqualTo(403);
        assertThat(reply.json().path("message").asText()).contains(user, "coo", "member-programs", "hq-staff");
      });
    }
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aDisbandRequestWithoutAReasonIs400NamingTheReason() {
    Managed mig = migs.manage("No Reason", MID_TERM_START);

    assertThat(errors(post(mig.id(), "disband-requests", "mps1", "{}"))).containsExactly("reason: required");
    assertThat(errors(post(mig.id(), "disband-requests", "mps1", "{\"reason\": \"   \"}")))
        .containsExactly("reason: required");
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aTransitionRequestNamesEachMissingField() {
    Managed mig = migs.manage("Nowhere To Go", MID_TERM_START);

    assertThat(errors(post(mig.id(), "transition-requests", "liaison1", "{}")))
        .containsExactlyInAnyOrder("targetUnit: required", "reason: required");
    assertThat(errors(post(mig.id(), "transition-requests", "liaison1", "{\"reason\": \"We grew.\"}")))
        .containsExactly("targetUnit: required");
    assertThat(errors(post(mig.id(), "transition-requests", "liaison1", "{\"targetUnit\": \"A Round Table\"}")))
        .containsExactly("reason: required");
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aSupportRequestNeedsAKnownTypeAndDetails() {
    Managed mig = migs.manage("Vague Support", MID_TERM_START);

    assertThat(errors(post(mig.id(), "support-requests", "chair", "{\"details\": \"A projector.\"}")))
        .containsExactly("type: required: one of MEETING_SPACE, SUPPORT_ITEM, BUDGET");
    assertThat(errors(post(mig.id(), "support-requests", "chair", "{\"type\": \"PIZZA\", \"details\": \"Lunch.\"}")))
        .containsExactly("type: must be one of MEETING_SPACE, SUPPORT_ITEM, BUDGET, got 'PIZZA'");
    assertThat(errors(post(mig.id(), "support-requests", "chair", "{\"type\": \"BUDGET\", \"amount\": 500}")))
        .containsExactly("details: required");
    assertThat(errors(post(mig.id(), "support-requests", "chair", "{}")))
        .containsExactlyInAnyOrder("type: required: one of MEETING_SPACE, SUPPORT_ITEM, BUDGET", "details: required");
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aMissingBodyIs400NamingTheBody() {
    Managed mig = migs.manage("Empty Handed", MID_TERM_START);

    for (String endpoint : REQUESTS.keySet()) {
      List<String> errors = errors(post(mig.id(), endpoint, "mps1", ""));
      assertThat(errors).as(endpoint).hasSize(1);
      assertThat(errors.get(0)).as(endpoint).startsWith("body: required: the request as JSON");
    }
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aFieldOfTheWrongJsonTypeIs400NamingTheField() {
    Managed mig = migs.manage("Wrong Types", MID_TERM_START);

    assertThat(errors(post(mig.id(), "disband-requests", "mps1", "{\"reason\": {\"text\": \"why\"}}")))
        .containsExactly("reason: expected String");
    assertThat(errors(post(mig.id(), "transition-requests", "mps1",
        "{\"targetUnit\": [\"Maker Round Table\"], \"reason\": \"We grew.\"}")))
        .containsExactly("targetUnit: expected String");
    assertThat(errors(post(mig.id(), "support-requests", "mps1", "{\"type\": {\"kind\": 1}, \"details\": \"x\"}")))
        .containsExactly("type: expected String");
    assertThat(errors(post(mig.id(), "disband-requests", "mps1", "{\"reason\": ")).get(0))
        .startsWith("body: malformed JSON");
    assertNoRequestReachedCoo(mig);
  }

  @Test
  void aRequestForAnUnknownMigIs404() {
    REQUESTS.forEach((endpoint, body) -> {
      Reply reply = post("no-such-mig", endpoint, "mps1", body);
      assertThat(reply.status()).as(endpoint).isEqualTo(404);
      assertThat(reply.json().path("message").asText()).isEqualTo("No MIG with id 'no-such-mig'");
    });
  }

  @Test
  void aRequestForAMigThatIsNoLongerActiveIs409() {
    // given a disbanded MIG
    Mig disbanded = TestMigs.active("Long Gone");
    tx.executeWithoutResult(s -> {
      registry.insert(disbanded);
      registry.setStatus(disbanded.id(), MigStatus.DISBANDED, "NOT_RENEWED");
    });

    // when it asks for anything, then it is told it is not active
    REQUESTS.forEach((endpoint, body) -> {
      Reply reply = post(disbanded.id(), endpoint, "liaison1", body);
      assertThat(reply.status()).as(endpoint).isEqualTo(409);
      assertThat(reply.json().path("message").asText()).as(endpoint)
          .startsWith("MIG '" + disbanded.id() + "' is DISBANDED: only an active MIG can be");
    });
  }

  @Test
  void whileCooConsidersADisbandRequestEveryFurtherRequestIs409() {
    // given a MIG that asked COO to disband it
    Managed mig = migs.manage("Second Thoughts", MID_TERM_START);
    assertThat(post(mig.id(), "disband-requests", "mps1", REQUESTS.get("disband-requests")).status()).isEqualTo(202);

    // when it asks again, or asks for anything else, then COO's pending decision is named
    REQUESTS.forEach((endpoint, body) -> {
      Reply reply = post(mig.id(), endpoint, "liaison1", body);
      assertThat(reply.status()).as(endpoint).isEqualTo(409);
      assertThat(reply.json().path("message").asText()).as(endpoint)
          .contains("COO is considering its request to disband or to transition");
    });
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly("confirmDisband");
  }

  // ---------------------------------------------------------------------------------------------
  // disband

  @Test
  void aConfirmedDisbandRequestDisbandsTheMigEndsItsReportsAndTellsEveryone() {
    // given an active MIG with this year's report and an extra report open
    Managed mig = migs.manage("Disbanding", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Reply extra = http.postJson("/api/migs/" + mig.id() + "/report-requests", "chair", "{\"dueDate\": \"2027-03-25\"}");
    assertThat(extra.status()).as(extra.body()).isEqualTo(202);
    assertThat(openReportProcesses(mig.id())).isEqualTo(2);

    // when its staff liaison sends its request to disband
    Reply reply = post(mig.id(), "disband-requests", "liaison1",
        "{\"reason\": \"Our members now meet in the Maker Round Table.\"}");

    // then COO has a task to confirm it, with the reason
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("migId").asText()).isEqualTo(mig.id());
    assertThat(reply.json().path("request").asText()).isEqualTo("disband");
    Task confirm = task(lifecycle, "confirmDisband");
    assertThat(candidateGroups(confirm)).containsExactly("coo");
    assertThat(tasks.getVariable(confirm.getId(), "disbandRequestReason"))
        .isEqualTo("Our members now meet in the Maker Round Table.");
    assertThat(tasks.getVariable(confirm.getId(), "requestedBy")).isEqualTo("liaison1");

    // when the COO chair confirms it in Tasklist and the lifecycle goes on
    Reply completed = completeOverRest("chair", confirm, "{\"disbandConfirmed\": {\"value\": true, \"type\": \"Boolean\"}}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    migs.runDueJobs(lifecycle);

    // then the MIG is disbanded at its request
    JsonNode view = http.get("/api/migs/" + mig.id(), "council1").json();
    assertThat(view.path("status").asText()).isEqualTo("DISBANDED");
    assertThat(view.path("disbandReason").asText()).isEqualTo("REQUESTED");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lifecycle).singleResult()
        .getEndActivityId()).isEqualTo("migDisbandedOnRequest");

    // and its open reports are cancelled and their processes ended
    assertThat(openReportProcesses(mig.id())).isZero();
    assertThat(jdbc.queryForList("select status from annual_report where mig_id = ?", String.class, mig.id()))
        .containsExactly("CANCELLED", "CANCELLED");

    // and the decision is kept for the COO report to Council
    // with the MIG's reason as its own, never as COO's rationale
    Map<String, Object> decision = jdbc.queryForMap(
        "select subject, approved, rationale, request_reason, decided_by from coo_decision where mig_id = ?", mig.id());
    assertThat(decision.get("SUBJECT")).isEqualTo("DISBAND");
    assertThat(decision.get("APPROVED")).isEqualTo(true);
    assertThat(decision.get("RATIONALE")).isNull();
    assertThat((String) decision.get("REQUEST_REASON")).isEqualTo("Our members now meet in the Maker Round Table.");
    assertThat(decision.get("DECIDED_BY")).isEqualTo("chair");

    // and one mail tells the organizers, copying Member Programs and Conference Services
    List<OutboxMail> mails = migs.mails(mig.id(), "mig-disbanded");
    assertThat(mails).hasSize(1);
    OutboxMail mail = mails.get(0);
    assertThat(mail.to()).containsExactlyElementsOf(mig.organizerEmails());
    assertThat(mail.cc()).containsExactly(MEMBER_PROGRAMS, CONFERENCE_SERVICES);
    assertThat(mail.subject()).isEqualTo(mig.name() + ": disbanded");
    assertThat(mail.status()).isEqualTo(OutboxMail.Status.PENDING);
    assertThat(migs.text(mail)).contains("As of November 23, 2026", "is disbanded at its own request");
  }

  @Test
  void confirmingADisbandWithoutADecisionIsRefused() {
    // given a disband request before COO
    Managed mig = migs.manage("Undecided", MID_TERM_START);
    assertThat(post(mig.id(), "disband-requests", "mps1", REQUESTS.get("disband-requests")).status()).isEqualTo(202);
    Task confirm = task(migs.lifecycle(mig.id()), "confirmDisband");

    // when COO completes the task without saying yes or no, in Tasklist or in the engine
    Reply overRest = completeOverRest("chair", confirm, "{}");
    Throwable inEngine = catchThrowable(() -> tasks.complete(confirm.getId()));

    // then it is refused, naming the field, and the task stays open with the MIG active
    assertThat(overRest.status()).as(overRest.body()).isEqualTo(400);
    assertThat(overRest.json().path("message").asText()).startsWith("disbandConfirmed: required");
    assertThat(ManagedMigs.refusal(inEngine)).hasMessageStartingWith("disbandConfirmed: required");
    assertThat(tasks.createTaskQuery().taskId(confirm.getId()).count()).isEqualTo(1);
    assertThat(registry.find(mig.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(jdbc.queryForObject("select count(*) from coo_decision where mig_id = ?", Integer.class, mig.id()))
        .isZero();
  }

  @Test
  void aDeclinedDisbandRequestLetsTheTermRunOn() {
    // given a disband request before COO
    Managed mig = migs.manage("Staying", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    assertThat(post(mig.id(), "disband-requests", "mps1", REQUESTS.get("disband-requests")).status()).isEqualTo(202);

    // when COO declines it
    tasks.complete(task(lifecycle, "confirmDisband").getId(), Map.of("disbandConfirmed", false));
    migs.runDueJobs(lifecycle);

    // then the MIG stays active, its term runs with its reminder as before, and no mail goes out
    assertThat(registry.find(mig.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(migs.job(lifecycle, "renewalReminder90Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-10-11T14:00:00Z"));
    assertThat(migs.mails(mig.id(), "mig-disbanded")).isEmpty();
    assertThat(jdbc.queryForObject("select approved from coo_decision where mig_id = ? and subject = 'DISBAND'",
        Boolean.class, mig.id())).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // transition and support

  @Test
  void anApprovedTransitionMakesTheMigPartOfTheTargetUnit() {
    // given a MIG with this year's report open, asking to become part of a round table
    Managed mig = migs.manage("Growing Up", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Reply reply = post(mig.id(), "transition-requests", "mps1",
        "{\"targetUnit\": \"Maker Round Table\", \"reason\": \"Our work has grown into a round table's.\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    Task decide = task(lifecycle, "decideTransition");
    assertThat(candidateGroups(decide)).containsExactly("coo");
    assertThat(tasks.getVariable(decide.getId(), "targetUnit")).isEqualTo("Maker Round Table");
    assertThat(tasks.getVariable(decide.getId(), "transitionReason")).isEqualTo("Our work has grown into a round table's.");

    // when COO approves it without a rationale, then that is refused
    Throwable noRationale = catchThrowable(() -> tasks.complete(decide.getId(), Map.of("transitionApproved", true)));
    assertThat(ManagedMigs.refusal(noRationale)).hasMessageStartingWith("decisionRationale: required");
    assertThat(tasks.createTaskQuery().taskId(decide.getId()).count()).isEqualTo(1);

    // when COO approves it with a rationale
    tasks.complete(decide.getId(),
        Map.of("transitionApproved", true, "decisionRationale", "The round table covers the topic now."));
    migs.runDueJobs(lifecycle);

    // then the MIG has transitioned into the unit, and its report is no longer due
    assertThat(http.get("/api/migs/" + mig.id(), "council1").json().path("status").asText()).isEqualTo("TRANSITIONED");
    assertThat(jdbc.queryForObject("select transitioned_to from mig where id = ?", String.class, mig.id()))
        .isEqualTo("Maker Round Table");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lifecycle).singleResult()
        .getEndActivityId()).isEqualTo("migTransitioned");
    assertThat(openReportProcesses(mig.id())).isZero();
    assertThat(jdbc.queryForObject(
        "select rationale from coo_decision where mig_id = ? and subject = 'TRANSITION' and approved", String.class,
        mig.id())).isEqualTo("The round table covers the topic now.");
  }

  @Test
  void eachKindOfSupportGoesToItsOfficeAndTheTermRunsOn() {
    // given an active MIG
    Managed mig = migs.manage("Well Supported", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    Instant reminderDue = migs.job(lifecycle, "renewalReminder90Due").getDuedate().toInstant();

    // when it asks for meeting space, a support item and a budget
    Reply space = post(mig.id(), "support-requests", "mps1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2027.\"}");
    Reply item = post(mig.id(), "support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner for the exhibit hall.\"}");
    Reply budget = post(mig.id(), "support-requests", "chair",
        "{\"type\": \"BUDGET\", \"details\": \"A speaker's travel.\", \"amount\": 500}");

    // then each goes to the office that provides it, with its own details
    assertThat(space.status()).as(space.body()).isEqualTo(202);
    assertThat(space.json().path("status").asText()).contains("arrangeMeetingSpace");
    assertThat(item.status()).as(item.body()).isEqualTo(202);
    assertThat(item.json().path("status").asText()).contains("provideSupportItem");
    assertThat(budget.status()).as(budget.body()).isEqualTo(202);
    assertThat(budget.json().path("status").asText()).contains("reviewBudgetRequest");
    assertSupportTask(lifecycle, "arrangeMeetingSpace", "conference-services", "A room for 30 at Annual 2027.", "mps1");
    assertSupportTask(lifecycle, "provideSupportItem", "hq-staff", "A banner for the exhibit hall.", "liaison1");
    assertSupportTask(lifecycle, "reviewBudgetRequest", "barc", "Amount: USD 500.00\nA speaker's travel.", "chair");

    // and the term runs on as before
    ActivityInstance tree = runtime.getActivityInstance(lifecycle);
    assertThat(Arrays.stream(tree.getChildActivityInstances()).map(ActivityInstance::getActivityId))
        .containsExactlyInAnyOrder("termRunning", "arrangeMeetingSpace", "provideSupportItem", "reviewBudgetRequest");
    assertThat(migs.job(lifecycle, "renewalReminder90Due").getDuedate().toInstant()).isEqualTo(reminderDue);
    assertThat(registry.find(mig.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
  }

  @Test
  void aSupportItemNotProvidedNeedsNotesSayingWhy() {
    // given a support item requested
    Managed mig = migs.manage("Banner Wanted", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    assertThat(post(mig.id(), "support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner.\"}").status()).isEqualTo(202);
    Task provide = task(lifecycle, "provideSupportItem");

    // when HQ staff decline it without notes, then that is refused
    Throwable refused = catchThrowable(() -> tasks.complete(provide.getId(), Map.of("supportProvided", false)));
    assertThat(ManagedMigs.refusal(refused)).hasMessageStartingWith("supportNotes: required when supportProvided is false");
    assertThat(tasks.createTaskQuery().taskId(provide.getId()).count()).isEqualTo(1);

    // when they say why, then the request is done and the term runs on
    tasks.complete(provide.getId(), Map.of("supportProvided", false, "supportNotes", "No banner budget this year."));
    assertThat(tasks.createTaskQuery().processInstanceId(lifecycle).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle)
        .activityId("supportItemHandled").count()).isEqualTo(1);
    assertThat(runtime.getActivityInstance(lifecycle).getActivityInstances("termRunning")).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // the lifecycle's own steps

  @Test
  void renewalRemindersGoOut90And30DaysBeforeTheTermEndsAt9InChicago() {
    // given a MIG whose term ends on January 9, 2028
    Managed mig = migs.manage("Reminded", MID_TERM_START);
    assertThat(mig.termEnd()).isEqualTo(LocalDate.of(2028, 1, 9));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);

    // then the first reminder is due on October 11, 2027 at 09:00 CDT, and nothing went out yet
    assertThat(migs.job(lifecycle, "renewalReminder90Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-10-11T14:00:00Z"));
    assertThat(migs.mails(mig.id(), "renewal-reminder")).isEmpty();

    // when it comes, and then the second, due on December 10, 2027 at 09:00 CST
    Instant first = migs.fire(lifecycle, "renewalReminder90Due");
    assertThat(migs.job(lifecycle, "renewalReminder30Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2027-12-10T15:00:00Z"));
    Instant second = migs.fire(lifecycle, "renewalReminder30Due");

    // then each wrote a reminder to the organizers, copying the staff liaison, at that minute
    List<OutboxMail> reminders = migs.mails(mig.id(), "renewal-reminder");
    assertThat(reminders).hasSize(2);
    assertThat(reminders).extracting(OutboxMail::createdAt).containsExactly(first, second);
    for (OutboxMail reminder : reminders) {
      assertThat(reminder.to()).containsExactlyElementsOf(mig.organizerEmails());
      assertThat(reminder.cc()).containsExactly(mig.liaisonEmail());
      assertThat(reminder.subject())
          .isEqualTo(mig.name() + ": the term ends on January 9, 2028 - re-petition to continue");
    }
    assertThat(migs.text(reminders.get(0))).contains("ends on January 9, 2028, in 90 days");
    assertThat(migs.text(reminders.get(1))).contains("ends on January 9, 2028, in 30 days");
    // each says that the renewal window (twelve months before the term's last day) is open, since when
    assertThat(reminders).allSatisfy(reminder -> assertThat(migs.text(reminder))
        .contains("The renewal window is open: re-petitions have been accepted since January 9, 2027."));

    // and the term's end waits for the end of its last day in Chicago
    assertThat(migs.job(lifecycle, "termEndReached").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2028-01-10T05:59:59.999Z"));
  }

  @Test
  void noRenewalReminderGoesToAMigWhoseRePetitionIsOpen() {
    // given a MIG that has re-petitioned as soon as its renewal window opened (January 9, 2027,
    // twelve months before its term's last day)
    Managed mig = migs.manage("Already Renewing", MID_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    ManagedMigs.clockAt(Instant.parse("2027-01-11T15:00:00Z"));
    submitRenewal(mig);

    // when both reminders come due
    migs.fire(lifecycle, "renewalReminder90Due");
    migs.fire(lifecycle, "renewalReminder30Due");

    // then the reminder steps ran and sent nothing
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle)
        .activityId("sendRenewalReminder30").finished().count()).isEqualTo(1);
    assertThat(migs.mails(mig.id(), "renewal-reminder")).isEmpty();
  }

  @Test
  void aTermThatRunsOutWithNothingFiledDisbandsTheMig() {
    // given a MIG whose term ends on November 30, 2026, a week from now
    Managed mig = migs.manage("Running Out", ENDING_TERM_START);
    assertThat(mig.termEnd()).isEqualTo(LocalDate.of(2026, 11, 30));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    // (the 90-day reminder is overtaken; the 30-day one goes out late, with the days actually left)
    List<OutboxMail> reminders = migs.mails(mig.id(), "renewal-reminder");
    assertThat(reminders).hasSize(1);
    assertThat(migs.text(reminders.get(0))).contains("in 7 days");

    // when the term's last day ends with no re-petition filed
    Instant termEnd = migs.fire(lifecycle, "termEndReached");

    // then the MIG is disbanded as not renewed, and the organizers are told why
    assertThat(termEnd).isEqualTo(Instant.parse("2026-12-01T05:59:59.999Z"));
    JsonNode view = http.get("/api/migs/" + mig.id(), "council1").json();
    assertThat(view.path("status").asText()).isEqualTo("DISBANDED");
    assertThat(view.path("disbandReason").asText()).isEqualTo("NOT_RENEWED");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lifecycle).singleResult()
        .getEndActivityId()).isEqualTo("migDisbandedNotRenewed");
    List<OutboxMail> mails = migs.mails(mig.id(), "mig-disbanded");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactlyElementsOf(mig.organizerEmails());
    assertThat(mails.get(0).cc()).containsExactly(MEMBER_PROGRAMS, CONFERENCE_SERVICES);
    assertThat(migs.text(mails.get(0))).contains("its term ended and no re-petition was filed");
    assertThat(openReportProcesses(mig.id())).isZero();
  }

  @Test
  void anApprovedRePetitionMovesTheTermEndThreeYearsOn() {
    // given a MIG whose term ends on November 30, 2026, waiting for the end of its term
    Managed mig = migs.manage("Renewed", ENDING_TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    assertThat(migs.job(lifecycle, "termEndReached").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2026-12-01T05:59:59.999Z"));

    // when its re-petition is verified and approved
    String petition = submitRenewal(mig);
    migs.runDueJobs(petition);
    tasks.complete(task(petition, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(petition, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    migs.runDueJobs(petition);

    // then the term ends on November 30, 2029, and the old term's end no longer waits
    assertThat(registry.find(mig.id()).orElseThrow().termEnd()).isEqualTo(LocalDate.of(2029, 11, 30));
    assertThat(management.createJobQuery().processInstanceId(lifecycle).activityId("termEndReached").count()).isZero();
    assertThat(migs.job(lifecycle, "renewalReminder90Due").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2029-09-01T14:00:00Z"));

    // and when the new term's reminders have gone, its end waits for the end of November 30, 2029
    migs.fire(lifecycle, "renewalReminder90Due");
    migs.fire(lifecycle, "renewalReminder30Due");
    assertThat(migs.job(lifecycle, "termEndReached").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2029-12-01T05:59:59.999Z"));
    assertThat(registry.find(mig.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Reply post(String migId, String endpoint, String user, String body) {
    return http.postJson("/api/migs/" + migId + "/" + endpoint, user, body);
  }

  /** The errors of a 400 answer as "field: message". */
  private static List<String> errors(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    for (JsonNode e : reply.json().path("errors")) {
      errors.add(e.path("field").asText() + ": " + e.path("message").asText());
    }
    return errors;
  }

  /** The MIG's term runs untouched: no task for COO or an office, the first reminder still waits. */
  private void assertNoRequestReachedCoo(Managed mig) {
    String lifecycle = migs.lifecycle(mig.id());
    assertThat(tasks.createTaskQuery().processInstanceId(lifecycle).count()).isZero();
    assertThat(migs.job(lifecycle, "renewalReminder90Due")).isNotNull();
    assertThat(registry.find(mig.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
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

  private void assertSupportTask(String lifecycle, String definitionKey, String group, String details,
      String requestedBy) {
    Task task = task(lifecycle, definitionKey);
    assertThat(candidateGroups(task)).as(definitionKey).containsExactly(group);
    // what the task's form shows: its own copy, not the latest request's (the process's variables)
    assertThat(tasks.getVariable(task.getId(), "supportDetails")).as(definitionKey).isEqualTo(details);
    assertThat(tasks.getVariable(task.getId(), "supportRequestedBy")).as(definitionKey).isEqualTo(requestedBy);
  }

  private Reply completeOverRest(String user, Task task, String variables) {
    return http.postJson("/engine-rest/task/" + task.getId() + "/complete", user, "{\"variables\": " + variables + "}");
  }

  private long openReportProcesses(String migId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("mig-annual-report")
        .variableValueEquals("migId", migId).count();
  }

  /** POST /api/petitions as Member Programs: a re-petition signed by 100 members in good standing today. */
  private String submitRenewal(Managed mig) {
    List<Map<String, Object>> signatures = jdbc.query(
        "select member_id, name from member where good_standing_through >= ? order by member_id fetch first 100 rows only",
        (rs, n) -> Map.<String, Object>of("memberId", rs.getString("member_id"), "name", rs.getString("name")),
        Date.valueOf(TODAY));
    assertThat(signatures).hasSize(100);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "RENEW");
    body.put("migId", mig.id());
    body.put("statementOfPurpose", "To go on connecting librarians for another three years.");
    body.put("organizers", List.of(Map.of("name", "Ana Núñez", "email", mig.organizerEmails().get(0),
        "address", "1 Main St, Springfield")));
    body.put("signatures", signatures);
    try {
      Reply reply = http.postJson("/api/petitions", "mps1", JSON.writeValueAsString(body));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      return reply.json().path("processInstanceId").asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
