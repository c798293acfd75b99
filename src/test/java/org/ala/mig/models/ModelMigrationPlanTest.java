package org.ala.mig.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.ala.mig.ProcessModelTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plans {@link ModelMigration} builds, on the standalone test engine: an event whose trigger
 * the new version did not change keeps its timer job and due date, and one whose trigger changed
 * is updated. Updating every trigger, as {@code mapEqualActivities().updateEventTriggers()} does,
 * would restart a duration timer from the day of the migration: that is why the plan does not.
 */
class ModelMigrationPlanTest extends ProcessModelTest {

  /** The standalone test engine; its configuration records coverage, so it needs the coverage extension. */
  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION).build();

  static final Instant STARTED = Instant.parse("2027-08-02T14:00:00Z");
  static final Instant MIGRATED = STARTED.plus(Duration.ofDays(10));

  RepositoryService repository;
  RuntimeService runtime;
  ManagementService management;
  ModelMigration migration;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void services() {
    repository = ENGINE.getRepositoryService();
    runtime = ENGINE.getRuntimeService();
    management = ENGINE.getManagementService();
    // plan() only reads the models and asks the engine for the equal activities
    migration = new ModelMigration(repository, runtime, management, ENGINE.getIdentityService(), null);
    ClockUtil.setCurrentTime(Date.from(STARTED));
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true, true, true));
  }

  @Test
  void aTimerTheNewVersionDidNotChangeKeepsItsDueDate() {
    // given an instance waiting 30 days for a follow-up, started ten days before the new version
    ProcessDefinition v1 = deploy(followUp("P30D", "reportSubmitted", "1.0"));
    String instance = runtime.startProcessInstanceByKey("plan-test").getId();
    Instant due = dueDate(instance);
    assertThat(due).isEqualTo(STARTED.plus(Duration.ofDays(30)));
    ProcessDefinition v2 = deploy(followUp("P30D", "reportSubmitted", "1.1"));
    ClockUtil.setCurrentTime(Date.from(MIGRATED));

    // when it is migrated with the plan
    MigrationPlan plan = migration.plan(v1, v2, model(v1), model(v2));
    runtime.newMigration(plan).processInstanceIds(instance).execute();

    // then its timer is due when it was, and no trigger was updated
    assertThat(plan.getInstructions()).extracting(MigrationInstruction::isUpdateEventTrigger).containsOnly(false);
    assertThat(dueDate(instance)).isEqualTo(due);
    assertThat(definitionOf(instance)).isEqualTo(v2.getId());
  }

  @Test
  void updatingEveryTriggerWouldRestartTheTimerFromTheDayOfTheMigration() {
    // given the same instance
    ProcessDefinition v1 = deploy(followUp("P30D", "reportSubmitted", "1.0"));
    String instance = runtime.startProcessInstanceByKey("plan-test").getId();
    ProcessDefinition v2 = deploy(followUp("P30D", "reportSubmitted", "1.1"));
    ClockUtil.setCurrentTime(Date.from(MIGRATED));

    // when it is migrated with every trigger updated
    MigrationPlan everyTrigger = runtime.createMigrationPlan(v1.getId(), v2.getId()).mapEqualActivities()
        .updateEventTriggers().build();
    runtime.newMigration(everyTrigger).processInstanceIds(instance).execute();

    // then the follow-up would come ten days late
    assertThat(dueDate(instance)).isEqualTo(MIGRATED.plus(Duration.ofDays(30)));
  }

  @Test
  void triggersTheNewVersionChangedAreUpdated() {
    // given an instance waiting for a message and a timer that the new version both change
    ProcessDefinition v1 = deploy(followUp("P30D", "reportSubmitted", "1.0"));
    String instance = runtime.startProcessInstanceByKey("plan-test").getId();
    ProcessDefinition v2 = deploy(followUp("P14D", "reportReceived", "2.0"));
    ClockUtil.setCurrentTime(Date.from(MIGRATED));

    // when it is migrated with the plan
    MigrationPlan plan = migration.plan(v1, v2, model(v1), model(v2));
    runtime.newMigration(plan).processInstanceIds(instance).execute();

    // then exactly the two changed events are updated: the timer follows the new duration from
    // the migration, and the new message reaches the instance
    assertThat(plan.getInstructions()).filteredOn(MigrationInstruction::isUpdateEventTrigger)
        .extracting(MigrationInstruction::getSourceActivityId)
        .containsExactlyInAnyOrder("followUpDue", "awaitReport");
    assertThat(dueDate(instance)).isEqualTo(MIGRATED.plus(Duration.ofDays(14)));
    runtime.createMessageCorrelation("reportReceived").processInstanceId(instance).correlate();
    assertThat(runtime.getActiveActivityIds(instance)).containsExactly("followUpDue");
  }

  @Test
  void onlyEventsHaveTriggers() {
    BpmnModelInstance model = followUp("P30D", "reportSubmitted", "1.0");
    assertThat(ModelMigration.trigger(model.getModelElementById("followUpDue")))
        .isEqualTo("timer date null duration P30D cycle null");
    assertThat(ModelMigration.trigger(model.getModelElementById("awaitReport"))).isEqualTo("message reportSubmitted");
    assertThat(ModelMigration.trigger(model.getModelElementById("split"))).isNull();
    assertThat(ModelMigration.triggerChanged(model.getModelElementById("split"), model.getModelElementById("split")))
        .isFalse();
    assertThat(ModelMigration.triggerChanged(model.getModelElementById("followUpDue"),
        followUp("P30D", "reportSubmitted", "1.1").getModelElementById("followUpDue"))).isFalse();
  }

  // ---------------------------------------------------------------------------------------------

  /** A follow-up timer and a message wait side by side, as in the annual report. */
  private static BpmnModelInstance followUp(String duration, String message, String versionTag) {
    return Bpmn.createExecutableProcess("plan-test").camundaVersionTag(versionTag).camundaHistoryTimeToLive(1)
        .startEvent("started")
        .parallelGateway("split")
        .intermediateCatchEvent("followUpDue").timerWithDuration(duration)
        .endEvent("followedUp")
        .moveToNode("split")
        .receiveTask("awaitReport").message(message)
        .endEvent("received")
        .done();
  }

  private ProcessDefinition deploy(BpmnModelInstance model) {
    var deployed = repository.createDeployment().addModelInstance("plan-test.bpmn", model).deployWithResult();
    deployments.add(deployed.getId());
    return deployed.getDeployedProcessDefinitions().get(0);
  }

  private BpmnModelInstance model(ProcessDefinition definition) {
    return repository.getBpmnModelInstance(definition.getId());
  }

  private Instant dueDate(String instance) {
    return management.createJobQuery().processInstanceId(instance).timers().singleResult().getDuedate().toInstant();
  }

  private String definitionOf(String instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
  }
}
