package org.ala.mig.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.models.ModelMigration.Instruction;
import org.ala.mig.models.ModelMigration.Problem;
import org.ala.mig.models.ModelMigration.Result;
import org.ala.mig.models.ModelMigration.Source;
import org.ala.mig.models.ModelMigration.Step;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dry run of one older version: its plan to the target version, the instances standing at a
 * step the plan does not map, and the others migrated in a transaction that is always rolled back
 * (one by one only if the engine refuses them together), so that it reports what the engine would
 * refuse, per step, and changes nothing.
 */
final class MigrationDryRun {

  /** A source version after its dry run, with the plan to execute (null when it cannot be planned). */
  record Checked(Source source, MigrationPlan plan) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TransactionTemplate transactions;
  private final MigrationPlanner planner;

  MigrationDryRun(RepositoryService repository, RuntimeService runtime, ManagementService management,
      TransactionTemplate transactions, MigrationPlanner planner) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.transactions = transactions;
    this.planner = planner;
  }

  Checked check(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance targetModel) {
    BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
    List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list().stream()
        .map(ProcessInstance::getId).toList();
    List<Step> notInTarget = MigrationPlanner.notInTarget(sourceModel, targetModel);
    MigrationPlan plan;
    try {
      plan = planner.plan(source, target, sourceModel, targetModel);
    } catch (MigrationPlanValidationException e) {
      List<Problem> problems = new ArrayList<>();
      for (MigrationInstructionValidationReport r : e.getValidationReport().getInstructionReports()) {
        String from = r.getMigrationInstruction().getSourceActivityId();
        r.getFailures().forEach(f -> problems.add(new Problem(from, MigrationPlanner.name(sourceModel, from), instances.size(),
            "the plan cannot map it: " + f)));
      }
      return new Checked(source(source, instances.size(), List.of(), notInTarget, problems, Result.CANNOT_MIGRATE, 0),
          null);
    }
    MigrationProblems problems = new MigrationProblems(sourceModel, targetModel, target.getVersion());
    Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
        .collect(Collectors.toSet());
    // the instances standing at a step without an instruction: found from one count per step,
    // then looked at one by one
    String[] unmapped = management.createActivityStatisticsQuery(source.getId()).list().stream()
        .map(ActivityStatistics::getId).filter(id -> !mapped.contains(id)).toArray(String[]::new);
    Set<String> suspects = unmapped.length == 0 ? Set.of()
        : runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).activityIdIn(unmapped).list()
            .stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    List<String> candidates = instances.stream()
        .filter(instance -> !suspects.contains(instance) || standsOnlyAtMappedSteps(instance, mapped, problems))
        .toList();
    // the others together, as the migration will take them; one by one only if that is refused
    if (!candidates.isEmpty() && !tryInRolledBackTransaction(plan, candidates, null)) {
      candidates.forEach(instance -> tryInRolledBackTransaction(plan, List.of(instance), problems));
    }
    List<Problem> found = problems.list();
    return new Checked(source(source, instances.size(), MigrationPlanner.instructions(plan, sourceModel), notInTarget, found,
        found.isEmpty() ? Result.CAN_MIGRATE : Result.CANNOT_MIGRATE, 0), plan);
  }

  /**
   * Whether every step the instance stands at (or waits for the job executor before) has an
   * instruction; the steps without one are recorded. This is the usual refusal (a step the new
   * version removed or renamed), found without asking the engine to migrate, which would log
   * each refusal as an error.
   */
  private boolean standsOnlyAtMappedSteps(String instance, Set<String> mapped, MigrationProblems problems) {
    ActivityInstance tree = runtime.getActivityInstance(instance);
    if (tree == null) {
      return false; // it ended meanwhile: nothing to migrate
    }
    List<String> unmapped = new ArrayList<>();
    collectUnmapped(tree, true, mapped, unmapped);
    unmapped.forEach(activityId -> problems.add(instance, activityId, ModelMigration.NO_INSTRUCTION));
    return unmapped.isEmpty();
  }

  private static void collectUnmapped(ActivityInstance instance, boolean root, Set<String> mapped,
      List<String> unmapped) {
    boolean leaf = instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0;
    if (leaf && !root && !mapped.contains(instance.getActivityId())) {
      unmapped.add(instance.getActivityId());
    }
    for (TransitionInstance waiting : instance.getChildTransitionInstances()) {
      if (!mapped.contains(waiting.getActivityId())) {
        unmapped.add(waiting.getActivityId());
      }
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collectUnmapped(child, false, mapped, unmapped);
    }
  }

  /**
   * Migrates instances in a transaction that is always rolled back: whether the engine took them
   * all. The engine validates an instance only when it migrates it, and stops at the first it
   * refuses; that refusal is recorded in {@code problems} when they are given.
   */
  private boolean tryInRolledBackTransaction(MigrationPlan plan, List<String> instances, MigrationProblems problems) {
    return transactions.execute(status -> {
      status.setRollbackOnly();
      try {
        runtime.newMigration(plan).processInstanceIds(instances).execute();
        return true;
      } catch (MigratingProcessInstanceValidationException e) {
        if (problems != null) {
          problems.add(e.getValidationReport());
        }
      } catch (ProcessEngineException e) {
        if (problems != null) {
          instances.forEach(instance -> problems.add(instance, null, e.getMessage()));
        }
      }
      return false;
    });
  }

  private static Source source(ProcessDefinition definition, long instances, List<Instruction> plan,
      List<Step> notInTarget, List<Problem> problems, Result result, long migrated) {
    return new Source(definition.getVersion(), definition.getVersionTag(), definition.getId(), instances, plan,
        notInTarget, problems, result, migrated);
  }
}
