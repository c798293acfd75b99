package org.ala.mig.petition;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Brings petitions started by an older version in line with {@link
 * PetitionService#PERSONAL_TASK_VARIABLES}: their organizers and flagged signatures were process
 * variables, readable through other groups' tasks, and were kept in the history. At start-up
 * those process variables and their historic copies are removed, and the open Member Programs
 * and COO tasks get them as task-local variables. A database without them is left as it is.
 */
@Component
@Order(15)
class PersonalDataCleanup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(PersonalDataCleanup.class);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final PetitionService petitions;

  PersonalDataCleanup(RuntimeService runtime, TaskService tasks, HistoryService history, PetitionService petitions) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.petitions = petitions;
  }

  @Override
  public void run(ApplicationArguments args) {
    int removed = 0;
    for (String name : PetitionService.PERSONAL_TASK_VARIABLES) {
      for (VariableInstance variable : runtime.createVariableInstanceQuery().variableName(name).list()) {
        if (variable.getTaskId() == null) {
          runtime.removeVariable(variable.getExecutionId(), name);
          removed++;
        }
      }
      for (HistoricVariableInstance old : history.createHistoricVariableInstanceQuery().variableName(name).list()) {
        history.deleteHistoricVariableInstance(old.getId());
        removed++;
      }
    }
    if (removed == 0) {
      return;
    }
    for (Task task : tasks.createTaskQuery().processDefinitionKey(PetitionService.PROCESS_KEY)
        .taskDefinitionKeyIn("verifySignatures", "cooDecision").list()) {
      String petitionId = (String) runtime.getVariable(task.getExecutionId(), "petitionId");
      tasks.setVariableLocal(task.getId(), "organizersSummary", petitions.organizersSummary(petitionId));
      if ("verifySignatures".equals(task.getTaskDefinitionKey())) {
        tasks.setVariableLocal(task.getId(), "flaggedSignaturesSummary", petitions.flaggedSummary(petitionId));
        tasks.setVariableLocal(task.getId(), "signatureCollectionSummary", petitions.collectionSummary(petitionId));
        tasks.setVariableLocal(task.getId(), "onlinePreVerifiedSignatureCount",
            petitions.onlinePreVerifiedCount(petitionId));
      }
    }
    log.info("Moved petitions' personal data out of process variables and history ({} variables)", removed);
  }
}
