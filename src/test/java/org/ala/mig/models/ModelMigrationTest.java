package org.ala.mig.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Moving running instances to a new version of their model ({@link ModelMigration}, GET and POST
 * /api/admin/model-migrations), on the whole application: MIGs whose lifecycles wait on the
 * deployed version in each kind of state are moved to a realistic version 2
 * ({@code src/test/resources/migration/mig-lifecycle-v2.bpmn}: a third renewal reminder and a
 * renamed task) and live on to their end there; a version that drops a step where an instance
 * waits is refused with the step named, and nothing moves; the pages show an instance left on an
 * older version with its own version's diagram.
 *
 * <p>These tests deploy versions into the engine, so the context they used is closed after them
 * ({@link DirtiesContext}); each test deletes what it deployed.
 */
@MigSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ModelMigrationTest {

  static final String KEY = "mig-lifecycle";
  static final String API = "/api/admin/model-migrations";
  /** Monday, November 23, 2026, 09:00 in Chicago. */
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  /** A term from January 10, 2025 to January 9, 2028: its renewal reminders lie ahead. */
  static final LocalDate MID_TERM_START = LocalDate.of(2025, 1, 10);
  /** A term from December 1, 2023 to November 30, 2026: it ends in a week. */
  static final LocalDate ENDING_TERM_START = LocalDate.of(2023, 12, 1);

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired MigRepository registry;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired ModelMigration migration;
  HttpApi http;
  ManagedMigs migs;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void clockAndClients() {
    ManagedMigs.clockAt(NOW);
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void undeployAndResetClock() {
    // the instances on a deleted version go with it; later tests start from the real model again
    for (int i = deployments.size() - 1; i >= 0; i--) {
      repository.deleteDeployment(deployments.get(i), true, true, true);
    }
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void instancesWaitingInEveryKindOfStateMoveToVersion2AndLiveOnThere() {
    // given a MIG whose term ended with its re-petition still before COO: RENEWAL_PENDING
    Managed pending = migs.manage("Renewal Pending", ENDING_TERM_START);
    String pendingLifecycle = migs.lifecycle(pending.id());
    migs.runDueJobs(pendingLifecycle);
    String renewal = fileRenewal(pending.id());
    migs.fire(pendingLifecycle, "termEndReached");
    assertThat(registry.find(pending.id()).orElseThrow().status()).isEqualTo(MigStatus.RENEWAL_PENDING);
    assertThat(runtime.getActiveActivityIds(pendingLifecycle)).containsExactly("awaitRenewalDecision");

    // and one in its term, its renewal reminders and next report scheduled
    Managed term = migs.manage("Term Running", MID_TERM_START);
    String termLifecycle = migs.lifecycle(term.id());
    migs.runDueJobs(termLifecycle);
    assertThat(runtime.getActiveActivityIds(termLifecycle)).contains("renewalReminder90Due", "nextReportOpens");

    // and one whose disband request COO member coo1 has claimed
    Managed disband = migs.manage("Disband Asked", MID_TERM_START);
    String disbandLifecycle = migs.lifecycle(disband.id());
    migs.runDueJobs(disbandLifecycle);
    request(disband.id(), "disband-requests", "{\"reason\": \"Our members now meet in a round table.\"}");
    Task confirm = task(disbandLifecycle, "confirmDisband");
    tasks.claim(confirm.getId(), "coo1");

    // and one whose meeting space request waits for Conference Services, its term running on
    Managed support = migs.manage("Support Asked", MID_TERM_START);
    String supportLifecycle = migs.lifecycle(support.id());
    migs.runDueJobs(supportLifecycle);
    request(support.id(), "support-requests", "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual.\"}");

    // and one just brought under management, its first step waiting for the job executor
    Managed fresh = migs.manage("Just Managed", MID_TERM_START);
    String freshLifecycle = migs.lifecycle(fresh.id());
    assertThat(management.createJobQuery().processInstanceId(freshLifecycle).activityId("openAnnualReport").count())
        .isOne();

    List<String> mine = List.of(pendingLifecycle, termLifecycle, disbandLifecycle, supportLifecycle, freshLifecycle);
    ProcessDefinition v1 = latest();
    Map<String, Snapshot> before = new LinkedHashMap<>();
    mine.forEach(id -> before.put(id, snapshot(id)));
    before.values().forEach(s -> assertThat(s.definitionId()).isEqualTo(v1.getId()));
    long onV1 = runtime.createProcessInstanceQuery().processDefinitionId(v1.getId()).count();

    // when the release with version 2 of the model is deployed
    ProcessDefinition v2 = deploy("mig-lifecycle-v2.bpmn");
    assertThat(v2.getVersion()).isGreaterThan(v1.getVersion());
    assertThat(v2.getVersionTag()).isEqualTo("1.2");

    // then the administrator sees what runs on the old version, and that all of it can move
    Reply overview = http.get(API, "admin");
    assertThat(overview.status()).as(overview.body()).isEqualTo(200);
    JsonNode lifecycle = byKey(overview.json(), KEY);
    assertThat(lifecycle.path("target").path("version").asInt()).isEqualTo(v2.getVersion());
    assertThat(lifecycle.path("dryRun").asBoolean()).isTrue();
    JsonNode source = single(lifecycle.path("sources"));
    assertThat(source.path("version").asInt()).isEqualTo(v1.getVersion());
    assertThat(source.path("instances").asLong()).isEqualTo(onV1);
    assertThat(source.path("result").asText()).isEqualTo("CAN_MIGRATE");
    assertThat(source.path("problems")).isEmpty();
    assertThat(source.path("notInTarget")).isEmpty();
    Map<String, JsonNode> plan = instructions(source);
    assertThat(plan.keySet()).contains("termRunning", "renewalReminder90Due", "renewalReminder30Due", "termEndReached",
        "nextReportOpens", "confirmDisband", "arrangeMeetingSpace", "awaitRenewalDecision", "renewalDisapproved",
        "termRenewed", "disbandRequested", "supportRequested", "openAnnualReport");
    plan.forEach((from, instruction) -> {
      assertThat(instruction.path("to").asText()).as(from).isEqualTo(from);
      // no trigger changed in version 2: every timer keeps its job and due date
      assertThat(instruction.path("updateEventTrigger").asBoolean()).as(from).isFalse();
    });
    assertThat(plan.get("confirmDisband").path("name").asText()).isEqualTo("Confirm the disbanding");
    // and the dry run changed nothing
    mine.forEach(id -> assertThat(definitionOf(id)).isEqualTo(v1.getId()));

    // when the administrator migrates
    Reply migrated = http.postJson(API, "admin", "{\"processKey\": \"mig-lifecycle\", \"dryRun\": false}");

    // then every instance of version 1 is on version 2
    assertThat(migrated.status()).as(migrated.body()).isEqualTo(200);
    JsonNode done = single(migrated.json().path("sources"));
    assertThat(done.path("result").asText()).isEqualTo("MIGRATED");
    assertThat(done.path("migrated").asLong()).isEqualTo(onV1);
    assertThat(migrated.json().path("summary").asText())
        .isEqualTo("Migrated to version " + v2.getVersion() + " of mig-lifecycle: " + onV1 + " on version " + v1.getVersion());
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v1.getId()).count()).isZero();

    // with their business keys, variables, steps, timers (same jobs, same due dates) and open
    // tasks (same task, assignee, candidate group and variables) as they were
    for (String id : mine) {
      Snapshot after = snapshot(id);
      assertThat(after.definitionId()).as(id).isEqualTo(v2.getId());
      assertThat(after.withDefinition(v1.getId())).as(id).isEqualTo(before.get(id));
    }
    assertThat(management.createJobQuery().processInstanceId(termLifecycle).list())
        .allSatisfy(job -> assertThat(job.getProcessDefinitionId()).isEqualTo(v2.getId()));
    Task migratedConfirm = task(disbandLifecycle, "confirmDisband");
    assertThat(migratedConfirm.getId()).isEqualTo(confirm.getId());
    assertThat(migratedConfirm.getProcessDefinitionId()).isEqualTo(v2.getId());
    // the engine does not rename a task that exists: it keeps the name (with its MIG) it was created with
    assertThat(migratedConfirm.getName()).isEqualTo(confirm.getName()).isEqualTo("Confirm the disbanding: " + disband.name());
    assertThat(migratedConfirm.getDueDate()).isEqualTo(confirm.getDueDate());
    // and Tasklist finds its form in the deployment of version 2
    assertThat(formOf(migratedConfirm)).contains("\"id\": \"confirm-disband\"");
    assertThat(repository.getDeploymentResourceNames(v2.getDeploymentId())).contains("confirm-disband.form");
    // and history stays linked: the steps taken on version 1 belong to the same instance
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pendingLifecycle)
        .activityId("sendRenewalReminder30").count()).isOne();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(termLifecycle).singleResult()
        .getProcessDefinitionId()).isEqualTo(v2.getId());
    // and the overview has nothing left to move
    assertThat(byKey(http.get(API, "admin").json(), KEY).path("sources")).isEmpty();

    // when COO member coo1 confirms the disbanding in Tasklist (engine REST)
    Reply completed = http.postJson("/engine-rest/task/" + confirm.getId() + "/complete", "coo1",
        "{\"variables\": {\"disbandConfirmed\": {\"value\": true, \"type\": \"Boolean\"}}}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    migs.runDueJobs(disbandLifecycle);

    // then that MIG is disbanded on version 2
    assertThat(registry.find(disband.id()).orElseThrow().disbandReason()).isEqualTo("REQUESTED");
    assertEnded(disbandLifecycle, v2, "migDisbandedOnRequest");

    // when Conference Services arranges the meeting space
    Task space = task(supportLifecycle, "arrangeMeetingSpace");
    tasks.complete(space.getId(), Map.of("meetingArrangements", "Room 201, Saturday 10:00."));

    // then the request is done and the term runs on
    assertThat(runtime.getActiveActivityIds(supportLifecycle)).doesNotContain("arrangeMeetingSpace")
        .contains("renewalReminder90Due");

    // when COO approves the late re-petition
    decide(renewal);

    // then the message reaches the migrated lifecycle, and its next term runs on version 2
    assertThat(registry.find(pending.id()).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(registry.find(pending.id()).orElseThrow().termEnd()).isEqualTo(LocalDate.of(2029, 11, 30));
    assertThat(runtime.getActiveActivityIds(pendingLifecycle)).contains("renewalReminder90Due");
    assertThat(definitionOf(pendingLifecycle)).isEqualTo(v2.getId());

    // when the MIG just brought under management takes its first step
    migs.runDueJobs(freshLifecycle);
    assertThat(runtime.getActiveActivityIds(freshLifecycle)).contains("renewalReminder90Due", "nextReportOpens");

    // and the term of the MIG in mid-term runs out with nothing filed
    runToTheEnd(termLifecycle);

    // then it got version 2's third reminder, 7 days before the end, and was disbanded there
    assertThat(keys(term.id(), "renewal-reminder")).containsExactly(
        "renewal-reminder/" + term.id() + "/2028-01-09/90",
        "renewal-reminder/" + term.id() + "/2028-01-09/30",
        "renewal-reminder/" + term.id() + "/2028-01-09/7");
    assertThat(registry.find(term.id()).orElseThrow().status()).isEqualTo(MigStatus.DISBANDED);
    assertThat(registry.find(term.id()).orElseThrow().disbandReason()).isEqualTo("NOT_RENEWED");
    assertEnded(termLifecycle, v2, "migDisbandedNotRenewed");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(termLifecycle)
        .activityId("sendRenewalReminder7").count()).isOne();
  }

  @Test
  void aVersionWithoutAStepWhereAnInstanceWaitsIsRefusedNamingTheStepAndNothingMoves(CapturedOutput log) {
    // given a MIG whose disband request waits for COO's confirmation, and one in its term
    Managed asked = migs.manage("Still Asking", MID_TERM_START);
    String askedLifecycle = migs.lifecycle(asked.id());
    migs.runDueJobs(askedLifecycle);
    request(asked.id(), "disband-requests", "{\"reason\": \"We have finished our work.\"}");
    Managed running = migs.manage("Just Running", MID_TERM_START);
    migs.runDueJobs(migs.lifecycle(running.id()));
    ProcessDefinition v1 = latest();
    Map<String, String> definitions = definitions();
    long waiting = tasks.createTaskQuery().processDefinitionId(v1.getId()).taskDefinitionKey("confirmDisband").count();
    assertThat(waiting).isPositive();

    // when a version that disbands on request without COO's confirmation is deployed
    ProcessDefinition v2 = deploy("mig-lifecycle-without-confirm-disband.bpmn");

    // then the dry run names the step that cannot be mapped, why, and how many instances wait there
    Reply dry = http.postJson(API, "admin",
        "{\"processKey\": \"mig-lifecycle\", \"sourceVersion\": " + v1.getVersion() + ", \"dryRun\": true}");
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().path("blocked").asBoolean()).isTrue();
    JsonNode source = single(dry.json().path("sources"));
    assertThat(source.path("result").asText()).isEqualTo("CANNOT_MIGRATE");
    JsonNode problem = single(source.path("problems"));
    assertThat(problem.path("activityId").asText()).isEqualTo("confirmDisband");
    assertThat(problem.path("activityName").asText()).isEqualTo("Confirm the disbanding");
    assertThat(problem.path("instances").asLong()).isEqualTo(waiting);
    assertThat(problem.path("reason").asText())
        .isEqualTo("version " + v2.getVersion() + " has no step 'confirmDisband' to move these instances to");
    assertThat(source.path("notInTarget").findValuesAsText("activityId"))
        .containsExactlyInAnyOrder("confirmDisband", "disbandConfirmedGateway");
    assertThat(instructions(source)).doesNotContainKey("confirmDisband").containsKey("termRunning");
    // found without asking the engine to migrate, which would log each refusal as an error
    assertThat(log.getAll()).doesNotContain("ENGINE-23004");

    // when the administrator migrates anyway
    Reply refused = http.postJson(API, "admin", "{\"processKey\": \"mig-lifecycle\", \"dryRun\": false}");

    // then it is refused with the same reasons, and every instance stays where it was
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).startsWith("Nothing was migrated: some instances of mig-lifecycle");
    JsonNode refusedSource = single(refused.json().path("migration").path("sources"));
    assertThat(refusedSource.path("result").asText()).isEqualTo("CANNOT_MIGRATE");
    assertThat(single(refusedSource.path("problems")).path("activityId").asText()).isEqualTo("confirmDisband");
    assertThat(definitions()).isEqualTo(definitions);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2.getId()).count()).isZero();

    // and the instances left on version 1 live on there: COO can still confirm
    tasks.complete(task(askedLifecycle, "confirmDisband").getId(), Map.of("disbandConfirmed", false));
    assertThat(runtime.getActiveActivityIds(askedLifecycle)).contains("renewalReminder90Due");
    assertThat(definitionOf(askedLifecycle)).isEqualTo(v1.getId());
  }

  @Test
  void aStepMadeSynchronousRefusesTheInstancesWaitingForTheJobExecutorBeforeIt() throws IOException {
    // given a MIG just brought under management, its first step waiting for the job executor,
    // and one whose first step ran
    Managed fresh = migs.manage("Not Yet Started", MID_TERM_START);
    String freshLifecycle = migs.lifecycle(fresh.id());
    Managed started = migs.manage("Started", MID_TERM_START);
    String startedLifecycle = migs.lifecycle(started.id());
    migs.runDueJobs(startedLifecycle);
    ProcessDefinition v1 = latest();
    long waiting = management.createJobQuery().processDefinitionId(v1.getId()).activityId("openAnnualReport").list()
        .stream().map(Job::getProcessInstanceId).distinct().count();

    // when a version in which that step is no longer asynchronous is deployed
    BpmnModelInstance synchronous = model("processes/mig-lifecycle.bpmn");
    synchronous.<org.camunda.bpm.model.bpmn.instance.ServiceTask>getModelElementById("openAnnualReport")
        .setCamundaAsyncBefore(false);
    synchronous.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById(KEY).setCamundaVersionTag("1.2");
    ProcessDefinition v2 = deploy(synchronous);

    // then the dry run names the step and why
    ModelMigration.Report dry = migration.dryRun(KEY, v1.getVersion());
    assertThat(dry.blocked()).isTrue();
    ModelMigration.Source source = dry.sources().get(0);
    assertThat(source.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.activityId()).isEqualTo("openAnnualReport");
      assertThat(problem.activityName()).isEqualTo("Open this year's annual report");
      assertThat(problem.instances()).isEqualTo(waiting);
      assertThat(problem.reason()).isEqualTo("instances wait for the job executor at 'openAnnualReport', and in version "
          + v2.getVersion() + " it is asynchronous differently (asyncBefore/asyncAfter), so they cannot wait there");
    });
    // and nothing moved
    assertThat(definitionOf(freshLifecycle)).isEqualTo(v1.getId());
    assertThat(definitionOf(startedLifecycle)).isEqualTo(v1.getId());
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2.getId()).count()).isZero();
  }

  @Test
  void pagesShowAnInstanceLeftOnAnOlderVersionWithItsOwnVersionsDiagram() throws Exception {
    // given a MIG waiting at a step that the latest version no longer has
    Managed asked = migs.manage("Old Version", MID_TERM_START);
    String lifecycle = migs.lifecycle(asked.id());
    migs.runDueJobs(lifecycle);
    request(asked.id(), "disband-requests", "{\"reason\": \"We have finished our work.\"}");
    ProcessDefinition v1 = latest();
    ProcessDefinition v2 = deploy("mig-lifecycle-without-confirm-disband.bpmn");
    long onV1 = runtime.createProcessInstanceQuery().processDefinitionId(v1.getId()).count();
    long atConfirm = tasks.createTaskQuery().processDefinitionKey(KEY).taskDefinitionKey("confirmDisband").count();
    PageClient council = new PageClient(port).signedInAs("council1");

    // when Council opens the MIG's page
    Page page = council.get("/migs/" + asked.id());

    // then its diagram is the one of its own version, with the step it waits at highlighted
    assertThat(page.status()).isEqualTo(200);
    String where = page.byId("where").outerHtml();
    assertThat(where).contains("data-diagram-url=\"/diagrams/" + v1.getId() + ".bpmn\"");
    assertThat(where).contains("MIG lifecycle (version " + v1.getVersion() + ")");
    assertThat(page.html().select("[data-current]").attr("data-current").split(" ")).contains("confirmDisband");
    assertThat(page.html().select("#where .current-steps li[data-activity-id=confirmDisband] strong").text())
        .isEqualTo("Confirm the disbanding");
    Page xml = council.get("/diagrams/" + v1.getId() + ".bpmn");
    assertThat(xml.status()).isEqualTo(200);
    assertThat(xml.body()).contains("id=\"confirmDisband\"");
    assertThat(council.get("/diagrams/" + v2.getId() + ".bpmn").body()).doesNotContain("id=\"confirmDisband\"");

    // when Council opens its overview
    Page overview = council.get("/council");

    // then the latest version is drawn, the older one is named with its instances, and the step
    // only the older version has is counted under its own name
    var section = overview.html().selectFirst("#model-mig-lifecycle");
    assertThat(section).isNotNull();
    assertThat(section.selectFirst("[data-diagram-url]").attr("data-diagram-url"))
        .isEqualTo("/diagrams/" + v2.getId() + ".bpmn");
    var older = section.selectFirst(".older-versions");
    assertThat(older).isNotNull();
    assertThat(older.select("a").attr("href")).isEqualTo("/diagrams/" + v1.getId() + ".bpmn");
    assertThat(older.text()).contains("version " + v1.getVersion() + " (" + v1.getVersionTag() + "): " + onV1);
    var row = section.selectFirst("tr[data-activity-id=confirmDisband]");
    assertThat(row).isNotNull();
    assertThat(row.selectFirst("th").text()).isEqualTo("Confirm the disbanding (only in version " + v1.getVersion()
        + ", not in version " + v2.getVersion() + ")");
    assertThat(row.select("td.number").first().text()).isEqualTo(String.valueOf(atConfirm));
  }

  @Test
  void onlyAdministratorsMigrateAndBadRequestsNameTheirField() {
    // anonymous: 401; signed in outside camunda-admin: 403
    assertThat(http.get(API, null).status()).isEqualTo(401);
    assertThat(http.postJson(API, null, "{\"processKey\": \"mig-lifecycle\", \"dryRun\": true}").status())
        .isEqualTo(401);
    for (String user : List.of("chair", "coo1", "council1", "mps1")) {
      Reply get = http.get(API, user);
      assertThat(get.status()).as(user).isEqualTo(403);
      assertThat(get.json().path("message").asText()).contains("camunda-admin");
      assertThat(http.postJson(API, user, "{\"processKey\": \"mig-lifecycle\", \"dryRun\": false}").status())
          .as(user).isEqualTo(403);
    }

    // the overview lists every model with its latest version
    Reply overview = http.get(API, "admin");
    assertThat(overview.status()).isEqualTo(200);
    assertThat(overview.json().findValuesAsText("processKey"))
        .containsExactly("mig-petition", "mig-lifecycle", "mig-annual-report", "coo-council-report");

    // each missing or wrong field is named
    assertThat(fields(http.postJson(API, "admin", "{}"))).containsExactly("processKey", "dryRun");
    assertThat(fields(http.postJson(API, "admin", "{\"processKey\": \"mig-unknown\", \"dryRun\": true}")))
        .containsExactly("processKey");
    int latest = latest().getVersion();
    Reply noSuchVersion = http.postJson(API, "admin",
        "{\"processKey\": \"mig-lifecycle\", \"sourceVersion\": 99, \"dryRun\": true}");
    assertThat(fields(noSuchVersion)).containsExactly("sourceVersion");
    assertThat(noSuchVersion.json().path("errors").get(0).path("message").asText())
        .isEqualTo("mig-lifecycle has no version 99 (its versions are 1 to " + latest + ")");
    Reply theLatest = http.postJson(API, "admin",
        "{\"processKey\": \"mig-lifecycle\", \"sourceVersion\": " + latest + ", \"dryRun\": false}");
    assertThat(fields(theLatest)).containsExactly("sourceVersion");
    assertThat(theLatest.json().path("errors").get(0).path("message").asText()).contains("is the latest version");
    assertThat(fields(http.postJson(API, "admin",
        "{\"processKey\": \"mig-lifecycle\", \"sourceVersion\": \"one\", \"dryRun\": true}")))
        .containsExactly("sourceVersion");
    assertThat(fields(http.postJson(API, "admin", "{\"processKey\": \"mig-lifecycle\", \"dryRun\": true, \"force\": true}")))
        .containsExactly("force");
  }

  @Test
  void theTestVersionsAreTheRealModelWithOnlyTheirStatedChanges() throws IOException {
    // a step added to bpmn/mig-lifecycle.bpmn must be added to the test's versions as well,
    // or the tests above would migrate to a version that silently lacks it
    Set<String> real = ids(model("processes/mig-lifecycle.bpmn"));
    Set<String> v2 = ids(model("migration/mig-lifecycle-v2.bpmn"));
    Set<String> withoutConfirmation = ids(model("migration/mig-lifecycle-without-confirm-disband.bpmn"));

    assertThat(v2).containsAll(real);
    assertThat(minus(v2, real)).containsExactlyInAnyOrder("renewalReminder7Due", "sendRenewalReminder7",
        "toRenewalReminder7Due", "toSendRenewalReminder7");
    assertThat(minus(real, withoutConfirmation)).containsExactlyInAnyOrder("confirmDisband", "disbandConfirmedGateway",
        "toConfirmDisband", "toDisbandConfirmedGateway", "toTermRunningNotDisbanded");
    assertThat(minus(withoutConfirmation, real)).isEmpty();

    // so must a step's input/output mapping: a step that has one is a scope, and moving between
    // a scope and a plain step moves the step's local variables up into the process
    Map<String, String> realMappings = mappings(model("processes/mig-lifecycle.bpmn"));
    assertThat(mappings(model("migration/mig-lifecycle-v2.bpmn"))).containsAllEntriesOf(realMappings);
    Map<String, String> kept = new TreeMap<>(realMappings);
    kept.remove("confirmDisband");
    assertThat(mappings(model("migration/mig-lifecycle-without-confirm-disband.bpmn"))).isEqualTo(kept);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** What a migration must keep of an instance (its definition aside). */
  record Snapshot(String definitionId, String businessKey, Map<String, Object> variables, List<String> waitsAt,
      Map<String, String> jobs, Map<String, String> tasks) {

    Snapshot withDefinition(String id) {
      return new Snapshot(id, businessKey, variables, waitsAt, jobs, tasks);
    }
  }

  private Snapshot snapshot(String instanceId) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    Map<String, String> jobs = new TreeMap<>();
    for (Job job : management.createJobQuery().processInstanceId(instanceId).list()) {
      jobs.put(job.getId(), job.getJobDefinitionId() == null ? "?" : activityOf(job) + " due "
          + (job.getDuedate() == null ? "now" : job.getDuedate().toInstant()));
    }
    Map<String, String> openTasks = new TreeMap<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(instanceId).list()) {
      String groups = tasks.getIdentityLinksForTask(task.getId()).stream()
          .map(l -> l.getType() + ":" + (l.getGroupId() != null ? l.getGroupId() : l.getUserId()))
          .sorted().collect(Collectors.joining(","));
      openTasks.put(task.getId(), task.getTaskDefinitionKey() + " '" + task.getName() + "' assignee "
          + task.getAssignee() + " " + groups + " local " + new TreeMap<>(tasks.getVariablesLocal(task.getId()))
          + " created " + task.getCreateTime().toInstant());
    }
    List<String> waitsAt = new ArrayList<>(runtime.getActiveActivityIds(instanceId));
    waitsAt.sort(Comparator.naturalOrder());
    return new Snapshot(instance.getProcessDefinitionId(), instance.getBusinessKey(),
        new TreeMap<>(runtime.getVariables(instanceId)), waitsAt, jobs, openTasks);
  }

  private String activityOf(Job job) {
    return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  /** Deploys a test version of mig-lifecycle with the application's forms, as a release would. */
  private ProcessDefinition deploy(String file) {
    return deploy(repository.createDeployment().name("model-migration-test").addClasspathResource("migration/" + file));
  }

  private ProcessDefinition deploy(BpmnModelInstance model) {
    return deploy(repository.createDeployment().name("model-migration-test").addModelInstance("mig-lifecycle.bpmn", model));
  }

  private ProcessDefinition deploy(DeploymentBuilder deployment) {
    try {
      for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.form")) {
        try (InputStream in = form.getInputStream()) {
          deployment.addInputStream(form.getFilename(), in);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    var deployed = deployment.deployWithResult();
    deployments.add(deployed.getId());
    assertThat(deployed.getDeployedProcessDefinitions()).hasSize(1);
    return deployed.getDeployedProcessDefinitions().get(0);
  }

  private ProcessDefinition latest() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
  }

  private String definitionOf(String instanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getProcessDefinitionId();
  }

  /** Every running mig-lifecycle instance and its definition. */
  private Map<String, String> definitions() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
        .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getProcessDefinitionId, (a, b) -> a,
            TreeMap::new));
  }

  private void request(String migId, String endpoint, String body) {
    Reply reply = http.postJson("/api/migs/" + migId + "/" + endpoint, "liaison1", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  private Task task(String instanceId, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private String formOf(Task task) {
    try (InputStream in = forms.getDeployedTaskForm(task.getId())) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A RENEW petition with 100 signatures, entered by Member Programs; returns its process instance. */
  private String fileRenewal(String migId) {
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.renew(migId, PetitionJson.signatures(jdbc, 100))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().path("processInstanceId").asText();
  }

  /** Member Programs confirms the signatures, COO approves, and the petition runs to its end. */
  private void decide(String petition) {
    migs.runDueJobs(petition);
    tasks.complete(task(petition, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(petition, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    migs.runDueJobs(petition);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(petition).count()).as("petition ended").isZero();
  }

  /** Runs the instance's jobs in due order, moving the engine clock to each, until it ends. */
  private void runToTheEnd(String instanceId) {
    for (int i = 0; i < 200; i++) {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      Job next = management.createJobQuery().processInstanceId(instanceId).list().stream()
          .min(Comparator.comparing(job -> job.getDuedate() == null ? now : job.getDuedate().toInstant()))
          .orElse(null);
      if (next == null) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).count()).as("ended").isZero();
        return;
      }
      if (next.getDuedate() != null && next.getDuedate().toInstant().isAfter(now)) {
        ClockUtil.setCurrentTime(Date.from(next.getDuedate().toInstant()));
      }
      management.executeJob(next.getId());
    }
    throw new AssertionError("jobs keep coming in " + instanceId);
  }

  private void assertEnded(String instanceId, ProcessDefinition on, String endActivity) {
    HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    assertThat(ended.getEndTime()).as("ended").isNotNull();
    assertThat(ended.getProcessDefinitionId()).isEqualTo(on.getId());
    assertThat(ended.getEndActivityId()).isEqualTo(endActivity);
  }

  private List<String> keys(String migId, String template) {
    return outbox.list(migId, null, 1000).stream().filter(m -> m.template().equals(template))
        .sorted(Comparator.comparingLong(OutboxMail::id)).map(OutboxMail::key).toList();
  }

  private static JsonNode byKey(JsonNode reports, String key) {
    for (JsonNode report : reports) {
      if (report.path("processKey").asText().equals(key)) {
        return report;
      }
    }
    throw new AssertionError("no report for " + key + " in " + reports);
  }

  private static JsonNode single(JsonNode array) {
    assertThat(array.isArray()).as(array.toString()).isTrue();
    assertThat(array.size()).as(array.toString()).isOne();
    return array.get(0);
  }

  private static Map<String, JsonNode> instructions(JsonNode source) {
    Map<String, JsonNode> byFrom = new TreeMap<>();
    source.path("plan").forEach(i -> byFrom.put(i.path("from").asText(), i));
    return byFrom;
  }

  private static List<String> fields(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    reply.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static BpmnModelInstance model(String resource) throws IOException {
    try (InputStream in = ModelMigrationTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Bpmn.readModelFromStream(in);
    }
  }

  private static Set<String> ids(BpmnModelInstance model) {
    return model.getModelElementsByType(FlowElement.class).stream().map(BaseElement::getId)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Each step with an input/output mapping, and the names it maps in and out. */
  private static Map<String, String> mappings(BpmnModelInstance model) {
    Map<String, String> mappings = new TreeMap<>();
    for (CamundaInputOutput io : model.getModelElementsByType(CamundaInputOutput.class)) {
      String step = ((BaseElement) io.getParentElement().getParentElement()).getId();
      mappings.put(step, "in " + io.getCamundaInputParameters().stream().map(CamundaInputParameter::getCamundaName).sorted().toList()
          + " out " + io.getCamundaOutputParameters().stream().map(CamundaOutputParameter::getCamundaName).sorted().toList());
    }
    return mappings;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> rest = new java.util.TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }
}
