package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A petition of an older version, its organizers a process variable, is brought in line at start-up. */
@MigSpringBootTest
class PersonalDataCleanupTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired PersonalDataCleanup cleanup;

  @Test
  void organizersMoveFromTheProcessToTheOpenTaskAndLeaveNoHistory() {
    Reply submitted = new HttpApi(port).postJson("/api/petitions", "mps1", PetitionJson.write(
        PetitionJson.establish("Older Petition " + System.nanoTime(), PetitionJson.signatures(jdbc, 100))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String instance = submitted.json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, instance);
    Task verify = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("verifySignatures").singleResult();
    // as an older version left it: personal data in the process, none on the task
    tasks.removeVariablesLocal(verify.getId(), PetitionService.PERSONAL_TASK_VARIABLES);
    runtime.setVariable(instance, "organizersSummary", "Rosa Díaz <rosa@lib.example>, 10 Library Way");

    cleanup.run(null);

    assertThat(runtime.getVariablesLocal(instance)).doesNotContainKeys("organizersSummary", "flaggedSignaturesSummary");
    assertThat((String) tasks.getVariableLocal(verify.getId(), "organizersSummary")).contains("rosa@lib.example");
    assertThat(tasks.getVariableLocal(verify.getId(), "flaggedSignaturesSummary")).isEqualTo("none");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableNameIn("organizersSummary", "flaggedSignaturesSummary").count()).as("history keeps none").isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("petitionId")
        .count()).as("other variables keep their history").isEqualTo(1);
  }
}
