package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.identity.Caller;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * /my over real HTTP, signed in with a mailed link as an organizer does: their MIGs and no other,
 * each MIG's deadlines, requests, reports and mails (never a sign-in link), and each form's success
 * and refusals (every problem beside its input, nothing stored). An organizer acts for their own
 * MIGs only. The organizer signs in once for the class (sign-in links are throttled per source);
 * each test makes MIGs of its own that the address organizes.
 */
@MigSpringBootTest
class MyPageTest {

  /** Monday, November 23, 2026, 09:00 in Chicago: the clock stands there during each test. */
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

  /** The organizer of this class's MIGs, and their co-organizer, who never signs in. */
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String ANA = "ana-my-" + SUFFIX + "@lib.example";
  static final String BO = "bo-my-" + SUFFIX + "@lib.example";

  static LinkSession ana;
  static int anaPort;

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  ManagedMigs migs;

  @BeforeEach
  void clockAndSession() {
    ManagedMigs.clockAt(NOW);
    migs = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc);
    if (ana == null || anaPort != port) {
      // the address must organize a MIG on record to get a link
      mig("First Steps");
      ana = LinkSession.signIn(port, jdbc, ANA);
      anaPort = port;
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** An active MIG organized by Ana and Bo, its term from January 10, 2025; its first report opened. */
  Managed mig(String name) {
    return mig(name, LocalDate.of(2025, 1, 10));
  }

  Managed mig(String name, LocalDate termStart) {
    Managed mig = migs.manage(name, termStart, ANA, BO);
    migs.runDueJobs(migs.lifecycle(mig.id()));
    return mig;
  }

  // --- what /my shows ----------------------------------------------------------------------------

  @Test
  void theRenewalAdviceSaysWhenTheRenewalWindowOpensOrThatItIsOpen() {
    // given a MIG whose term ends on January 9, 2028 (window opens January 9, 2027) and one whose
    // term ends on January 9, 2027 (window open since January 9, 2026)
    Managed later = mig("Window Ahead", LocalDate.of(2025, 1, 10));
    Managed sooner = mig("Window Open", LocalDate.of(2024, 1, 10));

    Page page = get("/my");

    Element ahead = page.byId("mig-" + later.id() + "-renewal-window");
    assertThat(ahead.text()).isEqualTo("The renewal window opens on January 9, 2027: a re-petition is accepted from"
        + " that day, not before.");
    assertThat(ahead.select("time").attr("datetime")).isEqualTo("2027-01-09");
    Element open = page.byId("mig-" + sooner.id() + "-renewal-window");
    assertThat(open.text()).isEqualTo("The renewal window is open: re-petitions have been accepted since January 9,"
        + " 2026.");
  }

  @Test
  void anOrganizerSeesTheirMigsWithDeadlinesAndMailsAndNoOtherMig() {
    // given a MIG whose term ends on January 9, 2027 (its 90-day renewal reminder went out), and a
    // MIG that other people organize
    Managed mine = mig("Deadline Keepers", LocalDate.of(2024, 1, 10));
    Managed theirs = migs.manage("Somebody Else's", LocalDate.of(2025, 1, 10));

    Page page = get("/my");

    assertThat(page.status()).isEqualTo(200);
    Element section = page.byId("mig-" + mine.id());
    assertThat(section.selectFirst("h2").text()).contains(mine.name(), "ACTIVE");
    assertThat(section.select("time.term-end").attr("datetime")).isEqualTo("2027-01-09");
    assertThat(section.select("time.report-due").attr("datetime")).isEqualTo("2027-08-01");
    // every coming deadline, computed: the 30-day renewal reminder, the term's end, and a report
    // due after it, owed only if the term is renewed
    assertThat(section.select("ol.deadlines li").eachAttr("data-kind"))
        .containsExactly("RENEWAL_REMINDER", "TERM_END", "REPORT_DUE");
    assertThat(section.select("ol.deadlines li time").eachAttr("datetime"))
        .containsExactly("2026-12-10", "2027-01-09", "2027-08-01");
    assertThat(section.select("ol.deadlines li.REPORT_DUE").text()).contains("owed only if the term is renewed");
    assertThat(section.getElementById("mig-" + mine.id() + "-renewal").text())
        .contains("re-petition", "January 9, 2027", "100");
    // the mails that went to the organizers
    assertThat(section.select("table.mails code").eachText()).contains("renewal-reminder");
    assertThat(section.select("table.mails td").eachText()).anyMatch(t -> t.contains(mine.name()));
    // its postal address, and a link to the MIG's page
    assertThat(section.select("dd.address").text()).isEqualTo("1 Main St, Springfield");
    assertThat(section.select("a[href=/migs/" + mine.id() + "]")).hasSize(1);
    // and nothing of the MIG Ana does not organize
    assertThat(page.body()).doesNotContain(theirs.id(), theirs.name());
    assertThat(page.html().select("section.my-mig")).allSatisfy(s ->
        assertThat(jdbc.queryForObject("select count(*) from mig_organizer where mig_id = ? and email = ?",
            Integer.class, s.id().substring(4), ANA)).isEqualTo(1));
  }

  @Test
  void aReportDueWithinTheTermComesWithItsRemindersAndTheRenewalRemindersBeforeTheTermEnds() {
    Managed mig = mig("Reminded");   // term to January 9, 2028; its 2027 report awaited

    Element section = get("/my").byId("mig-" + mig.id());

    assertThat(section.select("ol.deadlines li").eachAttr("data-kind")).containsExactly("REPORT_REMINDER",
        "REPORT_REMINDER", "REPORT_DUE", "REPORT_OVERDUE_NOTICE", "RENEWAL_REMINDER", "RENEWAL_REMINDER", "TERM_END");
    assertThat(section.select("ol.deadlines li time").eachAttr("datetime")).containsExactly("2027-07-02",
        "2027-07-25", "2027-08-01", "2027-08-02", "2027-10-11", "2027-12-10", "2028-01-09");
    assertThat(section.select("ol.deadlines li").eachText()).contains(
        "Jul 2, 2027 Reminder: Annual report 2027 is due in 30 days a mail to the organizers, copied to the staff"
            + " liaison, unless the report has arrived");
  }

  @Test
  void theMailsListNeverShowsASignInLink() {
    Managed mig = mig("No Tokens");
    String token = LinkSession.latestToken(jdbc, ANA);
    assertThat(token).as("Ana's sign-in link is in the outbox").isNotNull();

    Page page = get("/my");

    assertThat(page.body()).doesNotContain(token, "/login/ott?token", "sign-in-link");
    assertThat(page.byId("mig-" + mig.id()).select("table.mails code").eachText()).doesNotContain("sign-in-link");
  }

  @Test
  void staffWhoOpenMyArePointedToTheRegistry() {
    PageClient coo = new PageClient(port).signIn("coo1", "/my");

    Page page = coo.get("/my");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.byId("my-staff").text()).contains("staff user");
    assertThat(page.html().select("main a[href=/registry]")).isNotEmpty();
    assertThat(page.html().select("section.my-mig, form.form")).isEmpty();
  }

  @Test
  void aMemberWhoOrganizesNothingIsToldWhatThePageWillHold() {
    String member = jdbc.queryForObject("""
        select email from member where email is not null and good_standing_through >= ?
          and lower(email) not in (select lower(email) from mig_organizer) order by member_id limit 1""",
        String.class, java.sql.Date.valueOf(LocalDate.of(2026, 11, 23)));

    Page page = toPage(LinkSession.signIn(port, jdbc, member).get("/my"));

    assertThat(page.status()).isEqualTo(200);
    String text = page.byId("no-migs").text();
    assertThat(text).contains("You organize no MIG", "start one below", "Member Programs and Services");
    assertThat(page.html().select("section.my-mig, details.mig-action")).isEmpty();
  }

  @Test
  void anAnonymousVisitorIsSentToSignIn() {
    Page page = new PageClient(port).get("/my");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).contains("/login?next=%2Fmy");
  }

  // --- the annual report -------------------------------------------------------------------------

  @Test
  void theAnnualReportIsFiledAndListedAsReceived() {
    Managed mig = mig("Report Filers");
    String form = "mig-" + mig.id();
    Element details = get("/my").byId(mig.id() + "-report");
    assertThat(details.selectFirst("input[name=year]").val()).as("the awaited year is offered").isEqualTo("2027");

    Answer posted = post("/my/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "2027", "activities", "Two webinars and a meetup at Midwinter."));

    assertThat(posted.status()).isEqualTo(302);
    assertThat(posted.location()).endsWith("/my#" + form);
    assertThat(jdbc.queryForMap("select status, submitted_by, activities from annual_report where id = ?",
        mig.id() + ":2027")).containsEntry("STATUS", "RECEIVED").containsEntry("SUBMITTED_BY", Caller.LINK_ACTOR)
        .containsEntry("ACTIVITIES", "Two webinars and a meetup at Midwinter.");
    Page after = get("/my");
    Element section = after.byId(form);
    assertThat(section.getElementById(form + "-done").text()).contains("Annual report 2027 received",
        "COO reviews it next", "The next report, due August 1, 2028, is owed only if the term is renewed");
    assertThat(section.getElementById("report-" + mig.id() + ":2027").text()).contains("Annual report 2027",
        "RECEIVED");
    assertThat(section.select("table.requests tr[data-kind=ANNUAL_REPORT]").text())
        .contains("Annual report 2027", "COO reviews it");
    assertThat(section.select("time.report-due").attr("datetime")).as("the next one").isEqualTo("2028-08-01");
    assertThat(get("/my").body()).as("the message shows once").doesNotContain(form + "-done");
  }

  @Test
  void anEmptyReportIsRefusedBesideBothFieldsAndNothingIsStored() {
    Managed mig = mig("Empty Reporters");
    String p = mig.id() + "-report";

    Page page = toPage(post("/my/migs/" + mig.id() + "/annual-reports", Map.of("year", "", "activities", "  ")));

    assertThat(page.status()).isEqualTo(400);
    assertProblemBeside(page, p + "-year", "required");
    assertProblemBeside(page, p + "-activities", "required: what the MIG did");
    assertThat(page.byId(p).hasAttr("open")).as("the form is open").isTrue();
    assertThat(page.html().select(".error-summary a").eachAttr("href")).containsExactly("#" + p + "-year",
        "#" + p + "-activities");
    assertThat(page.html().title()).startsWith("Error: ");
    assertThat(page.html().select(".error-summary .where").text()).contains("File the annual report", mig.name());
    assertThat(reportStatus(mig.id() + ":2027")).isEqualTo("AWAITED");
  }

  @Test
  void aYearThatIsNoNumberOrNotAwaitedIsNamedBesideTheYear() {
    Managed mig = mig("Year Typists");
    String p = mig.id() + "-report";

    Page notANumber = toPage(post("/my/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "twenty", "activities", "A meetup.")));
    assertThat(notANumber.status()).isEqualTo(400);
    assertProblemBeside(notANumber, p + "-year", "must be a year such as 2027, got 'twenty'");
    assertThat(notANumber.byId(p + "-activities").attr("aria-invalid")).isEmpty();
    assertThat(notANumber.byId(p + "-activities").text()).as("what was typed is kept").isEqualTo("A meetup.");

    Page notAwaited = toPage(post("/my/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "2031", "activities", "A meetup.")));
    assertThat(notAwaited.status()).isEqualTo(400);
    assertProblemBeside(notAwaited, p + "-year", "No report of MIG '" + mig.id() + "' for 2031 is awaited");
    assertThat(reportStatus(mig.id() + ":2027")).isEqualTo("AWAITED");
  }

  // --- requests with their outcomes, and a returned report (step 12) ----------------------------

  @Test
  void eachRequestIsListedWithItsStatusAndOutcome() {
    Managed mig = mig("Outcome Readers");
    assertThat(post("/my/migs/" + mig.id() + "/support-requests",
        Map.of("type", "SUPPORT_ITEM", "details", "A banner stand.")).status()).isEqualTo(302);
    assertThat(post("/my/migs/" + mig.id() + "/support-requests",
        Map.of("type", "BUDGET", "details", "Speaker travel.", "amount", "750")).status()).isEqualTo(302);
    tasks.complete(task(mig, "provideSupportItem").getId(),
        Map.of("supportProvided", false, "supportNotes", "None in stock."));

    Element list = get("/my").byId(mig.id() + "-requests");
    assertThat(list.select("table.request-records tbody tr")).hasSize(2);
    assertThat(list.select("td.request-status").eachText()).containsExactlyInAnyOrder("OPEN", "DECLINED");
    assertThat(list.text()).contains("support item", "A banner stand.", "Support item not provided by HQ staff."
        + " Notes: None in stock.", "budget", "Speaker travel. (USD 750.00)");
  }

  @Test
  void aRenameIsAskedOnMyAndANameInUseIsRefusedBesideIt() {
    Managed mig = mig("Rename Askers");
    Managed other = mig("Name Holders");

    // a name another active MIG bears is refused beside the form, nothing stored
    Answer refused = post("/my/migs/" + mig.id() + "/rename-requests",
        Map.of("newName", other.name(), "reason", "We like it."));
    assertThat(refused.status()).isEqualTo(400);
    Page page = toPage(refused);
    assertThat(page.byId(mig.id() + "-rename-form-error").text()).contains("Another MIG is named");
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();

    // a free name goes to COO, and is listed as an open request
    Answer posted = post("/my/migs/" + mig.id() + "/rename-requests",
        Map.of("newName", mig.name() + " Renewed", "reason", "A clearer name."));
    assertThat(posted.status()).as(posted.body()).isEqualTo(302);
    assertThat(task(mig, "decideRename")).isNotNull();
    Element section = get("/my").byId("mig-" + mig.id());
    assertThat(section.getElementById("mig-" + mig.id() + "-done").text()).contains("Request to rename the MIG");
    assertThat(section.getElementById(mig.id() + "-requests").text()).contains("rename", "A clearer name.", "OPEN");
  }

  @Test
  void aReturnedReportIsResubmittedOnMyAndEachRoundIsShown() {
    // given a report filed on /my and returned by COO
    Managed mig = mig("Resubmitters");
    String process = migs.reportProcess(mig.id() + ":2027");
    assertThat(post("/my/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "2027", "activities", "A webinar.")).status()).isEqualTo(302);
    migs.runDueJobs(process);
    Task review = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("reviewAnnualReport")
        .singleResult();
    tasks.complete(review.getId(), Map.of("reportAccepted", false, "reviewNotes", "How many attended?"));
    migs.runDueJobs(process);

    // then /my offers to resubmit it, showing COO's notes and the text sent
    Element form = get("/my").byId(mig.id() + "-resubmit-2027");
    assertThat(form).isNotNull();
    assertThat(form.text()).contains("Resubmit the returned report for 2027", "How many attended?");
    assertThat(form.select("textarea[name=activities]").text()).isEqualTo("A webinar.");
    assertThat(form.select("input[name=year]").val()).isEqualTo("2027");

    // when the organizer resubmits it there
    Answer resubmitted = post("/my/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "2027", "activities", "A webinar for 80 members."));

    // then COO reviews it again, and /my shows both rounds
    assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(302);
    migs.runDueJobs(process);
    assertThat(tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("reviewAnnualReport").count())
        .isEqualTo(1);
    Element section = get("/my").byId("mig-" + mig.id());
    assertThat(section.getElementById(mig.id() + "-resubmit-2027")).isNull();
    assertThat(section.getElementById("report-" + mig.id() + ":2027-round-1").text())
        .contains("Round 1", "RETURNED", "A webinar.", "How many attended?");
    assertThat(section.getElementById("report-" + mig.id() + ":2027-round-2").text())
        .contains("Round 2", "IN REVIEW", "A webinar for 80 members.");
  }

  // --- support, transition, disband --------------------------------------------------------------

  @Test
  void aRequestForMeetingSpaceGoesToConferenceServicesAndIsListedAsOpen() {
    Managed mig = mig("Space Seekers");

    Answer posted = post("/my/migs/" + mig.id() + "/support-requests",
        Map.of("type", "MEETING_SPACE", "details", "Room for 40 at Annual, Saturday morning."));

    assertThat(posted.status()).as(posted.body()).isEqualTo(302);
    Task task = task(mig, "arrangeMeetingSpace");
    assertThat(tasks.getVariable(task.getId(), "supportDetails")).isEqualTo("Room for 40 at Annual, Saturday morning.");
    assertThat(tasks.getVariable(task.getId(), "supportRequestedBy")).as("no address in the engine").isEqualTo(Caller.LINK_ACTOR);
    Element section = get("/my").byId("mig-" + mig.id());
    assertThat(section.getElementById("mig-" + mig.id() + "-done").text())
        .contains("Request for meeting space sent", "Conference Services arrange the meeting space");
    assertThat(section.select("table.requests tr[data-kind=MEETING_SPACE]").text())
        .contains("Meeting space", "Room for 40 at Annual", "Conference Services arranges it");
  }

  @Test
  void aBudgetRequestGoesToBarc() {
    Managed mig = mig("Budget Askers");

    Answer posted = post("/my/migs/" + mig.id() + "/support-requests",
        Map.of("type", "BUDGET", "details", "Speakers' travel to Annual.", "amount", "1,200"));

    assertThat(posted.status()).isEqualTo(302);
    assertThat(task(mig, "reviewBudgetRequest")).isNotNull();
    assertThat(get("/my").byId("mig-" + mig.id() + "-done").text()).contains("Budget request sent", "BARC");
  }

  @Test
  void aSupportRequestWithoutTypeOrDetailsIsRefusedBesideEachAndNothingIsStored() {
    Managed mig = mig("Vague Askers");
    String p = mig.id() + "-support";

    Page page = toPage(post("/my/migs/" + mig.id() + "/support-requests", Map.of("details", "")));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.byId(p + "-type-error").text()).contains("required: one of MEETING_SPACE, SUPPORT_ITEM, BUDGET");
    assertThat(page.byId(p + "-type").attr("aria-describedby")).isEqualTo(p + "-type-error");
    assertProblemBeside(page, p + "-details", "required");
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();

    Page unknownType = toPage(post("/my/migs/" + mig.id() + "/support-requests",
        Map.of("type", "PONY", "details", "A pony.")));
    assertThat(unknownType.byId(p + "-type-error").text()).contains("got 'PONY'");
    assertThat(unknownType.byId(p + "-details").text()).isEqualTo("A pony.");
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  @Test
  void aTransitionRequestGoesToCoo() {
    Managed mig = mig("Movers");

    Answer posted = post("/my/migs/" + mig.id() + "/transition-requests",
        Map.of("targetUnit", "RUSA", "reason", "Our work fits RUSA's sections."));

    assertThat(posted.status()).isEqualTo(302);
    Task decide = task(mig, "decideTransition");
    assertThat(runtime.getVariable(decide.getProcessInstanceId(), "targetUnit")).isEqualTo("RUSA");
    Element section = get("/my").byId("mig-" + mig.id());
    assertThat(section.getElementById("mig-" + mig.id() + "-done").text())
        .contains("Request to transition into RUSA sent", "COO decides on it");
    assertThat(section.select("table.requests tr[data-kind=TRANSITION]").text())
        .contains("Request to transition into RUSA", "Our work fits RUSA's sections.", "COO decides on it");
  }

  @Test
  void aTransitionRequestWithoutAUnitIsRefusedBesideItAndNothingIsStored() {
    Managed mig = mig("Undecided Movers");
    String p = mig.id() + "-transition";

    Page page = toPage(post("/my/migs/" + mig.id() + "/transition-requests",
        Map.of("targetUnit", " ", "reason", "We belong elsewhere.")));

    assertThat(page.status()).isEqualTo(400);
    assertProblemBeside(page, p + "-targetUnit", "required");
    assertThat(page.byId(p + "-reason").text()).isEqualTo("We belong elsewhere.");
    assertThat(page.byId(p + "-reason").hasAttr("aria-invalid")).isFalse();
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  @Test
  void aDisbandRequestGoesToCooAndAnotherRequestThenWaits() {
    Managed mig = mig("Leavers");

    Answer posted = post("/my/migs/" + mig.id() + "/disband-requests", Map.of("reason", "Our work is done."));

    assertThat(posted.status()).isEqualTo(302);
    Task confirm = task(mig, "confirmDisband");
    assertThat(runtime.getVariable(confirm.getProcessInstanceId(), "disbandRequestReason")).isEqualTo("Our work is done.");
    assertThat(get("/my").byId("mig-" + mig.id() + "-done").text()).contains("Request to disband sent",
        "If COO confirms it");

    // while COO considers it, a transition request cannot be taken: the form says why
    Page refused = toPage(post("/my/migs/" + mig.id() + "/transition-requests",
        Map.of("targetUnit", "RUSA", "reason", "Or else.")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.byId(mig.id() + "-transition-form-error").text()).contains("cannot take this request now");
    assertThat(tasks.createTaskQuery().processInstanceId(confirm.getProcessInstanceId())
        .taskDefinitionKey("decideTransition").count()).isZero();
  }

  @Test
  void aDisbandRequestWithoutAReasonIsRefusedAndNothingIsStored() {
    Managed mig = mig("Silent Leavers");

    Page page = toPage(post("/my/migs/" + mig.id() + "/disband-requests", Map.of("reason", "")));

    assertThat(page.status()).isEqualTo(400);
    assertProblemBeside(page, mig.id() + "-disband-reason", "required");
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  // --- the postal address ------------------------------------------------------------------------

  @Test
  void anOrganizerCorrectsTheirOwnAddressAndNobodyElses() {
    Managed mig = mig("Movers House");

    Answer posted = post("/my/migs/" + mig.id() + "/address", Map.of("address", "10 Elm St\nApt 3\nSpringfield"));

    assertThat(posted.status()).isEqualTo(302);
    assertThat(address(mig.id(), ANA)).isEqualTo("10 Elm St\nApt 3\nSpringfield");
    assertThat(address(mig.id(), BO)).as("the other organizer's row").isEqualTo("2 Oak Ave, Shelbyville");
    Element section = get("/my").byId("mig-" + mig.id());
    assertThat(section.getElementById("mig-" + mig.id() + "-done").text())
        .contains("Postal address changed", "10 Elm St, Apt 3, Springfield");
    assertThat(section.select("dd.address").text()).contains("10 Elm St");
  }

  @Test
  void aBlankOrOverlongAddressIsRefusedBesideItAndNothingIsStored() {
    Managed mig = mig("Address Typists");
    String id = mig.id() + "-address-address";

    Page blank = toPage(post("/my/migs/" + mig.id() + "/address", Map.of("address", "   ")));
    assertThat(blank.status()).isEqualTo(400);
    assertProblemBeside(blank, id, "required");

    Page tooLong = toPage(post("/my/migs/" + mig.id() + "/address", Map.of("address", "x".repeat(1001))));
    assertThat(tooLong.status()).isEqualTo(400);
    assertProblemBeside(tooLong, id, "longer than 1000 characters");

    Page control = toPage(post("/my/migs/" + mig.id() + "/address", Map.of("address", "1 Main St\u0000")));
    assertProblemBeside(control, id, "control character U+0000");

    assertThat(address(mig.id(), ANA)).isEqualTo("1 Main St, Springfield");
  }

  // --- only for their own MIGs -------------------------------------------------------------------

  @Test
  void anOrganizerOfOneMigMayNotActForAnotherAndNothingIsStored() {
    mig("Own Business");
    Managed other = migs.manage("Not Ana's", LocalDate.of(2025, 1, 10));
    migs.runDueJobs(migs.lifecycle(other.id()));
    String base = "/my/migs/" + other.id();

    for (Map.Entry<String, Map<String, String>> post : Map.of(
        base + "/annual-reports", Map.of("year", "2027", "activities", "Not ours to file."),
        base + "/support-requests", Map.of("type", "SUPPORT_ITEM", "details", "Banners."),
        base + "/transition-requests", Map.of("targetUnit", "RUSA", "reason", "Why not."),
        base + "/disband-requests", Map.of("reason", "Why not."),
        base + "/address", Map.of("address", "Somewhere else")).entrySet()) {
      Answer answer = post(post.getKey(), post.getValue());
      assertThat(answer.status()).as(post.getKey()).isEqualTo(403);
      assertThat(Jsoup.parse(answer.body()).select("[role=alert]").text())
          .contains("is not an organizer of MIG '" + other.id() + "'");
    }
    assertThat(reportStatus(other.id() + ":2027")).isEqualTo("AWAITED");
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(other.id())).count()).isZero();
    assertThat(jdbc.queryForList("select address from mig_organizer where mig_id = ?", String.class, other.id()))
        .doesNotContain("Somewhere else");
  }

  @Test
  void staffMayNotUseTheOrganizersForms() {
    Managed mig = mig("Staff Elsewhere");
    PageClient coo = new PageClient(port).signIn("coo1", "/my");

    Page page = coo.postForm("/my/migs/" + mig.id() + "/disband-requests",
        Map.of("reason", "Not here.", "_csrf", coo.get("/my").csrf()));

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("/migs/" + mig.id());
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  @Test
  void aFormWithoutItsTokenIsRefused() {
    Managed mig = mig("No Token Leavers");

    Answer answer = ana.postForm("/my/migs/" + mig.id() + "/disband-requests", Map.of("reason", "Tokenless."));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  // --- the forms' markup -------------------------------------------------------------------------

  @Test
  void everyInputOfTheFormsHasALabelAndTheFormsCarryTheToken() {
    Managed mig = mig("Labelled");
    Document html = get("/my").html();
    Element section = html.getElementById("mig-" + mig.id());

    List<String> actions = section.select("details.mig-action form").eachAttr("action");
    assertThat(actions).containsExactly("/my/migs/" + mig.id() + "/annual-reports",
        "/my/migs/" + mig.id() + "/support-requests", "/my/migs/" + mig.id() + "/transition-requests",
        "/my/migs/" + mig.id() + "/rename-requests", "/my/migs/" + mig.id() + "/disband-requests",
        "/my/migs/" + mig.id() + "/address");
    for (Element form : section.select("details.mig-action form")) {
      assertThat(form.select("input[name=_csrf]").val()).as(form.attr("action")).isNotBlank();
      for (Element input : form.select("input:not([type=hidden]), select, textarea")) {
        assertThat(html.select("label[for=" + input.id() + "]")).as("label of " + input).hasSize(1);
      }
    }
    assertThat(section.select("[aria-invalid]")).isEmpty();
    assertThat(section.select("details.mig-action[open]")).isEmpty();
    List<String> ids = html.select("[id]").eachAttr("id");
    assertThat(ids).as("ids are unique on the page").doesNotHaveDuplicates();
    assertThat(section.select("input[name=year], textarea[name=activities], textarea[name=details]")).hasSize(3);
  }

  // ---------------------------------------------------------------------------------------------

  private Page get(String path) {
    return toPage(ana.get(path));
  }

  /** A form POST of Ana's session, with the form token of /my. */
  private Answer post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new java.util.HashMap<>(fields);
    withToken.put("_csrf", LinkSession.csrfOf(ana.get("/my")));
    return ana.postForm(path, withToken);
  }

  private static Page toPage(Answer answer) {
    return new Page(answer.status(), answer.body(), answer.location(), "text/html");
  }

  /** The input says it is invalid, names its problem beside it, and the problem says {@code message}. */
  static void assertProblemBeside(Page page, String inputId, String message) {
    Element input = page.byId(inputId);
    assertThat(input.attr("aria-invalid")).as(inputId + " aria-invalid").isEqualTo("true");
    assertThat(input.attr("aria-describedby").split(" ")).as(inputId + " aria-describedby")
        .contains(inputId + "-error");
    assertThat(page.byId(inputId + "-error").text()).as(inputId + " problem").contains(message);
    assertThat(page.html().select(".error-summary a[href=#" + inputId + "]")).as("in the summary").hasSize(1);
  }

  private String reportStatus(String reportId) {
    return jdbc.queryForObject("select status from annual_report where id = ?", String.class, reportId);
  }

  private String address(String migId, String email) {
    return jdbc.queryForObject("select address from mig_organizer where mig_id = ? and email = ?", String.class,
        migId, email);
  }

  private Task task(Managed mig, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).taskDefinitionKey(key)
        .singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }
}
