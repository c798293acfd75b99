package org.ala.mig.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Step 12 changed two models: {@code mig-lifecycle} 1.1 (requests carry their id to the task that
 * decides them; renames) and {@code mig-annual-report} 1.1 (a returned report is resubmitted and
 * reviewed again). Instances running on version 1.0 (the models as released before,
 * {@code src/test/resources/migration/*-1.0.bpmn}) move to 1.1 through the model-migration API,
 * waiting where they waited, and take the new paths from there: a support request taken on 1.0
 * lands on its record when decided on 1.1; a report in review on 1.0 is returned, resubmitted and
 * reviewed again on 1.1.
 *
 * <p>These tests deploy versions into the engine, so the context they used is closed after them;
 * each test deletes what it deployed.
 */
@MigSpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ModelUpgradeStep12Test {

  static final String API = "/api/admin/model-migrations";
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  static final LocalDate TERM_START = LocalDate.of(2025, 1, 10);

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired MigRepository registry;
  @Autowired JdbcTemplate jdbc;
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
    for (int i = deployments.size() - 1; i >= 0; i--) {
      repository.deleteDeployment(deployments.get(i), true, true, true);
    }
    ClockUtil.reset();
  }

  @Test
  void lifecyclesRunningOnVersion10MoveTo11AndTheirRequestsLandOnTheirRecords() {
    // given version 1.0 of mig-lifecycle, and two MIGs living on it: one with a support request
    // before HQ staff, one in its term
    ProcessDefinition v10 = deploy("migration/mig-lifecycle-1.0.bpmn");
    assertThat(v10.getVersionTag()).isEqualTo("1.0");
    Managed asking = migs.manage("Asked On 1.0", TERM_START);
    Managed waiting = migs.manage("Waiting On 1.0", TERM_START);
    String askingLifecycle = migs.lifecycle(asking.id());
    String waitingLifecycle = migs.lifecycle(waiting.id());
    assertThat(definitionOf(askingLifecycle)).isEqualTo(v10.getId());
    Reply support = http.postJson("/api/migs/" + asking.id() + "/support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner.\"}");
    assertThat(support.status()).as(support.body()).isEqualTo(202);
    String requestId = support.json().path("requestId").asText();
    assertThat(runtime.getActiveActivityIds(askingLifecycle)).contains("provideSupportItem");

    // when this release's version is deployed and the administrator migrates the 1.0 instances
    ProcessDefinition v11 = deploy("processes/mig-lifecycle.bpmn");
    assertThat(v11.getVersionTag()).isEqualTo("1.1");
    Reply migrated = http.postJson(API, "admin", "{\"processKey\": \"mig-lifecycle\", \"sourceVersion\": "
        + v10.getVersion() + ", \"dryRun\": false}");

    // then both moved, each waiting where it waited
    assertThat(migrated.status()).as(migrated.body()).isEqualTo(200);
    JsonNode source = migrated.json().path("sources").get(0);
    assertThat(source.path("result").asText()).isEqualTo("MIGRATED");
    assertThat(source.path("notInTarget")).isEmpty();
    assertThat(definitionOf(askingLifecycle)).isEqualTo(v11.getId());
    assertThat(definitionOf(waitingLifecycle)).isEqualTo(v11.getId());
    assertThat(runtime.getActiveActivityIds(askingLifecycle)).contains("provideSupportItem");

    // and when HQ staff decline the request taken on 1.0, its own record has the outcome
    Task provide = tasks.createTaskQuery().processInstanceId(askingLifecycle).taskDefinitionKey("provideSupportItem")
        .singleResult();
    tasks.complete(provide.getId(), Map.of("supportProvided", false, "supportNotes", "Out of banners."));
    JsonNode requests = http.get("/api/migs/" + asking.id() + "/requests", "liaison1").json();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).path("requestId").asText()).isEqualTo(requestId);
    assertThat(requests.get(0).path("status").asText()).isEqualTo("DECLINED");
    List<OutboxMail> mails = migs.mails(asking.id(), "request-decided");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactlyElementsOf(asking.organizerEmails());
    assertThat(migs.text(mails.get(0))).contains("Out of banners.");

    // and the MIG that waited in its term can now ask to be renamed, which 1.0 could not
    String newName = "Renamed After The Upgrade " + waiting.id().substring(waiting.id().length() - 8);
    Reply rename = http.postJson("/api/migs/" + waiting.id() + "/rename-requests", "liaison1",
        "{\"newName\": \"" + newName + "\", \"reason\": \"A clearer name.\"}");
    assertThat(rename.status()).as(rename.body()).isEqualTo(202);
    Task decide = tasks.createTaskQuery().processInstanceId(waitingLifecycle).taskDefinitionKey("decideRename")
        .singleResult();
    tasks.complete(decide.getId(), Map.of("renameApproved", true));
    migs.runDueJobs(waitingLifecycle);
    assertThat(registry.get(waiting.id()).name()).isEqualTo(newName);
    assertThat(registry.formerNames(waiting.id())).containsExactly(waiting.name());
  }

  @Test
  void aReportInReviewOnVersion10MovesTo11AndIsReturnedAndResubmittedThere() {
    // given version 1.0 of mig-annual-report, and a report on it before COO
    ProcessDefinition v10 = deploy("migration/mig-annual-report-1.0.bpmn");
    Managed mig = migs.manage("Reporting On 1.0", TERM_START);
    migs.runDueJobs(migs.lifecycle(mig.id()));
    String reportId = mig.id() + ":2027";
    String process = migs.reportProcess(reportId);
    assertThat(definitionOf(process)).isEqualTo(v10.getId());
    Reply submitted = http.postJson("/api/migs/" + mig.id() + "/annual-reports", "liaison1",
        "{\"year\": 2027, \"activities\": \"A webinar.\"}");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    migs.runDueJobs(process);
    assertThat(runtime.getActiveActivityIds(process)).containsExactly("reviewAnnualReport");

    // when this release's version is deployed and the 1.0 instances are migrated
    ProcessDefinition v11 = deploy("processes/mig-annual-report.bpmn");
    assertThat(v11.getVersionTag()).isEqualTo("1.1");
    Reply migrated = http.postJson(API, "admin", "{\"processKey\": \"mig-annual-report\", \"sourceVersion\": "
        + v10.getVersion() + ", \"dryRun\": false}");
    assertThat(migrated.status()).as(migrated.body()).isEqualTo(200);
    assertThat(definitionOf(process)).isEqualTo(v11.getId());
    assertThat(runtime.getActiveActivityIds(process)).containsExactly("reviewAnnualReport");

    // and COO returns the report
    tasks.complete(task(process, "reviewAnnualReport").getId(),
        Map.of("reportAccepted", false, "reviewNotes", "How many attended?"));
    migs.runDueJobs(process);

    // then it goes back to the organizers, and its resubmission is reviewed again
    assertThat(migs.mails(mig.id(), "annual-report-returned")).hasSize(1);
    assertThat(runtime.getActiveActivityIds(process)).containsExactly("awaitResubmission");
    Reply again = http.postJson("/api/migs/" + mig.id() + "/annual-reports", "liaison1",
        "{\"year\": 2027, \"activities\": \"A webinar for 80.\"}");
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    migs.runDueJobs(process);
    assertThat(runtime.getActiveActivityIds(process)).containsExactly("reviewAnnualReport");
    JsonNode rounds = http.get("/api/migs/" + mig.id() + "/annual-reports/" + reportId, "coo1").json().path("rounds");
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0).path("activities").asText()).isEqualTo("A webinar.");
    assertThat(rounds.get(1).path("activities").asText()).isEqualTo("A webinar for 80.");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Task task(String processInstanceId, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private String definitionOf(String instanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getProcessDefinitionId();
  }

  /** Deploys a version of a model with the application's forms, as a release would. */
  private ProcessDefinition deploy(String resource) {
    DeploymentBuilder deployment = repository.createDeployment().name("model-upgrade-step12-test")
        .addClasspathResource(resource);
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
}
