package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every request lands (step 12): each request is a record with its status and outcome (GET
 * /api/migs/{id}/requests), and each decision mails {@code request-decided} to the organizers, cc
 * the staff liaison; a BUDGET request carries a valid amount; a rename keeps the id, remembers
 * the former name, and frees nothing: a later MIG of the old name gets the next id.
 *
 * <p>The clock stands at Monday, November 23, 2026, 09:00 in Chicago.
 */
@MigSpringBootTest
class RequestOutcomesApiTest {

  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  static final LocalDate TERM_START = LocalDate.of(2025, 1, 10);

  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  /** The organizer of this class's own MIGs, signed in once with a link; and one of another MIG. */
  static final String ANA = "ana-req-" + SUFFIX + "@lib.example";
  static final String BO = "bo-req-" + SUFFIX + "@lib.example";
  static final String OTHER = "other-req-" + SUFFIX + "@lib.example";

  static LinkSession ana;
  static LinkSession other;
  static int sessionsPort;

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired MigRepository registry;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void clockAndClients() {
    ManagedMigs.clockAt(NOW);
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
    if (ana == null || sessionsPort != port) {
      migs.manage("Signing In", TERM_START, ANA, BO);
      migs.manage("Elsewhere", TERM_START, OTHER, "co-" + OTHER);
      ana = LinkSession.signIn(port, jdbc, ANA);
      other = LinkSession.signIn(port, jdbc, OTHER);
      sessionsPort = port;
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------
  // support requests: granted and declined, each with its mail

  @Test
  void eachSupportRequestIsARecordWhoseOutcomeIsMailedToTheOrganizers() {
    // given an active MIG
    Managed mig = migs.manage("Outcomes", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());

    // when it asks for meeting space, two support items and two budgets
    String space = requestId(post(mig.id(), "support-requests", "mps1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2027.\"}"));
    String banner = requestId(post(mig.id(), "support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner.\"}"));
    String projector = requestId(post(mig.id(), "support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A projector.\"}"));
    String travel = requestId(post(mig.id(), "support-requests", "chair",
        "{\"type\": \"BUDGET\", \"details\": \"A speaker's travel.\", \"amount\": 1500.5}"));
    String catering = requestId(post(mig.id(), "support-requests", "chair",
        "{\"type\": \"BUDGET\", \"details\": \"Catering.\", \"amount\": 100000}"));

    // then each is OPEN, with its own id
    JsonNode open = requests(mig.id(), "mps1");
    assertThat(open).hasSize(5);
    assertThat(statuses(open)).containsOnly("OPEN");
    assertThat(request(open, travel).path("type").asText()).isEqualTo("BUDGET");
    assertThat(request(open, travel).path("amount").decimalValue()).isEqualByComparingTo("1500.50");
    assertThat(request(open, space).path("details").asText()).isEqualTo("A room for 30 at Annual 2027.");
    assertThat(request(open, space).path("decidedAt").isNull() || request(open, space).path("decidedAt").isMissingNode())
        .isTrue();
    // and BARC sees the amount with the details
    assertThat(tasks.getVariable(taskWith(lifecycle, "reviewBudgetRequest", travel).getId(), "supportDetails"))
        .isEqualTo("Amount: USD 1,500.50\nA speaker's travel.");

    // when each office decides
    tasks.complete(taskWith(lifecycle, "arrangeMeetingSpace", space).getId(),
        Map.of("meetingArrangements", "Room W183, Saturday 9-11am."));
    tasks.complete(taskWith(lifecycle, "provideSupportItem", banner).getId(),
        Map.of("supportProvided", true, "supportNotes", "Shipped to the booth."));
    tasks.complete(taskWith(lifecycle, "provideSupportItem", projector).getId(),
        Map.of("supportProvided", false, "supportNotes", "None left this year."));
    tasks.complete(taskWith(lifecycle, "reviewBudgetRequest", travel).getId(),
        Map.of("budgetApproved", true, "budgetNotes", "From the FY27 allocation."));
    tasks.complete(taskWith(lifecycle, "reviewBudgetRequest", catering).getId(),
        Map.of("budgetApproved", false, "budgetNotes", "Catering is not funded."));

    // then each record has its outcome, in words with the notes
    JsonNode decided = requests(mig.id(), "confsvc1");
    assertThat(request(decided, space).path("status").asText()).isEqualTo("GRANTED");
    assertThat(request(decided, space).path("outcome").asText())
        .isEqualTo("Meeting space arranged by Conference Services. Notes: Room W183, Saturday 9-11am.");
    assertThat(request(decided, space).path("decidedAt").asText()).isEqualTo("2026-11-23T15:00:00Z");
    assertThat(request(decided, banner).path("status").asText()).isEqualTo("GRANTED");
    assertThat(request(decided, banner).path("outcome").asText())
        .isEqualTo("Support item provided by HQ staff. Notes: Shipped to the booth.");
    assertThat(request(decided, projector).path("status").asText()).isEqualTo("DECLINED");
    assertThat(request(decided, projector).path("outcome").asText())
        .isEqualTo("Support item not provided by HQ staff. Notes: None left this year.");
    assertThat(request(decided, travel).path("status").asText()).isEqualTo("GRANTED");
    assertThat(request(decided, travel).path("outcome").asText())
        .isEqualTo("Budget approved by BARC. Notes: From the FY27 allocation.");
    assertThat(request(decided, catering).path("status").asText()).isEqualTo("DECLINED");
    assertThat(request(decided, catering).path("outcome").asText())
        .isEqualTo("Budget not approved by BARC. Notes: Catering is not funded.");

    // and one request-decided mail per request, to the organizers, cc the staff liaison
    List<OutboxMail> mails = migs.mails(mig.id(), "request-decided");
    assertThat(mails).hasSize(5);
    for (OutboxMail mail : mails) {
      assertThat(mail.to()).containsExactlyElementsOf(mig.organizerEmails());
      assertThat(mail.cc()).containsExactly(mig.liaisonEmail());
      assertThat(mail.subject()).startsWith(mig.name() + ": your ");
    }
    assertThat(mails).extracting(OutboxMail::subject).containsExactly(
        mig.name() + ": your meeting space request was granted",
        mig.name() + ": your support item request was granted",
        mig.name() + ": your support item request was declined",
        mig.name() + ": your budget request was granted",
        mig.name() + ": your budget request was declined");
    assertThat(migs.text(mails.get(2))).contains("(" + projector + ")", "Your request: A projector.",
        "Outcome: DECLINED", "Support item not provided by HQ staff. Notes: None left this year.",
        "The decider's notes: None left this year.");
    assertThat(migs.text(mails.get(3))).contains("Outcome: GRANTED", "Budget approved by BARC",
        "From the FY27 allocation.");
  }

  @Test
  void aBudgetRequestNeedsAnAmountAboveZeroAndAtMostOneHundredThousandDollars() {
    Managed mig = migs.manage("Budgeting", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());

    Map<String, String> refused = Map.of(
        "", "amount: required for a BUDGET request: the amount in US dollars, a number above 0 and at most 100,000",
        ", \"amount\": null", "amount: required for a BUDGET request: the amount in US dollars, a number above 0 and at most 100,000",
        ", \"amount\": 0", "amount: must be above 0, got 0",
        ", \"amount\": -25", "amount: must be above 0, got -25",
        ", \"amount\": 100000.01", "amount: at most 100,000 US dollars, got 100000.01",
        ", \"amount\": \"lots\"", "amount: must be a number of US dollars, got 'lots'",
        ", \"amount\": \"1500\"", "amount: must be a number of US dollars, got '1500'");
    refused.forEach((amount, error) -> {
      Reply reply = post(mig.id(), "support-requests", "chair",
          "{\"type\": \"BUDGET\", \"details\": \"Travel.\"" + amount + "}");
      assertThat(reply.status()).as(amount + ": " + reply.body()).isEqualTo(400);
      assertThat(errors(reply)).as(amount).containsExactly(error);
    });
    // an amount is for a budget only
    Reply notABudget = post(mig.id(), "support-requests", "chair",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner.\", \"amount\": 20}");
    assertThat(errors(notABudget)).containsExactly("amount: only a BUDGET request has an amount");

    // nothing was stored, and no office has a task
    assertThat(requests(mig.id(), "chair")).isEmpty();
    assertThat(tasks.createTaskQuery().processInstanceId(lifecycle).count()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // disband and transition

  @Test
  void aDeclinedDisbandAndADeclinedTransitionAreMailedWithCoosRationale() {
    // given a MIG that asks to disband, then (declined) to transition
    Managed mig = migs.manage("Staying Put", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    Reply disband = post(mig.id(), "disband-requests", "liaison1", "{\"reason\": \"Few members.\"}");
    assertThat(disband.status()).as(disband.body()).isEqualTo(202);
    assertThat(disband.json().path("request").asText()).isEqualTo("disband");
    String disbandId = requestId(disband);
    tasks.complete(taskWith(lifecycle, "confirmDisband", disbandId).getId(), Map.of("disbandConfirmed", false));
    migs.runDueJobs(lifecycle);

    String transitionId = requestId(post(mig.id(), "transition-requests", "liaison1",
        "{\"targetUnit\": \"RUSA\", \"reason\": \"A better home.\"}"));
    tasks.complete(taskWith(lifecycle, "decideTransition", transitionId).getId(),
        Map.of("transitionApproved", false, "decisionRationale", "It overlaps a RUSA section."));
    migs.runDueJobs(lifecycle);

    // then both are DECLINED with COO's words, and the organizers are told
    JsonNode list = requests(mig.id(), "coo1");
    assertThat(request(list, disbandId).path("type").asText()).isEqualTo("DISBAND");
    assertThat(request(list, disbandId).path("status").asText()).isEqualTo("DECLINED");
    assertThat(request(list, disbandId).path("details").asText()).isEqualTo("Few members.");
    assertThat(request(list, disbandId).path("outcome").asText())
        .isEqualTo("Disbanding not confirmed by the Committee on Organization.");
    assertThat(request(list, transitionId).path("status").asText()).isEqualTo("DECLINED");
    assertThat(request(list, transitionId).path("outcome").asText()).isEqualTo(
        "Transition to RUSA not approved by the Committee on Organization. Notes: It overlaps a RUSA section.");
    List<OutboxMail> mails = migs.mails(mig.id(), "request-decided");
    assertThat(mails).extracting(OutboxMail::subject).containsExactly(
        mig.name() + ": your disbanding request was declined", mig.name() + ": your transition request was declined");
    assertThat(mails).allSatisfy(m -> {
      assertThat(m.to()).containsExactlyElementsOf(mig.organizerEmails());
      assertThat(m.cc()).containsExactly(mig.liaisonEmail());
    });
    assertThat(migs.text(mails.get(1))).contains("It overlaps a RUSA section.", "Your request: To RUSA: A better home.");
  }

  @Test
  void aConfirmedDisbandAndAnApprovedTransitionAreGranted() {
    Managed leaving = migs.manage("Leaving", TERM_START);
    String disbandId = requestId(post(leaving.id(), "disband-requests", "liaison1", "{\"reason\": \"Done.\"}"));
    tasks.complete(taskWith(migs.lifecycle(leaving.id()), "confirmDisband", disbandId).getId(),
        Map.of("disbandConfirmed", true));

    Managed moving = migs.manage("Moving", TERM_START);
    String transitionId = requestId(post(moving.id(), "transition-requests", "liaison1",
        "{\"targetUnit\": \"Maker Round Table\", \"reason\": \"We grew.\"}"));
    tasks.complete(taskWith(migs.lifecycle(moving.id()), "decideTransition", transitionId).getId(),
        Map.of("transitionApproved", true, "decisionRationale", "A round table fits."));

    assertThat(request(requests(leaving.id(), "chair"), disbandId).path("outcome").asText())
        .isEqualTo("Disbanding confirmed by the Committee on Organization.");
    assertThat(request(requests(moving.id(), "chair"), transitionId).path("status").asText()).isEqualTo("GRANTED");
    assertThat(migs.mails(leaving.id(), "request-decided")).extracting(OutboxMail::subject)
        .containsExactly(leaving.name() + ": your disbanding request was granted");
    assertThat(migs.mails(moving.id(), "request-decided")).extracting(OutboxMail::subject)
        .containsExactly(moving.name() + ": your transition request was granted");
  }

  @Test
  void aTaskOpenedBeforeRequestsWereRecordsStillCompletesAndItsRecordIsMadeThen() {
    // given a lifecycle that took a support request without a request id (as one migrated from
    // the previous version of the model did)
    Managed mig = migs.manage("Older Request", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    runtime.createMessageCorrelation("supportRequested").processInstanceBusinessKey(mig.id())
        .setVariables(Map.of("supportType", "SUPPORT_ITEM", "supportDetails", "A table cloth.",
            "supportRequestedBy", "liaison1"))
        .correlateWithResult();
    Task task = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("provideSupportItem")
        .singleResult();

    // when HQ staff provide it
    tasks.complete(task.getId(), Map.of("supportProvided", true));

    // then its record is made with the outcome, and the organizers are told once
    JsonNode list = requests(mig.id(), "liaison1");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("requestId").asText()).isEqualTo("R-" + task.getId());
    assertThat(list.get(0).path("details").asText()).isEqualTo("A table cloth.");
    assertThat(list.get(0).path("status").asText()).isEqualTo("GRANTED");
    assertThat(migs.mails(mig.id(), "request-decided")).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // who may read a MIG's requests

  @Test
  void theRequestsAreOpenToTheOfficesAndTheMigsOwnOrganizersOnly() {
    // given a MIG Ana organizes, with a request
    Managed mine = migs.manage("Readers", TERM_START, ANA, BO);
    post(mine.id(), "support-requests", "liaison1", "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A sign.\"}");
    String path = "/api/migs/" + mine.id() + "/requests";

    // then its organizer reads them, an organizer of another MIG may not, nor may anyone anonymous
    Answer own = ana.get(path);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("A sign.", "\"status\":\"OPEN\"");
    assertThat(other.get(path).status()).isEqualTo(403);
    assertThat(http.get(path, null).status()).isEqualTo(401);
    // and each office reads them, Council does not
    for (String user : List.of("chair", "coo1", "mps1", "confsvc1", "liaison1", "barc1")) {
      assertThat(http.get(path, user).status()).as(user).isEqualTo(200);
    }
    assertThat(http.get(path, "council1").status()).isEqualTo(403);
    assertThat(http.get("/api/migs/no-such-mig/requests", "chair").status()).isEqualTo(404);
    // and the MIG's page lists them for the offices, not for Council
    assertThat(http.get("/migs/" + mine.id(), "confsvc1").body()).contains("id=\"requests-heading\"", "A sign.");
    assertThat(http.get("/migs/" + mine.id(), "council1").body()).doesNotContain("A sign.");
  }

  // ---------------------------------------------------------------------------------------------
  // renames

  @Test
  void anApprovedRenameKeepsTheIdRemembersTheFormerNameAndIsMailedAndReportedToCouncil() {
    // given an active MIG
    Managed mig = migs.manage("Libraries Fostering Civic Engagement", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    String newName = "Libraries Foster Community Engagement " + SUFFIX;

    // when its organizers ask to be renamed, and COO approves it
    Reply reply = post(mig.id(), "rename-requests", "liaison1",
        "{\"newName\": \"" + newName + "\", \"reason\": \"Our work is about community, not only civics.\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("request").asText()).isEqualTo("rename");
    String requestId = requestId(reply);
    Task decide = taskWith(lifecycle, "decideRename", requestId);
    assertThat(tasks.getIdentityLinksForTask(decide.getId())).extracting(l -> l.getGroupId()).containsExactly("coo");
    assertThat(tasks.getVariable(decide.getId(), "newName")).isEqualTo(newName);
    tasks.complete(decide.getId(), Map.of("renameApproved", true));
    migs.runDueJobs(lifecycle);

    // then the MIG keeps its id, takes the new name, and remembers the old one
    JsonNode view = http.get("/api/migs/" + mig.id(), "council1").json();
    assertThat(view.path("id").asText()).isEqualTo(mig.id());
    assertThat(view.path("name").asText()).isEqualTo(newName);
    assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.path("formerNames")).extracting(JsonNode::asText).containsExactly(mig.name());
    assertThat(registry.get(mig.id()).name()).isEqualTo(newName);
    // and the registry page says "formerly"
    assertThat(http.get("/registry", "council1").body()).contains("(formerly " + mig.name() + ")");

    // and the request is granted, and the organizers are told
    JsonNode record = request(requests(mig.id(), "chair"), requestId);
    assertThat(record.path("type").asText()).isEqualTo("RENAME");
    assertThat(record.path("status").asText()).isEqualTo("GRANTED");
    assertThat(record.path("outcome").asText())
        .isEqualTo("Rename to \u201c" + newName + "\u201d approved by the Committee on Organization.");
    List<OutboxMail> mails = migs.mails(mig.id(), "request-decided");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactlyElementsOf(mig.organizerEmails());
    assertThat(mails.get(0).cc()).containsExactly(mig.liaisonEmail());
    assertThat(mails.get(0).subject()).isEqualTo(mig.name() + ": your rename request was granted");

    // and the decision is kept for the next COO report to Council
    Map<String, Object> decision = jdbc.queryForMap(
        "select approved, request_reason, decided_by from coo_decision where mig_id = ? and subject = 'RENAME'",
        mig.id());
    assertThat(decision.get("APPROVED")).isEqualTo(true);
    assertThat((String) decision.get("REQUEST_REASON")).contains(mig.name(), newName, "not only civics");

    // and a later mail names it with its former name
    String banner = requestId(post(mig.id(), "support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner with the new name.\"}"));
    tasks.complete(taskWith(lifecycle, "provideSupportItem", banner).getId(), Map.of("supportProvided", true));
    OutboxMail later = migs.mails(mig.id(), "request-decided").get(1);
    assertThat(later.subject()).isEqualTo(newName + ": your support item request was granted");
    assertThat(migs.text(later)).contains("Dear organizers of " + newName + " (formerly " + mig.name() + "),");

    // and a new MIG of the old name gets the next free id, as the old one is still taken
    Reply again = http.postJson("/api/migs", "chair", """
        {"name": "%s", "statementOfPurpose": "To foster civic engagement.", "termStart": "%s",
         "organizers": [{"name": "Cy Doe", "email": "cy-%s@lib.example", "address": "3 Elm St"}]}
        """.formatted(mig.name(), TERM_START, SUFFIX));
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().path("id").asText()).isEqualTo(mig.id() + "-2");
    assertThat(again.json().path("formerNames")).isEmpty();
  }

  @Test
  void aDeclinedRenameNeedsARationaleAndLeavesTheName() {
    Managed mig = migs.manage("Keeps Its Name", TERM_START);
    String lifecycle = migs.lifecycle(mig.id());
    String requestId = requestId(post(mig.id(), "rename-requests", "liaison1",
        "{\"newName\": \"Something Else " + SUFFIX + "\", \"reason\": \"Fresh start.\"}"));
    Task decide = taskWith(lifecycle, "decideRename", requestId);

    // when COO declines without a rationale, then that is refused
    Throwable refused = catchThrowable(() -> tasks.complete(decide.getId(), Map.of("renameApproved", false)));
    assertThat(ManagedMigs.refusal(refused)).hasMessageStartingWith("decisionRationale: required");

    // when COO declines with one
    tasks.complete(decide.getId(), Map.of("renameApproved", false, "decisionRationale", "The name is well known."));
    migs.runDueJobs(lifecycle);

    // then the name stays, nothing is former, the request is declined and the organizers are told why
    JsonNode view = http.get("/api/migs/" + mig.id(), "council1").json();
    assertThat(view.path("name").asText()).isEqualTo(mig.name());
    assertThat(view.path("formerNames")).isEmpty();
    JsonNode record = request(requests(mig.id(), "chair"), requestId);
    assertThat(record.path("status").asText()).isEqualTo("DECLINED");
    assertThat(record.path("outcome").asText()).endsWith("not approved by the Committee on Organization."
        + " Notes: The name is well known.");
    OutboxMail mail = migs.mails(mig.id(), "request-decided").get(0);
    assertThat(mail.subject()).isEqualTo(mig.name() + ": your rename request was declined");
    assertThat(migs.text(mail)).contains("The name is well known.");
    assertThat(jdbc.queryForObject("select approved from coo_decision where mig_id = ? and subject = 'RENAME'",
        Boolean.class, mig.id())).isFalse();
  }

  @Test
  void aRenameNeedsAFreeNewNameAndAReason() {
    Managed mig = migs.manage("Wants A New Name", TERM_START);
    Managed taken = migs.manage("Already Taken", TERM_START);

    assertThat(errors(post(mig.id(), "rename-requests", "liaison1", "{}")))
        .containsExactlyInAnyOrder("newName: required", "reason: required");
    assertThat(errors(post(mig.id(), "rename-requests", "liaison1",
        "{\"newName\": \"" + "x".repeat(201) + "\", \"reason\": \"Long.\"}")))
        .containsExactly("newName: at most 200 characters, got 201");
    assertThat(errors(post(mig.id(), "rename-requests", "liaison1",
        "{\"newName\": \"" + mig.name() + "\", \"reason\": \"Same.\"}")))
        .containsExactly("newName: is the MIG's name already");
    Reply conflict = post(mig.id(), "rename-requests", "liaison1",
        "{\"newName\": \"" + taken.name().toUpperCase() + "\", \"reason\": \"We like it.\"}");
    assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
    assertThat(conflict.json().path("message").asText()).contains(taken.id());
    assertThat(post(mig.id(), "rename-requests", "council1", "{\"newName\": \"N\", \"reason\": \"R\"}").status())
        .isEqualTo(403);

    // nothing was stored, and COO has nothing to decide
    assertThat(requests(mig.id(), "chair")).isEmpty();
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private Reply post(String migId, String endpoint, String user, String body) {
    return http.postJson("/api/migs/" + migId + "/" + endpoint, user, body);
  }

  private static String requestId(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    String id = reply.json().path("requestId").asText();
    assertThat(id).matches("R-[0-9A-F]{12}");
    return id;
  }

  private JsonNode requests(String migId, String user) {
    Reply reply = http.get("/api/migs/" + migId + "/requests", user);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode request(JsonNode list, String requestId) {
    for (JsonNode r : list) {
      if (r.path("requestId").asText().equals(requestId)) {
        return r;
      }
    }
    throw new AssertionError("no request " + requestId + " in " + list);
  }

  private static List<String> statuses(JsonNode list) {
    List<String> statuses = new ArrayList<>();
    list.forEach(r -> statuses.add(r.path("status").asText()));
    return statuses;
  }

  /** The open task of this kind that decides this request. */
  private Task taskWith(String lifecycle, String definitionKey, String requestId) {
    for (Task task : tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey(definitionKey).list()) {
      if (requestId.equals(runtime.getVariableLocal(task.getExecutionId(), "requestId"))) {
        return task;
      }
    }
    throw new AssertionError("no " + definitionKey + " task for request " + requestId);
  }

  private static List<String> errors(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    reply.json().path("errors").forEach(e -> errors.add(e.path("field").asText() + ": " + e.path("message").asText()));
    return errors;
  }
}
