package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sign-in of the pages, the registry (GET /registry) and a MIG's page (GET /migs/{id}) over
 * real HTTP, as a browser without JavaScript sees them: the demo's MIGs, a MIG of the test's own
 * with its timeline, its open task and where its lifecycle stands, and a MIG that ended.
 */
@MigSpringBootTest
class RegistryPagesTest {

  static final List<String> DEMO_MIGS = List.of("diversity", "entrepreneurship-and-maker-spaces",
      "graphic-novels-comics-in-libraries", "librarians-build-communities", "libraries-foster-community-engagement",
      "programming-librarian-interest-group", "virtual-communities-and-libraries");

  /** Monday, November 23, 2026, 09:00 in Chicago: the clock stands there during each test. */
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void clockAndClients() {
    ManagedMigs.clockAt(NOW);
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------
  // signing in

  @Test
  void anAnonymousVisitorIsSentToSignInAndBackToThePageAfterwards() {
    PageClient browser = new PageClient(port);

    Page registry = browser.get("/registry?status=ALL");
    assertThat(registry.status()).isEqualTo(302);
    assertThat(registry.location()).endsWith("/login?next=%2Fregistry%3Fstatus%3DALL");
    assertThat(browser.get("/migs/diversity").location()).endsWith("/login?next=%2Fmigs%2Fdiversity");
    assertThat(browser.get("/council").location()).endsWith("/login?next=%2Fcouncil");
    assertThat(browser.get(diagramPath("mig-lifecycle")).location()).contains("/login?next=");

    Page signedIn = browser.signIn("council1", "demo", "/registry?status=ALL");
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.location()).endsWith("/registry?status=ALL");
    assertThat(browser.get("/registry?status=ALL").status()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordShowsTheErrorOnTheSignInPage() {
    // a user of this test's own: after a wrong password the engine makes a user wait before the
    // next attempt, and the clock stands still here, so a demo user would stay locked out
    String user = "wrong-pw-" + UUID.randomUUID().toString().substring(0, 8);
    User created = identity.newUser(user);
    created.setPassword("right-password");
    identity.saveUser(created);
    PageClient browser = new PageClient(port);

    Page answer = browser.signIn(user, "not-the-password", "/registry");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("id=\"login-error\"", "Wrong user name or password.")
        .contains("value=\"" + user + "\"");
    assertThat(browser.get("/registry").status()).as("still signed out").isEqualTo(302);
  }

  @Test
  void aSignInWithoutTheFormTokenIs403() {
    PageClient browser = new PageClient(port);
    browser.get("/login");   // a session with a token, which the POST does not send

    Page answer = browser.postForm("/login", Map.of("username", "council1", "password", "demo", "next", "/registry"));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(browser.get("/registry").status()).as("not signed in").isEqualTo(302);
  }

  // ---------------------------------------------------------------------------------------------
  // the registry

  @Test
  void councilSeesTheHandbookListingOfTheActiveMigs() {
    PageClient council = new PageClient(port).signedInAs("council1");

    Page page = council.get("/registry");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    for (String id : DEMO_MIGS) {
      String entry = entry(page.body(), id);
      assertThat(entry).as(id).contains("href=\"/migs/" + id + "\"", "class=\"badge ACTIVE\"");
    }
    String diversity = entry(page.body(), "diversity");
    assertThat(diversity).contains("This open forum would be an organizational home", "Gwendolyn Prellwitz",
        "gwendolyn.prellwitz@ala.example");
    String termEnd = attribute(diversity, "time class=\"term-end\" datetime");
    String reportDue = attribute(diversity, "time class=\"report-due\" datetime");
    Reply api = http.get("/api/migs/diversity", "council1");
    assertThat(termEnd).isEqualTo(api.json().path("termEnd").asText());
    assertThat(reportDue).isEqualTo(api.json().path("nextAnnualReportDue").asText());
    assertThat(page.body()).doesNotContain("organizers@diversity.example.org");
  }

  @Test
  void theListingShowsRenewalPendingMigsAndFiltersByStatus() {
    // given a MIG awaiting its renewal decision and one that was disbanded
    Managed pending = migs.manage("Pending Renewal", LocalDate.of(2025, 1, 10));
    Managed gone = migs.manage("Gone Already", LocalDate.of(2025, 1, 10));
    jdbc.update("update mig set status = ? where id = ?", MigStatus.RENEWAL_PENDING.name(), pending.id());
    jdbc.update("update mig set status = ?, disband_reason = 'REQUESTED' where id = ?", MigStatus.DISBANDED.name(),
        gone.id());
    PageClient council = new PageClient(port).signedInAs("council1");

    // the default listing: active and renewal pending, not disbanded
    String current = council.get("/registry").body();
    assertThat(entry(current, pending.id())).contains("class=\"badge RENEWAL_PENDING\"");
    assertThat(current).doesNotContain("id=\"mig-" + gone.id() + "\"");

    // one status
    String disbanded = council.get("/registry?status=DISBANDED").body();
    assertThat(entry(disbanded, gone.id())).contains("class=\"badge DISBANDED\"");
    assertThat(disbanded).doesNotContain("id=\"mig-diversity\"", "id=\"mig-" + pending.id() + "\"")
        .contains("<option value=\"DISBANDED\" selected=\"selected\">");

    // all of them
    String all = council.get("/registry?status=ALL").body();
    assertThat(all).contains("id=\"mig-" + gone.id() + "\"", "id=\"mig-" + pending.id() + "\"", "id=\"mig-diversity\"");

    // a status that does not exist
    Page unknown = council.get("/registry?status=SLEEPING");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("SLEEPING", "must be one of");
  }

  // ---------------------------------------------------------------------------------------------
  // a MIG's page

  @Test
  void aDemoMigsPageShowsItsDetailsAndWhereItsLifecycleStands() {
    PageClient council = new PageClient(port).signedInAs("council1");
    String lifecycle = migs.lifecycle("diversity");
    List<String> active = runtime.getActiveActivityIds(lifecycle);

    Page page = council.get("/migs/diversity");

    assertThat(page.status()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("<h1><span>Diversity</span>", "class=\"badge ACTIVE\"", "Gwendolyn Prellwitz",
        "This open forum would be an organizational home");
    // the diagram container names the model's XML and the steps it stands at
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(lifecycle).singleResult()
        .getProcessDefinitionId();
    String container = diagramContainer(body);
    assertThat(attribute(container, "data-diagram-url")).isEqualTo("/diagrams/" + definitionId + ".bpmn");
    assertThat(attribute(container, "data-current").split(" ")).containsExactlyInAnyOrderElementsOf(active);
    // and the page says the same in words
    String words = section(body, "where");
    for (String activityId : active) {
      assertThat(words).contains("data-activity-id=\"" + activityId + "\"");
    }
    assertThat(words).contains("stands now at");
    BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
    for (String activityId : active) {
      assertThat(words).contains(html(model.<FlowNode>getModelElementById(activityId).getName()));
    }
    // the organizers' addresses are for COO and Member Programs only
    assertThat(body).doesNotContain("organizers@diversity.example.org", "Organizers</h2>");
    assertThat(body).contains("/webjars/bpmn-js/", "/js/diagram.js");
  }

  @Test
  void aReportThatWouldOpenAfterTheTermIsShownWaitingForARenewalNotForADateACenturyAway() {
    // given a MIG whose term ends February 9, 2027, before its 2028 report would open (August 2, 2027)
    ManagedMigs.clockAt(java.time.Instant.parse("2026-12-07T15:00:00Z"));
    Managed mig = migs.manage("Short Of A Year", LocalDate.of(2024, 2, 10));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    assertThat(runtime.getActiveActivityIds(lifecycle)).contains("nextReportOpens");

    // then its page says what the step waits for, without the timer's far date
    Page page = new PageClient(port).signedInAs("council1").get("/migs/" + mig.id());
    String step = page.html().select("#where .current-steps li[data-activity-id=nextReportOpens]").text();
    assertThat(step).isEqualTo("Next report opens (waits until a date: none within this term, so it waits for a renewal)");
    assertThat(page.body()).doesNotContain("2127");
  }

  @Test
  void aMigsPageShowsItsTimelineWithMailsReportsDecisionsAndItsOpenTask() {
    // given a MIG whose term ends on January 9, 2027: its lifecycle has sent the 90-day renewal
    // reminder and opened its next report; and which asked COO to disband it
    Managed mig = migs.manage("Timeline Keepers", LocalDate.of(2024, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Reply request = http.postJson("/api/migs/" + mig.id() + "/disband-requests", "liaison1",
        "{\"reason\": \"Our members now meet elsewhere.\"}");
    assertThat(request.status()).as(request.body()).isEqualTo(202);
    migs.runDueJobs(lifecycle);
    Task confirm = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("confirmDisband").singleResult();
    assertThat(confirm).isNotNull();

    // when council and COO open its page
    String council = new PageClient(port).signedInAs("council1").get("/migs/" + mig.id()).body();
    String coo = new PageClient(port).signedInAs("coo1").get("/migs/" + mig.id()).body();

    // then the open task is listed, for COO
    String openTasks = section(council, "tasks");
    assertThat(openTasks).contains("Confirm the disbanding", "MIG lifecycle", "<span>coo</span>");
    // and the diagram highlights the task it stands at
    assertThat(attribute(diagramContainer(council), "data-current").split(" ")).contains("confirmDisband");
    assertThat(section(council, "where")).contains("Confirm the disbanding", "task for coo");
    // and the timeline has its report and its mails, with template, subject and status
    String timeline = section(council, "timeline");
    List<String> reports = jdbc.queryForList("select id from annual_report where mig_id = ?", String.class, mig.id());
    assertThat(reports).isNotEmpty();
    assertThat(timeline).contains("data-kind=\"Annual report\"", "class=\"badge AWAITED\"");
    List<String> templates = outbox.list(mig.id(), null, 100).stream().map(m -> m.template()).toList();
    assertThat(templates).contains("renewal-reminder");
    for (String template : templates) {
      assertThat(timeline).contains("<code class=\"template\">" + template + "</code>");
    }
    assertThat(timeline).contains("data-kind=\"Mail\"", "class=\"badge PENDING\"");
    // who the mails went to is personal: COO sees the organizers, Council does not
    assertThat(council).doesNotContain(mig.organizerEmails().get(0));
    assertThat(section(coo, "timeline")).contains(mig.organizerEmails().get(0));
    assertThat(coo).contains("Organizers</h2>", "1 Main St, Springfield");

    // when COO confirms the disbanding
    Reply completed = http.postJson("/engine-rest/task/" + confirm.getId() + "/complete", "chair",
        "{\"variables\": {\"disbandConfirmed\": {\"value\": true, \"type\": \"Boolean\"}}}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    migs.runDueJobs(lifecycle);

    // then its page says that its lifecycle ended, at the end event the history records
    String ended = new PageClient(port).signedInAs("council1").get("/migs/" + mig.id()).body();
    String endEvent = history.createHistoricProcessInstanceQuery().processInstanceId(lifecycle).singleResult()
        .getEndActivityId();
    assertThat(endEvent).isEqualTo("migDisbandedOnRequest");
    assertThat(ended).contains("class=\"badge DISBANDED\"", "on its own request");
    assertThat(section(ended, "where")).contains("ended on", "MIG disbanded on request");
    assertThat(attribute(diagramContainer(ended), "data-current")).isEqualTo(endEvent);
    assertThat(section(ended, "tasks")).contains("No open task.");
    assertThat(section(ended, "timeline")).contains("COO approved disbanding the MIG",
        "<code class=\"template\">mig-disbanded</code>", "class=\"badge CANCELLED\"");
  }

  @Test
  void aPetitionedMigsPageShowsWhereItsPetitionStands() {
    // given a petition to establish a MIG, through receipt and the automatic signature check
    String name = "Petitioned Makers " + UUID.randomUUID().toString().substring(0, 6);
    Reply submitted = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String migId = submitted.json().path("migId").asText();
    String process = submitted.json().path("processInstanceId").asText();
    migs.runDueJobs(process);
    List<String> standsAt = runtime.getActiveActivityIds(process);
    assertThat(standsAt).containsExactly("verifySignatures");

    // when council opens its page
    String page = new PageClient(port).signedInAs("council1").get("/migs/" + migId).body();

    // then it stands at the petition's step, on the petition's diagram and in words
    assertThat(page).contains("class=\"badge PETITIONED\"");
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(process).singleResult()
        .getProcessDefinitionId();
    String container = diagramContainer(page);
    assertThat(attribute(container, "data-diagram-url")).isEqualTo("/diagrams/" + definitionId + ".bpmn");
    assertThat(attribute(container, "data-current")).isEqualTo("verifySignatures");
    assertThat(section(page, "where")).contains("Its petition", "MIG petition", "Verify signatures",
        "task for member-programs");
    assertThat(section(page, "tasks")).contains("Verify signatures", "<span>member-programs</span>");
    assertThat(section(page, "timeline")).contains("Petition to establish the MIG submitted", "100 signatures",
        "class=\"badge OPEN\"", "<code class=\"template\">petition-acknowledged</code>");
    assertThat(page).doesNotContain("rosa@lib.example");
  }

  @Test
  void anUnknownMigIsANotFoundPage() {
    Page page = new PageClient(port).signedInAs("liaison1").get("/migs/no-such-mig");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("Not found", "No MIG with id &#39;no-such-mig&#39;");
  }

  // ---------------------------------------------------------------------------------------------
  // staff file for a MIG from its page

  @Test
  void hqStaffFileTheAnnualReportFromTheMigsPage() {
    Managed mig = migs.manage("Staff Filed", LocalDate.of(2025, 1, 10));
    migs.runDueJobs(migs.lifecycle(mig.id()));
    PageClient liaison = new PageClient(port).signedInAs("liaison1");
    Page page = liaison.get("/migs/" + mig.id());
    String file = section(page.body(), "file");
    assertThat(file).contains("File the annual report", "Ask for meeting space", "Ask COO to disband the MIG")
        .doesNotContain("Request an extra report");

    Page posted = liaison.postForm("/migs/" + mig.id() + "/annual-reports",
        Map.of("year", "2027", "activities", "Filed by the liaison for the organizers.", "_csrf", page.csrf()));

    assertThat(posted.status()).as(posted.body()).isEqualTo(302);
    assertThat(posted.location()).endsWith("/migs/" + mig.id() + "#file");
    assertThat(jdbc.queryForMap("select status, submitted_by from annual_report where id = ?", mig.id() + ":2027"))
        .containsEntry("STATUS", "RECEIVED").containsEntry("SUBMITTED_BY", "liaison1");
    Page after = liaison.get("/migs/" + mig.id());
    assertThat(after.byId("done").text()).contains("Annual report 2027 received", "COO reviews it next");
  }

  @Test
  void staffRequestsFromTheMigsPageGoWhereTheApisGo() {
    Managed mig = migs.manage("Staff Requests", LocalDate.of(2025, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    PageClient mps = new PageClient(port).signedInAs("mps1");
    String csrf = mps.get("/migs/" + mig.id()).csrf();

    Page support = mps.postForm("/migs/" + mig.id() + "/support-requests",
        Map.of("type", "SUPPORT_ITEM", "details", "A banner for the booth.", "_csrf", csrf));
    assertThat(support.status()).isEqualTo(302);
    Task item = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("provideSupportItem")
        .singleResult();
    assertThat(tasks.getVariable(item.getId(), "supportRequestedBy")).isEqualTo("mps1");

    PageClient coo = new PageClient(port).signedInAs("coo1");
    Page transition = coo.postForm("/migs/" + mig.id() + "/transition-requests",
        Map.of("targetUnit", "RUSA", "reason", "It fits RUSA.", "_csrf", coo.get("/migs/" + mig.id()).csrf()));
    assertThat(transition.status()).isEqualTo(302);
    assertThat(tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("decideTransition").count())
        .isEqualTo(1);
    assertThat(coo.get("/migs/" + mig.id()).byId("done").text()).contains("Request to transition into RUSA sent");
  }

  @Test
  void cooAsksForAnExtraReportAndADateInThePastIsRefusedBesideIt() {
    Managed mig = migs.manage("Extra Reporters", LocalDate.of(2025, 1, 10));
    PageClient coo = new PageClient(port).signedInAs("coo1");
    Page page = coo.get("/migs/" + mig.id());
    assertThat(section(page.body(), "file")).contains("Request an extra report");
    String id = mig.id() + "-extra-dueDate";

    Page past = coo.postForm("/migs/" + mig.id() + "/report-requests", Map.of("dueDate", "2026-01-01",
        "_csrf", page.csrf()));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.byId(id).attr("aria-invalid")).isEqualTo("true");
    assertThat(past.byId(id).attr("aria-describedby")).contains(id + "-error");
    assertThat(past.byId(id + "-error").text()).contains("must be after today (2026-11-23)");
    assertThat(past.byId(mig.id() + "-extra").hasAttr("open")).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from annual_report where mig_id = ? and extra", Integer.class,
        mig.id())).isZero();

    Page asked = coo.postForm("/migs/" + mig.id() + "/report-requests", Map.of("dueDate", "2027-03-01",
        "_csrf", page.csrf()));
    assertThat(asked.status()).isEqualTo(302);
    assertThat(jdbc.queryForObject("select requested_by from annual_report where id = ?", String.class,
        mig.id() + ":2027-03-01")).isEqualTo("coo1");
  }

  @Test
  void aStaffFormWithAProblemComesBackBesideTheFieldAndStoresNothing() {
    Managed mig = migs.manage("Staff Typos", LocalDate.of(2025, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    PageClient liaison = new PageClient(port).signedInAs("liaison1");

    Page page = liaison.postForm("/migs/" + mig.id() + "/disband-requests",
        Map.of("reason", "", "_csrf", liaison.get("/migs/" + mig.id()).csrf()));

    assertThat(page.status()).isEqualTo(400);
    String id = mig.id() + "-disband-reason";
    assertThat(page.byId(id).attr("aria-invalid")).isEqualTo("true");
    assertThat(page.byId(id + "-error").text()).contains("required");
    assertThat(page.html().select(".error-summary a[href=#" + id + "]")).hasSize(1);
    assertThat(page.body()).contains("<h1><span>" + html(mig.name()) + "</span>");
    assertThat(tasks.createTaskQuery().processInstanceId(lifecycle).count()).isZero();
  }

  @Test
  void councilGetsNoFormsAndMayNotFile() {
    Managed mig = migs.manage("Council Looks", LocalDate.of(2025, 1, 10));
    PageClient council = new PageClient(port).signedInAs("council1");
    Page page = council.get("/migs/" + mig.id());
    assertThat(page.body()).doesNotContain("id=\"file\"", "details class=\"mig-action\"");

    Page posted = council.postForm("/migs/" + mig.id() + "/disband-requests",
        Map.of("reason", "Council says so.", "_csrf", page.csrf()));

    assertThat(posted.status()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().processInstanceId(migs.lifecycle(mig.id())).count()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // the models' XML

  @Test
  void theDiagramsXmlIsServedToTheSessionOnlyForTheApplicationsModels() {
    PageClient liaison = new PageClient(port).signedInAs("liaison1");

    Page xml = liaison.get(diagramPath("mig-lifecycle"));
    assertThat(xml.status()).isEqualTo(200);
    assertThat(xml.contentType()).startsWith("application/xml");
    assertThat(xml.body()).contains("<bpmn:process id=\"mig-lifecycle\"", "bpmndi:BPMNDiagram");

    assertThat(liaison.get("/diagrams/no-such-definition.bpmn").status()).isEqualTo(404);
    String testModel = repository.createProcessDefinitionQuery().processDefinitionKey("timer-check").list().stream()
        .findFirst().map(d -> d.getId()).orElse(null);
    if (testModel != null) {
      assertThat(liaison.get("/diagrams/" + testModel + ".bpmn").status()).as("not a model of the application")
          .isEqualTo(404);
    }
  }

  @Test
  void theViewerAndTheDiagramScriptAreServedFromTheApplication() {
    PageClient browser = new PageClient(port);
    String page = new PageClient(port).signedInAs("council1").get("/migs/diversity").body();

    List<String> assets = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"(/(?:webjars|js)/[^\"]+)\"").matcher(page);
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets).anyMatch(a -> a.endsWith("/dist/bpmn-navigated-viewer.production.min.js"))
        .anyMatch(a -> a.endsWith("/dist/assets/diagram-js.css")).contains("/js/diagram.js");
    for (String asset : assets) {
      Page served = browser.get(asset);   // anonymous: static files are open
      assertThat(served.status()).as(asset).isEqualTo(200);
      assertThat(served.body()).as(asset).isNotEmpty();
    }
    assertThat(page).doesNotContain("https://unpkg", "cdn.");
  }

  // ---------------------------------------------------------------------------------------------

  private String diagramPath(String key) {
    String id = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        .getId();
    return "/diagrams/" + id + ".bpmn";
  }

  /** The listing's entry of one MIG. */
  static String entry(String body, String migId) {
    int start = body.indexOf("id=\"mig-" + migId + "\"");
    assertThat(start).as("entry of " + migId).isNotNegative();
    int end = body.indexOf("</li>", start);
    return body.substring(start, end);
  }

  /** The section of the page with this id. */
  static String section(String body, String id) {
    int start = body.indexOf("<section aria-labelledby=\"" + id + "-heading\" id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return body.substring(start, body.indexOf("</section>", start));
  }

  /** The element that becomes the diagram. */
  static String diagramContainer(String body) {
    Matcher m = Pattern.compile("<div class=\"mig-diagram-canvas\"[^>]*>").matcher(body);
    assertThat(m.find()).as("a diagram container").isTrue();
    return m.group();
  }

  /** The value of the first attribute written as {@code name="value"} (name may include what precedes it). */
  static String attribute(String html, String name) {
    Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as(name + " in " + html).isTrue();
    return m.group(1);
  }

  /** Text as Thymeleaf writes it into HTML. */
  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
