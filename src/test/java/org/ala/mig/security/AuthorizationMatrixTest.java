package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.security.AccessMatrix.Answer;
import org.ala.mig.security.AccessMatrix.Row;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may do what: every {@code /api} call of CONTRACT.md and the code, the pages, the actuator,
 * the engine REST calls that matter, and the webapps' own APIs (Tasklist's engine API, Cockpit's
 * plugin API), each sent as anonymous, as every demo user, and with the link sessions of an
 * organizer of MIG A, an organizer of MIG B and a roster member who organizes nothing, against one
 * expected table. A {@code *} marks an answer that shows personal data: the organizers' email and
 * address and a signer's name, which only COO and Member Programs (and administrators where the
 * contract says so) may read, whichever door they use, and an organizer of their own MIGs. Every
 * differing cell is listed at once.
 *
 * <p>The requests about one MIG are sent for MIG A and for MIG B (a fresh one of the same
 * organizers where a request changes it): an organizer may write for their own MIG (202) and for
 * no other (403), and reads the organizers of their own MIGs only. The probes {@code ?migA},
 * {@code ?migB} and {@code ?petition} look for one MIG's organizers; a caller's own address is
 * never a finding.
 *
 * <p>Where the engine finds a resource by a query that its authorizations filter (a process
 * definition by key, a task by id), a caller who may not read it gets 404, not 403: whether it
 * exists is not told either. Cockpit's plugin API answers any signed-in user, with only what the
 * engine lets them read (an empty list for the groups without Cockpit). Queries that filter on
 * personal data are refused before any sign-in is looked at, so even anonymous callers get 403.
 */
@MigSpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  /** What only COO and Member Programs may read: an organizer's email and address, a signer's name. */
  static final List<String> PERSONAL = List.of("matrix.organizer@private.example", "77 Secret Lane", "Zebulon Privatename");

  /** The organizers of MIG A (and of every fresh MIG A) or of MIG B: the first signs in with a link. */
  record Organizers(String email, String address, String coEmail, String coAddress) {
    List<String> personal() {
      return List.of(email, address, coEmail, coAddress);
    }
  }

  static final String MATRIX = """
      # request                                                         anonymous chair coo1 mps1 confsvc1 liaison1 barc1 council1 admin organizerA organizerB member
      # --- the REST API (staff with HTTP Basic, link sessions with their cookie and X-XSRF-TOKEN) ---
      GET    /api/me                                                          401  200  200  200  200  200  200  200  200   200  200  200
      GET    /api/migs                                                        401  200* 200* 200* 200  200  200  200  200   200* 200* 200
      GET    /api/migs ?migA                                                  401  200* 200* 200* 200  200  200  200  200   200* 200  200
      GET    /api/migs ?migB                                                  401  200* 200* 200* 200  200  200  200  200   200  200* 200
      GET    /api/migs ?petition                                              401  200* 200* 200* 200  200  200  200  200   200  200  200
      GET    /api/migs/{mig}                                                  401  200* 200* 200* 200  200  200  200  200   200  200  200
      GET    /api/migs/{migA}                                                 401  200* 200* 200* 200  200  200  200  200   200* 200  200
      GET    /api/migs/{migB}                                                 401  200* 200* 200* 200  200  200  200  200   200  200* 200
      GET    /api/migs/no-such-mig                                            401  404  404  404  404  404  404  404  404   404  404  404
      POST   /api/migs <existingMig>                                          401  201  201  403  403  403  403  403  201   403  403  403
      POST   /api/petitions <petition>                                        401  201  201  201  403  403  403  403  403   403  403  403
      POST   /api/migs/{reportMigA}/annual-reports <annualReport>             401  202  202  202  403  202  403  403  403   202  403  403
      POST   /api/migs/{reportMigB}/annual-reports <annualReport>             401  202  202  202  403  202  403  403  403   403  202  403
      POST   /api/migs/{freshMigA}/report-requests <reportRequest>            401  202  202  403  403  403  403  403  403   403  403  403
      POST   /api/migs/{freshMigB}/report-requests <reportRequest>            401  202  202  403  403  403  403  403  403   403  403  403
      POST   /api/migs/{freshMigA}/disband-requests <disband>                 401  202  202  202  403  202  403  403  403   202  403  403
      POST   /api/migs/{freshMigB}/disband-requests <disband>                 401  202  202  202  403  202  403  403  403   403  202  403
      POST   /api/migs/{freshMigA}/transition-requests <transition>           401  202  202  202  403  202  403  403  403   202  403  403
      POST   /api/migs/{freshMigB}/transition-requests <transition>           401  202  202  202  403  202  403  403  403   403  202  403
      POST   /api/migs/{freshMigA}/support-requests <support>                 401  202  202  202  403  202  403  403  403   202  403  403
      POST   /api/migs/{freshMigA}/rename-requests <rename>                   401  202  202  202  403  202  403  403  403   202  403  403
      GET    /api/migs/{migA}/requests                                        401  200  200  200  200  200  200  403  403   200  403  403
      GET    /api/migs/{migA}/annual-reports                                  401  200  200  200  403  200  403  403  403   200  403  403
      POST   /api/migs/{freshMigB}/support-requests <support>                 401  202  202  202  403  202  403  403  403   403  202  403
      # the online petition: reading and signing a draft are public; creating is for members (who must organize it), coo and member-programs
      GET    /api/petition-drafts/{draft}                                     200  200  200  200  200  200  200  200  200   200  200  200
      GET    /api/petition-drafts/D-NO-SUCH-DRAFT                             404  404  404  404  404  404  404  404  404   404  404  404
      POST   /api/petition-drafts <draft>                                     401  201  201  201  403  403  403  403  403   403  403  400
      POST   /api/petition-drafts/{draft}/signatures <signature>              202  202  202  202  202  202  202  202  202   202  202  202
      GET    /api/petition-drafts/{draft}/signatures                          401  200  200  200  403  403  403  403  403   403  403  403
      POST   /api/petition-drafts/{draft}/submit                              401  409  409  409  403  403  403  403  403   403  403  403
      GET    /sign/{draft}                                                    200  200  200  200  200  200  200  200  200   200  200  200
      POST   /api/roster <roster>                                             401  403  403  200  403  403  403  403  403   403  403  403
      GET    /api/mail/outbox                                                 401  200* 200* 403  403  403  403  403  200*  403  403  403
      GET    /api/mail/outbox?migId={mig}                                     401  200* 200* 403  403  403  403  403  200*  403  403  403
      GET    /api/mail/outbox?migId={migA}                                    401  200  200  403  403  403  403  403  200   403  403  403
      GET    /api/mail/outbox?migId={migB}                                    401  200  200  403  403  403  403  403  200   403  403  403
      GET    /api/council/reports                                             401  200  200  403  403  403  403  200  403   403  403  403
      # the public Handbook listing (step 13): anyone, and never an organizer's email or address
      GET    /api/handbook                                                    200  200  200  200  200  200  200  200  200   200  200  200
      GET    /api/conferences                                                 401  200  200  200  200  200  200  200  200   200  200  200
      POST   /api/conferences <conference>                                    401  201  403  403  201  403  403  403  403   403  403  403
      GET    /api/conferences/llx-2027/schedule                               401  200  200  200  200  200  200  200  200   200  200  200
      PUT    /api/migs/{mig}/staff-liaisons <liaisons>                        401  403  403  403  403  403  403  403  403   403  403  403
      # the calendar feeds: the link for those who read the MIG's requests, a reset for its organizers, COO, MPS and HQ staff;
      # the feeds are open (a MIG's is protected by its key: a wrong one is 404 for everyone)
      GET    /api/migs/{migA}/calendar                                        401  200  200  200  200  200  200  403  403   200  403  403
      POST   /api/migs/{freshMigA}/calendar/reset                             401  200  200  200  403  200  403  403  403   200  403  403
      GET    /calendar/conferences.ics                                        200  200  200  200  200  200  200  200  200   200  200  200
      GET    /calendar/migs/{migA}.ics?key=not-the-key                        404  404  404  404  404  404  404  404  404   404  404  404
      GET    /api/council/reports/no-such-conference                          401  404  404  403  403  403  403  404  403   403  403  403
      GET    /api/council/analytics                                           401  200  200  403  403  403  403  200  403   403  403  403
      GET    /api/admin/model-migrations                                      401  403  403  403  403  403  403  403  200   403  403  403
      POST   /api/admin/model-migrations <migrationDryRun>                    401  403  403  403  403  403  403  403  200   403  403  403
      GET    /api/admin/sign-in-throttle                                      401  403  403  403  403  403  403  403  200   403  403  403
      DELETE /api/admin/sign-in-throttle/barc1                                401  403  403  403  403  403  403  403  200   403  403  403
      DELETE /api/admin/sign-in-throttle/no-such-user                         401  403  403  403  403  403  403  403  404   403  403  403
      # the API documentation (step 14): every signed-in caller, link sessions too; Swagger UI is a page
      GET    /v3/api-docs                                                     401  200  200  200  200  200  200  200  200   200  200  200
      GET    /swagger-ui/index.html                                           401  200  200  200  200  200  200  200  200   200  200  200
      # --- the actuator ---
      GET    /actuator/health ?details                                        200  200  200  200  200  200  200  200  200*  200  200  200
      GET    /actuator/info                                                   200  200  200  200  200  200  200  200  200   200  200  200
      GET    /actuator/metrics                                                401  403  403  403  403  403  403  403  200   403  403  403
      GET    /actuator/prometheus                                             401  403  403  403  403  403  403  403  200   403  403  403
      GET    /actuator/health/liveness                                        200  200  200  200  200  200  200  200  200   200  200  200
      GET    /actuator/health/readiness                                       200  200  200  200  200  200  200  200  200   200  200  200
      # --- the pages (staff signed in at /login, link sessions at their link) ---
      GET    /                                                                200  200  200  200  200  200  200  200  200   200  200  200
      GET    /registry                                                        login 200 200  200  200  200  200  200  200   200  200  200
      GET    /handbook                                                        200  200  200  200  200  200  200  200  200   200  200  200
      GET    /handbook.csv                                                    200  200  200  200  200  200  200  200  200   200  200  200
      # /my, the organizers' and members' home page, is not built yet on this branch: 404 for everyone signed in
      # /my: staff get a page that points to the registry; an organizer sees their own MIGs in full
      GET    /my ?migA                                                        login 200 200  200  200  200  200  200  200   200* 200  200
      GET    /my ?migB                                                        login 200 200  200  200  200  200  200  200   200  200* 200
      GET    /migs/{mig}                                                      login 200* 200* 200* 200 200  200  200  200   200  200  200
      GET    /migs/{migA}                                                     login 200* 200* 200* 200 200  200  200  200   200  200  200
      GET    /migs/{migB}                                                     login 200* 200* 200* 200 200  200  200  200   200  200  200
      GET    /council                                                         login 200 200  200  200  200  200  200  200   200  200  200
      GET    /conferences                                                     login 200 200  200  200  200  200  200  200   200  200  200
      GET    /conferences/llx-2027/schedule                                   login 200 200  200  200  200  200  200  200   200  200  200
      GET    /council/reports                                                 login 200 200  403  403  403  403  200  403   403  403  403
      GET    /council/reports/no-such-conference                              login 404 404  403  403  403  403  404  403   403  403  403
      GET    /council/analytics                                               login 200 200  403  403  403  403  200  403   403  403  403
      GET    /petitions/new                                                   login 200 200  200  403  403  403  403  403   403  403  403
      GET    /petitions/{petitionId}                                          login 200 200  200  403  403  403  403  403   403  403  403
      GET    /roster                                                          login 403 403  200  403  403  403  403  403   403  403  403
      GET    /outbox?migId={mig}                                              login 200* 200* 403 403  403  403  403  200*  403  403  403
      GET    /simulation                                                      login 404 404  404  404  404  404  404  404   404  404  404
      GET    /diagrams/{definition}.bpmn                                      login 200 200  200  200  200  200  200  200   200  200  200
      # --- engine REST (staff with HTTP Basic and the engine's authorizations; no link session) ---
      GET    /engine-rest/engine                                              401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/process-definition                                  401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/process-definition/key/mig-petition/xml             401  200  200  200  200  404  404  200  200   403  403  403
      GET    /engine-rest/process-definition/key/coo-council-report/xml       401  200  404  404  404  404  404  200  200   403  403  403
      GET    /engine-rest/task                                                401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/task/count                                          401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/task/{verifyTask}                                   401  404  404  200  404  404  404  200  200   403  403  403
      GET    /engine-rest/task/{verifyTask}/variables                         401  403  403  200* 403  403  403  403  200*  403  403  403
      GET    /engine-rest/task/{verifyTask}/form-variables                    401  403  403  200* 403  403  403  403  200*  403  403  403
      GET    /engine-rest/task/{decisionTask}/variables                       401  200* 200* 403  403  403  403  403  200*  403  403  403
      GET    /engine-rest/task/{ackTask}/variables                            401  403  403  403  200  403  403  403  200   403  403  403
      GET    /engine-rest/task/{budgetTask}/variables                         401  403  403  403  403  403  200  403  200   403  403  403
      POST   /engine-rest/task/{verifyTask}/claim <claim>                     401  403  403  204  403  403  403  403  204   403  403  403
      POST   /engine-rest/task/{budgetTask}/claim <claim>                     401  403  403  403  403  403  204  403  204   403  403  403
      POST   /engine-rest/task/{freshVerifyTask}/complete <completeVerify>    401  403  403  204  403  403  403  403  204   403  403  403
      GET    /engine-rest/process-instance                                    401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/process-instance/{petitionInstance}/variables       401  403  403  403  403  403  403  403  200   403  403  403
      DELETE /engine-rest/process-instance/{freshPetitionInstance}            401  403  403  403  403  403  403  403  204   403  403  403
      GET    /engine-rest/variable-instance                                   401  200* 200* 200* 200  200  200  200  200*  403  403  403
      GET    /engine-rest/variable-instance?variableName=organizersSummary    401  200* 200* 200* 200  200  200  200  200*  403  403  403
      GET    /engine-rest/history/variable-instance                           401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/history/process-instance                            401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/task?taskVariables=organizersSummary_like_%25matrix%25 401 403 403 403 403  403  403  403  403   403  403  403
      GET    /engine-rest/history/process-instance?variables=organizersSummary_like_%25matrix%25 401 403 403 403 403 403 403 403 403 403 403 403
      POST   /engine-rest/process-instance <variableFilter>                   401  403  403  403  403  403  403  403  403   403  403  403
      POST   /engine-rest/deployment/create <deployment>                      401  403  403  403  403  403  403  403  200   403  403  403
      POST   /engine-rest/user/create <newUser>                               401  403  403  403  403  403  403  403  204   403  403  403
      POST   /engine-rest/group/create <newGroup>                             401  403  403  403  403  403  403  403  204   403  403  403
      POST   /engine-rest/authorization/create <newAuthorization>             401  403  403  403  403  403  403  403  200   403  403  403
      GET    /engine-rest/job                                                 401  200  200  200  200  200  200  200  200   403  403  403
      POST   /engine-rest/job/{freshPetitionJob}/execute                      401  403  403  403  403  403  403  403  204   403  403  403
      GET    /engine-rest/incident                                            401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/filter                                              401  200  200  200  200  200  200  200  200   403  403  403
      GET    /engine-rest/filter/{myGroupTasks}/list                          401  200  200  200  200  200  200  403  200   403  403  403
      # --- the webapps' own APIs (staff with their session and CSRF token; no link session) ---
      GET    /camunda/api/engine/engine/default/task/{verifyTask}/form-variables 401 403 403 200* 403 403 403  403  200*  403  403  403
      GET    /camunda/api/engine/engine/default/task/{ackTask}/form-variables 401  403  403  403  200  403  403  403  200   403  403  403
      GET    /camunda/api/engine/engine/default/variable-instance             401  200* 200* 200* 200  200  200  200  200*  403  403  403
      GET    /camunda/api/engine/engine/default/history/variable-instance     401  200  200  200  200  200  200  200  200   403  403  403
      POST   /camunda/api/cockpit/plugin/base/default/process-instance <cockpitQuery> 401 200 200 200 200 200 200 200 200 403 403 403
      POST   /camunda/api/cockpit/plugin/base/default/process-instance <cockpitVariableFilter> 403 403 403 403 403 403 403 403 403 403 403 403
      """;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  HttpApi http;
  ManagedMigs migs;
  List<Map<String, Object>> signatures;
  String suffix = UUID.randomUUID().toString().substring(0, 8);

  // the link sessions' people: unique to this test
  final Organizers organizersA = new Organizers("organizer.a." + suffix + "@private.example",
      "11 Alder Secret Lane, Aville", "co.a." + suffix + "@private.example", "12 Alder Secret Lane, Aville");
  final Organizers organizersB = new Organizers("organizer.b." + suffix + "@private.example",
      "21 Birch Secret Lane, Btown", "co.b." + suffix + "@private.example", "22 Birch Secret Lane, Btown");
  final String memberEmail = "member." + suffix + "@lib.example";
  final String memberId = ("MXM" + suffix).toUpperCase(Locale.ROOT);
  final Map<String, LinkBrowser> linkSessions = new LinkedHashMap<>();

  // the fixtures every read row looks at
  String migId;
  String petitionId;
  String petitionInstance;
  String verifyTask;
  String decisionTask;
  String ackTask;
  String budgetTask;
  String awaitedYear;
  String migA;
  String migB;

  @BeforeAll
  void fixtures() {
    http = new HttpApi(port);
    CamundaWebapps.serve(engine);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
    signatures = PetitionJson.signatures(jdbc, 100);

    // a petition waiting for Member Programs, with the personal data in its task
    Reply first = petition("Matrix Waiting " + suffix, true);
    migId = first.json().path("migId").asText();
    petitionId = first.json().path("petitionId").asText();
    petitionInstance = first.json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, petitionInstance);
    verifyTask = task(petitionInstance, "verifySignatures").getId();

    // one waiting for COO's decision
    String second = petition("Matrix Deciding " + suffix, true).json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, second);
    tasks.complete(task(second, "verifySignatures").getId(), Map.of("validSignatureCount", 100));
    decisionTask = task(second, "cooDecision").getId();

    // one approved, waiting for Conference Services
    String third = petition("Matrix Approved " + suffix, true).json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, third);
    tasks.complete(task(third, "verifySignatures").getId(), Map.of("validSignatureCount", 100));
    tasks.complete(task(third, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    ManagedMigs.runDueJobs(management, third);
    ackTask = task(third, "acknowledgeNotification").getId();

    // a budget request before BARC
    String budgetMig = migs.manage("Matrix Budget", today().minusYears(1)).id();
    Reply budget = http.postJson("/api/migs/" + budgetMig + "/support-requests", "liaison1",
        "{\"type\": \"BUDGET\", \"details\": \"Speaker fees\", \"amount\": 800}");
    assertThat(budget.status()).as(budget.body()).isEqualTo(202);
    String lifecycle = migs.lifecycle(budgetMig);
    ManagedMigs.runDueJobs(management, lifecycle);
    budgetTask = task(lifecycle, "reviewBudgetRequest").getId();

    // MIG A and MIG B, a roster member, and their link sessions
    migA = manageOrganizedBy("Matrix A", organizersA);
    migB = manageOrganizedBy("Matrix B", organizersB);
    Reply roster = http.post("/api/roster", "mps1", "text/csv", "member_id,name,email,good_standing_through\n"
        + memberId + ",Matrix Member," + memberEmail + "," + today().plusYears(1) + "\n");
    assertThat(roster.status()).as(roster.body()).isEqualTo(200);
    assertThat(roster.json().path("imported").asInt()).isEqualTo(1);
    linkSessions.put("organizerA", LinkBrowser.signIn(port, jdbc, organizersA.email()));
    linkSessions.put("organizerB", LinkBrowser.signIn(port, jdbc, organizersB.email()));
    linkSessions.put("member", LinkBrowser.signIn(port, jdbc, memberEmail));
  }

  @Test
  void everyCallerGetsExactlyTheAnswerOfTheTable() {
    List<String> everyone = new ArrayList<>(PERSONAL);
    everyone.addAll(organizersA.personal());
    everyone.addAll(organizersB.personal());
    AccessMatrix matrix = new AccessMatrix(MATRIX, bodies(), Map.of(
        "personal", (user, body) -> shows(everyone, user, body),
        "migA", (user, body) -> shows(organizersA.personal(), user, body),
        "migB", (user, body) -> shows(organizersB.personal(), user, body),
        "petition", (user, body) -> shows(PERSONAL, user, body),
        "details", (user, body) -> body.contains("\"components\"")));
    assertThat(matrix.users).containsExactly(AccessMatrix.ANONYMOUS, "chair", "coo1", "mps1", "confsvc1", "liaison1",
        "barc1", "council1", "admin", "organizerA", "organizerB", "member");

    AccessMatrix.Callers callers = new AccessMatrix.Callers(port);
    linkSessions.forEach(callers::withLinkSession);
    List<String> differences = matrix.differences(callers, new Fixtures());

    System.out.printf("Authorization matrix: %d requests x %d callers = %d cells%n",
        matrix.rows.size(), matrix.users.size(), matrix.cells());
    assertThat(differences).as("%d of %d cells differ:%n%s", differences.size(), matrix.cells(),
        String.join("\n", differences)).isEmpty();
  }

  /**
   * Who a link session is (GET /api/me), and whose organizers it reads in the registry: exactly
   * those of the MIGs it organizes, and none for a member who organizes nothing.
   */
  @Test
  void aLinkSessionIsItsAddressAndReadsTheOrganizersOfItsOwnMigsOnly() {
    for (Map.Entry<String, LinkBrowser> caller : linkSessions.entrySet()) {
      LinkBrowser session = caller.getValue();
      LinkSession.Answer answer = session.get("/api/me");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode me = json(answer.body());
      assertThat(me.path("userId").asText()).isEqualTo(session.email);
      assertThat(me.path("draftsOf").isArray() && me.path("draftsOf").isEmpty()).as(answer.body()).isTrue();
      List<String> organizerOf = texts(me.path("organizerOf"));
      switch (caller.getKey()) {
        case "organizerA" -> {
          assertThat(texts(me.path("groups"))).containsExactly("organizer");
          assertThat(organizerOf).contains(migA).doesNotContain(migB, migId);
          assertThat(me.has("memberId")).as(answer.body()).isFalse();
        }
        case "organizerB" -> {
          assertThat(texts(me.path("groups"))).containsExactly("organizer");
          assertThat(organizerOf).contains(migB).doesNotContain(migA, migId);
          assertThat(me.has("memberId")).as(answer.body()).isFalse();
        }
        default -> {
          assertThat(texts(me.path("groups"))).containsExactly("member");
          assertThat(organizerOf).isEmpty();
          assertThat(me.path("memberId").asText()).isEqualTo(memberId);
        }
      }

      LinkSession.Answer registry = session.get("/api/migs");
      assertThat(registry.status()).as(registry.body()).isEqualTo(200);
      List<String> shown = new ArrayList<>();
      List<String> ownListed = new ArrayList<>();
      json(registry.body()).forEach(mig -> {
        String id = mig.path("id").asText();
        if (mig.path("organizers").isArray()) {
          shown.add(id);
        }
        if (organizerOf.contains(id)) {
          ownListed.add(id);
        }
      });
      assertThat(shown).as("the MIGs whose organizers %s reads", caller.getKey())
          .containsExactlyInAnyOrderElementsOf(ownListed);
      if (!caller.getKey().equals("member")) {
        assertThat(shown).contains(caller.getKey().equals("organizerA") ? migA : migB);
      }
    }
  }

  static boolean showsPersonalData(String body) {
    return PERSONAL.stream().anyMatch(body::contains);
  }

  /** Whether the body shows one of these to the caller: their own address (in the pages' navigation, /api/me) is not a finding. */
  private boolean shows(List<String> personal, String user, String body) {
    LinkBrowser own = linkSessions.get(user);
    // the outbox breaks a long address before its @ with <wbr>: still the address on the screen
    String shown = body.replace("<wbr>", "");
    return personal.stream().filter(p -> own == null || !p.equals(own.email)).anyMatch(shown::contains);
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** POST /api/migs as chair: an active MIG whose term started a year ago, with these organizers. */
  private String manageOrganizedBy(String name, Organizers organizers) {
    Reply reply = http.postJson("/api/migs", "chair", """
        {"name": "%s %s", "statementOfPurpose": "To test who may act for which MIG.",
         "termStart": "%s", "staffLiaison": {"name": "Lee Liaison", "email": "lee@ala.example"},
         "organizers": [{"name": "Olga Organizer", "email": "%s", "address": "%s"},
                        {"name": "Cole Coorganizer", "email": "%s", "address": "%s"}]}""".formatted(
        name, UUID.randomUUID().toString().substring(0, 8), today().minusYears(1), organizers.email(),
        organizers.address(), organizers.coEmail(), organizers.coAddress()));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("status").asText()).isEqualTo("ACTIVE");
    return reply.json().path("id").asText();
  }

  // ---------------------------------------------------------------------------------------------

  private Map<String, Function<String, String>> bodies() {
    String unique = "{unique}";
    return Map.ofEntries(
        Map.entry("conference", user -> "{\"id\": \"matrix-{unique}\", \"name\": \"Matrix Conference {unique}\","
            + " \"startDate\": \"" + today().plusDays(100) + "\"}"),
        Map.entry("liaisons", user -> "[{\"name\": \"Matrix Liaison\", \"email\": \"matrix.liaison@ala.example\"}]"),
        Map.entry("existingMig", user -> """
            {"name": "Matrix Existing %s", "statementOfPurpose": "To test who may bring a MIG under management.",
             "termStart": "%s", "staffLiaison": {"name": "Lee Liaison", "email": "lee@ala.example"},
             "organizers": [{"name": "Ola Berg", "email": "ola@lib.example", "address": "1 Farm Rd, Ames"}]}"""
            .formatted(unique, today().minusYears(1))),
        Map.entry("draft", user -> """
            {"kind": "ESTABLISH", "migName": "Matrix Draft %s", "statementOfPurpose": "To test who may start a petition draft.",
             "organizers": [{"name": "Dora Draft", "email": "dora.draft@lib.example", "address": "1 Draft Rd, Ames"}]}"""
            .formatted(unique)),
        Map.entry("signature", user -> "{\"memberId\": \"NOT-ON-ROSTER\", \"name\": \"Nobody Atall\"}"),
        Map.entry("petition", user -> PetitionJson.write(
            PetitionJson.establish("Matrix Petition " + UUID.randomUUID().toString().substring(0, 8), signatures))),
        Map.entry("annualReport", user -> "{\"year\": {awaitedYear}, \"activities\": \"Two programs at Annual.\"}"),
        Map.entry("reportRequest", user -> "{\"dueDate\": \"" + today().plusDays(60) + "\"}"),
        Map.entry("disband", user -> "{\"reason\": \"Our work is done.\"}"),
        Map.entry("transition", user -> "{\"targetUnit\": \"RUSA\", \"reason\": \"Fits RUSA.\"}"),
        Map.entry("rename", user -> "{\"newName\": \"Matrix Renamed By " + user.replaceAll("[^A-Za-z0-9]", " ").strip() + "\", \"reason\": \"A clearer name.\"}"),
        Map.entry("support", user -> "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner stand\"}"),
        Map.entry("roster", user -> "Content-Type: text/csv\nmember_id,name,email,good_standing_through\n"
            + "MX{unique},Matrix Member,mx{unique}@lib.example,2099-12-31\n"),
        Map.entry("migrationDryRun", user -> "{\"processKey\": \"mig-lifecycle\", \"dryRun\": true}"),
        Map.entry("claim", user -> "{\"userId\": \"{user}\"}"),
        Map.entry("completeVerify", user -> "{\"variables\": {\"validSignatureCount\": {\"value\": 100, \"type\": \"Integer\"}}}"),
        Map.entry("deployment", user -> deployment()),
        Map.entry("newUser", user -> """
            {"profile": {"id": "matrix-{unique}", "firstName": "Mat", "lastName": "Rix", "email": "mat@rix.example"},
             "credentials": {"password": "a-long-matrix-secret"}}"""),
        Map.entry("newGroup", user -> "{\"id\": \"matrix-{unique}\", \"name\": \"Matrix\", \"type\": \"WORKFLOW\"}"),
        Map.entry("newAuthorization", user -> """
            {"type": 1, "permissions": ["READ"], "userId": "coo1", "resourceType": 6, "resourceId": "matrix-{unique}"}"""),
        Map.entry("variableFilter", user -> """
            {"variables": [{"name": "organizersSummary", "operator": "like", "value": "%matrix%"}]}"""),
        Map.entry("cockpitQuery", user -> "{\"processDefinitionId\": \"{definition}\"}"),
        Map.entry("cockpitVariableFilter", user -> """
            {"processDefinitionId": "{definition}",
             "variables": [{"name": "organizersSummary", "operator": "like", "value": "%matrix%"}]}"""));
  }

  private static String deployment() {
    String boundary = "matrix-boundary";
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://ala.org/mig/test">
          <process id="matrix-check" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="start"/>
          </process>
        </definitions>
        """;
    return "Content-Type: multipart/form-data; boundary=" + boundary + "\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix-check\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"matrix-check.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
  }

  /**
   * Resolves {name} in a row, fresh where the request changes what it names: a fresh MIG serves
   * the cells of its row until a request has been let through ({@link #after}).
   */
  final class Fixtures implements AccessMatrix.Fixtures {
    private final Map<String, String> fresh = new HashMap<>();

    @Override
    public String resolve(String name, String user) {
      return switch (name) {
        case "mig" -> migId;
        case "migA" -> migA;
        case "migB" -> migB;
        case "draft" -> fresh.computeIfAbsent("draft", n -> {
          Reply draft = http.postJson("/api/petition-drafts", "mps1", """
              {"kind": "ESTABLISH", "migName": "Matrix Signing %s", "statementOfPurpose": "To test who may sign and submit.",
               "organizers": [{"name": "Dora Draft", "email": "dora.draft@lib.example", "address": "1 Draft Rd, Ames"}]}"""
              .formatted(suffix));
          assertThat(draft.status()).as(draft.body()).isEqualTo(201);
          return draft.json().path("draftId").asText();
        });
        case "freshMigA" -> fresh.computeIfAbsent(name, n -> manageOrganizedBy("Matrix Fresh A", organizersA));
        case "freshMigB" -> fresh.computeIfAbsent(name, n -> manageOrganizedBy("Matrix Fresh B", organizersB));
        case "reportMigA" -> fresh.computeIfAbsent(name, n -> reportMig(organizersA));
        case "reportMigB" -> fresh.computeIfAbsent(name, n -> reportMig(organizersB));
        case "petitionId" -> petitionId;
        case "petitionInstance" -> petitionInstance;
        case "verifyTask" -> verifyTask;
        case "decisionTask" -> decisionTask;
        case "ackTask" -> ackTask;
        case "budgetTask" -> budgetTask;
        case "definition" -> repository.createProcessDefinitionQuery().processDefinitionKey("mig-petition")
            .latestVersion().singleResult().getId();
        case "myGroupTasks" -> filters.createFilterQuery().filterName("My Group Tasks").singleResult().getId();
        case "unique" -> UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        case "awaitedYear" -> awaitedYear;
        case "freshVerifyTask" -> {
          String instance = petition("Matrix Fresh Petition " + resolve("unique", user), false)
              .json().path("processInstanceId").asText();
          ManagedMigs.runDueJobs(management, instance);
          yield task(instance, "verifySignatures").getId();
        }
        case "freshPetitionInstance" -> petition("Matrix Fresh Petition " + resolve("unique", user), false)
            .json().path("processInstanceId").asText();
        case "freshPetitionJob" -> {
          String instance = petition("Matrix Fresh Petition " + resolve("unique", user), false)
              .json().path("processInstanceId").asText();
          yield management.createJobQuery().processInstanceId(instance).singleResult().getId();
        }
        default -> throw new IllegalArgumentException("no fixture {" + name + "}");
      };
    }

    @Override
    public void after(Row row, String user, Answer answer) {
      if (answer.status() != 401 && answer.status() != 403) {
        fresh.keySet().removeIf(name -> row.path().contains("{" + name + "}"));
      }
      for (String task : List.of(verifyTask, budgetTask)) {
        if (tasks.createTaskQuery().taskId(task).singleResult().getAssignee() != null) {
          tasks.setAssignee(task, null);
        }
      }
      repository.createDeploymentQuery().deploymentName("matrix-check").list()
          .forEach(d -> repository.deleteDeployment(d.getId(), true));
      identity.createUserQuery().userIdIn(matrixIds("user")).list().forEach(u -> identity.deleteUser(u.getId()));
      identity.createGroupQuery().groupIdIn(matrixIds("group")).list().forEach(g -> identity.deleteGroup(g.getId()));
      authorizations.createAuthorizationQuery().userIdIn("coo1").list().stream()
          .filter(a -> a.getResourceId().startsWith("matrix-"))
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    private String[] matrixIds(String kind) {
      List<String> ids = new ArrayList<>();
      if (kind.equals("user")) {
        identity.createUserQuery().list().stream().filter(u -> u.getId().startsWith("matrix-")).forEach(u -> ids.add(u.getId()));
      } else {
        identity.createGroupQuery().list().stream().filter(g -> g.getId().startsWith("matrix-")).forEach(g -> ids.add(g.getId()));
      }
      ids.add("none");
      return ids.toArray(String[]::new);
    }

    /** A fresh active MIG of these organizers whose report for the coming August 1 is awaited; {awaitedYear} is that year. */
    private String reportMig(Organizers organizers) {
      String id = manageOrganizedBy("Matrix Reporter", organizers);
      ManagedMigs.runDueJobs(management, migs.lifecycle(id));
      Reply mig = http.get("/api/migs/" + id, "admin");
      awaitedYear = mig.json().path("nextAnnualReportDue").asText().substring(0, 4);
      return id;
    }
  }

  private Reply petition(String name, boolean personal) {
    Map<String, Object> body = PetitionJson.establish(name, new ArrayList<>(signatures));
    if (personal) {
      body.put("organizers", List.of(Map.of("name", "Matrix Organizer", "email", PERSONAL.get(0),
          "address", PERSONAL.get(1) + ", Privateville")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> signed = (List<Map<String, Object>>) body.get("signatures");
      signed.add(Map.of("memberId", "X-MATRIX-1", "name", PERSONAL.get(2)));
    }
    Reply reply = http.postJson("/api/petitions", "mps1", PetitionJson.write(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply;
  }

  private Task task(String processInstanceId, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key + " of " + processInstanceId).isNotNull();
    return task;
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
