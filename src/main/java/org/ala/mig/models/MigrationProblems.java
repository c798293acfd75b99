package org.ala.mig.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ala.mig.models.ModelMigration.Problem;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** The engine's refusals of the instances of one version, grouped by activity and reason, in words. */
final class MigrationProblems {
  private final BpmnModelInstance sourceModel;
  private final BpmnModelInstance targetModel;
  private final int targetVersion;
  /** activity id (or "") and reason → the instances refused for it. */
  private final Map<List<String>, Set<String>> found = new LinkedHashMap<>();

  MigrationProblems(BpmnModelInstance sourceModel, BpmnModelInstance targetModel, int targetVersion) {
    this.sourceModel = sourceModel;
    this.targetModel = targetModel;
    this.targetVersion = targetVersion;
  }

  void add(MigratingProcessInstanceValidationReport report) {
    String instance = report.getProcessInstanceId();
    report.getFailures().forEach(f -> add(instance, null, f));
    for (MigratingActivityInstanceValidationReport r : report.getActivityInstanceReports()) {
      r.getFailures().forEach(f -> add(instance, r.getSourceScopeId(), f));
    }
    for (MigratingTransitionInstanceValidationReport r : report.getTransitionInstanceReports()) {
      r.getFailures().forEach(f -> add(instance, r.getSourceScopeId(), "it waits for the job executor there: " + f));
    }
  }

  void add(String instance, String activityId, String failure) {
    found.computeIfAbsent(List.of(activityId == null ? "" : activityId, reason(activityId, failure)),
        k -> new LinkedHashSet<>()).add(instance);
  }

  /** The engine's failure, said for an operator where it is the usual one: the step is gone. */
  private String reason(String activityId, String failure) {
    if (activityId != null && failure.startsWith(ModelMigration.NO_INSTRUCTION)) {
      ModelElementInstance inTarget = targetModel.getModelElementById(activityId);
      if (inTarget == null) {
        return "version " + targetVersion + " has no step '" + activityId + "' to move these instances to";
      }
      ModelElementInstance inSource = sourceModel.getModelElementById(activityId);
      if (inSource == null) {
        return failure;
      }
      if (inTarget.getElementType() != inSource.getElementType()) {
        return "in version " + targetVersion + " '" + activityId + "' is a " + inTarget.getElementType().getTypeName()
            + ", not a " + inSource.getElementType().getTypeName();
      }
      if (inSource instanceof FlowNode before && inTarget instanceof FlowNode after
          && (before.isCamundaAsyncBefore() != after.isCamundaAsyncBefore()
              || before.isCamundaAsyncAfter() != after.isCamundaAsyncAfter())) {
        return "instances wait for the job executor at '" + activityId + "', and in version " + targetVersion
            + " it is asynchronous differently (asyncBefore/asyncAfter), so they cannot wait there";
      }
      if (!id(inSource.getParentElement()).equals(id(inTarget.getParentElement()))) {
        return "version " + targetVersion + " has '" + activityId + "' in another subprocess ('"
            + id(inTarget.getParentElement()) + "' instead of '" + id(inSource.getParentElement())
            + "'), so it is not mapped";
      }
      return "the engine maps no instruction for '" + activityId + "' from this version to version " + targetVersion;
    }
    return failure;
  }

  private static String id(ModelElementInstance element) {
    return element instanceof BaseElement base && base.getId() != null ? base.getId() : "";
  }

  List<Problem> list() {
    List<Problem> problems = new ArrayList<>();
    found.forEach((key, instances) -> {
      String activityId = key.get(0).isEmpty() ? null : key.get(0);
      problems.add(new Problem(activityId, MigrationPlanner.name(sourceModel, activityId), instances.size(), key.get(1)));
    });
    return problems;
  }
}
