package org.ala.mig.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.HistoryService;
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
 * mig-petition 1.1 (step 12: the executive office designates the new MIG's staff liaisons, the
 * meeting needs and accommodation kept on the MIG) takes over the petitions running on 1.0
 * through the application's model-migration path (POST /api/admin/model-migrations): a petition
 * waiting for COO's decision goes on to the new steps, and one waiting for Conference Services
 * keeps its acknowledgement, now kept on the MIG.
 *
 * <p>Version 1.0 ({@code src/test/resources/migration/mig-petition-v1.0.bpmn}, the model as it was
 * before step 12) is deployed after the application's, then the real model again, as a release
 * would; this test's deployments are deleted after it, and so the context is closed after the
 * class ({@link DirtiesContext}): the migration moved the other tests' petitions too.
 */
@MigSpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PetitionModelMigrationTest {

  static final String KEY = "mig-petition";
  static final String API = "/api/admin/model-migrations";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @AfterEach
  void undeploy() {
    for (int i = deployments.size() - 1; i >= 0; i--) {
      repository.deleteDeployment(deployments.get(i), true, true, true);
    }
    ClockUtil.reset();
  }

  @Test
  void petitionsRunningOnVersion10MoveToVersion11AndGoOnThroughItsNewSteps() {
    // given petitions running on version 1.0: one before COO, one approved and before Conference Services
    ProcessDefinition v10 = deploy(repository.createDeployment().name("petition-migration-test")
        .addClasspathResource("migration/mig-petition-v1.0.bpmn"));
    assertThat(v10.getVersionTag()).isEqualTo("1.0");
    Started waitingForCoo = submit("Awaiting COO");
    assertThat(definitionOf(waitingForCoo.pid)).isEqualTo(v10.getId());
    runJobs(waitingForCoo.pid);
    tasks.complete(task(waitingForCoo.pid, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    assertThat(runtime.getActiveActivityIds(waitingForCoo.pid)).containsExactly("cooDecision");

    Started waitingForAck = submit("Awaiting Acknowledgement");
    runJobs(waitingForAck.pid);
    tasks.complete(task(waitingForAck.pid, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(waitingForAck.pid, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    runJobs(waitingForAck.pid);
    assertThat(runtime.getActiveActivityIds(waitingForAck.pid)).containsExactly("acknowledgeNotification");
    String ackTaskId = task(waitingForAck.pid, "acknowledgeNotification").getId();

    // when the release with version 1.1 is deployed and the administrator migrates
    ProcessDefinition v11 = deploy(repository.createDeployment().name("petition-migration-test")
        .addClasspathResource("processes/mig-petition.bpmn"));
    assertThat(v11.getVersionTag()).isEqualTo("1.1");
    assertThat(v11.getVersion()).isGreaterThan(v10.getVersion());
    Reply dry = http.postJson(API, "admin", "{\"processKey\": \"mig-petition\", \"dryRun\": true}");
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    JsonNode fromV10 = source(dry.json(), v10.getVersion());
    assertThat(fromV10.path("result").asText()).isEqualTo("CAN_MIGRATE");
    Reply migrated = http.postJson(API, "admin", "{\"processKey\": \"mig-petition\", \"dryRun\": false}");

    // then both petitions are on 1.1, at the same steps, the open task kept
    assertThat(migrated.status()).as(migrated.body()).isEqualTo(200);
    assertThat(source(migrated.json(), v10.getVersion()).path("result").asText()).isEqualTo("MIGRATED");
    assertThat(definitionOf(waitingForCoo.pid)).isEqualTo(v11.getId());
    assertThat(definitionOf(waitingForAck.pid)).isEqualTo(v11.getId());
    assertThat(runtime.getActiveActivityIds(waitingForCoo.pid)).containsExactly("cooDecision");
    assertThat(task(waitingForAck.pid, "acknowledgeNotification").getId()).isEqualTo(ackTaskId);

    // when COO approves the first, then it takes the new path: the executive office designates the liaisons
    tasks.complete(task(waitingForCoo.pid, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    runJobs(waitingForCoo.pid);
    assertThat(runtime.getActiveActivityIds(waitingForCoo.pid))
        .containsExactlyInAnyOrder("acknowledgeNotification", "designateStaffLiaison");
    tasks.complete(task(waitingForCoo.pid, "designateStaffLiaison").getId(),
        Map.of("staffLiaisons", "Jenny Levine <jlevine@ala.org>"));
    tasks.complete(task(waitingForCoo.pid, "acknowledgeNotification").getId(),
        Map.of("accommodationNotes", "Room for 25 at LibLearnX"));
    assertEnded(waitingForCoo.pid, v11);
    JsonNode first = http.get("/api/migs/" + waitingForCoo.migId, "coo1").json();
    assertThat(first.path("staffLiaisons").findValuesAsText("email")).containsExactly("jlevine@ala.org");
    assertThat(first.path("accommodation").asText()).isEqualTo("Room for 25 at LibLearnX");

    // and the second, past the fork already, ends with Conference Services' notes kept on the MIG
    tasks.complete(ackTaskId, Map.of("accommodationNotes", "Room for 40 at Annual"));
    assertEnded(waitingForAck.pid, v11);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(waitingForAck.pid)
        .taskDefinitionKey("designateStaffLiaison").count()).isZero();
    assertThat(http.get("/api/migs/" + waitingForAck.migId, "coo1").json().path("accommodation").asText())
        .isEqualTo("Room for 40 at Annual");
  }

  @Test
  void version10IsTheRealModelWithoutTheStepsOfStep12() throws IOException {
    java.util.Set<String> real = ids("processes/mig-petition.bpmn");
    java.util.Set<String> v10 = ids("migration/mig-petition-v1.0.bpmn");
    assertThat(real).containsAll(v10);
    java.util.Set<String> added = new java.util.TreeSet<>(real);
    added.removeAll(v10);
    assertThat(added).containsExactlyInAnyOrder("establishedFork", "designateStaffLiaison", "staffLiaisonDesignated",
        "toEstablishedFork", "toDesignateStaffLiaison", "toStaffLiaisonDesignated");
  }

  // ---------------------------------------------------------------------------------------------

  private static java.util.Set<String> ids(String resource) throws IOException {
    try (InputStream in = new org.springframework.core.io.ClassPathResource(resource).getInputStream()) {
      return org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in)
          .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.FlowElement.class).stream()
          .map(org.camunda.bpm.model.bpmn.instance.FlowElement::getId)
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  record Started(String pid, String migId) {}

  private Started submit(String name) {
    Reply reply = http.postJson("/api/petitions", "mps1", PetitionJson.write(PetitionJson.establish(
        name + " " + UUID.randomUUID().toString().substring(0, 6), PetitionJson.signatures(jdbc, 100))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return new Started(reply.json().path("processInstanceId").asText(), reply.json().path("migId").asText());
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

  private void runJobs(String pid) {
    ManagedMigs.runDueJobs(management, pid);
  }

  private Task task(String pid, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private String definitionOf(String pid) {
    return runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult().getProcessDefinitionId();
  }

  private void assertEnded(String pid, ProcessDefinition on) {
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count()).as("ended").isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
        .getProcessDefinitionId()).isEqualTo(on.getId());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pid).activityId("migEstablished")
        .finished().count()).isOne();
  }

  private static JsonNode source(JsonNode report, int version) {
    for (JsonNode s : report.path("sources")) {
      if (s.path("version").asInt() == version) {
        return s;
      }
    }
    throw new AssertionError("no source version " + version + " in " + report);
  }
}
