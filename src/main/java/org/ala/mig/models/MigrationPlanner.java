package org.ala.mig.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ala.mig.models.ModelMigration.Instruction;
import org.ala.mig.models.ModelMigration.Step;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Planning a migration: the plan from one version of a model to another (equal activities mapped,
 * an event's trigger updated only where the new version changed it), and the plan and the steps
 * in words for the report.
 */
final class MigrationPlanner {

  private final RuntimeService runtime;

  MigrationPlanner(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /**
   * The plan from one version to another: the equal activities mapped, and the event trigger
   * updated only where the target version changed it.
   */
  MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
      BpmnModelInstance targetModel) {
    MigrationPlan equal = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
    for (MigrationInstruction instruction : equal.getInstructions()) {
      MigrationInstructionBuilder mapped =
          builder.mapActivities(instruction.getSourceActivityId(), instruction.getTargetActivityId());
      if (triggerChanged(sourceModel.getModelElementById(instruction.getSourceActivityId()),
          targetModel.getModelElementById(instruction.getTargetActivityId()))) {
        mapped.updateEventTrigger();
      }
      builder = mapped;
    }
    return builder.build();
  }

  /**
   * Whether an event's trigger differs between two versions of it: its timer, message, signal or
   * condition. A conditional event always has its trigger updated (the engine requires it).
   */
  static boolean triggerChanged(ModelElementInstance source, ModelElementInstance target) {
    String before = trigger(source);
    String after = trigger(target);
    if (before == null || after == null) {
      return false;
    }
    return before.startsWith("conditional") || !before.equals(after);
  }

  /** The trigger of an event or receive task in words; null for anything else. */
  static String trigger(ModelElementInstance element) {
    if (element instanceof ReceiveTask task) {
      return "message " + (task.getMessage() == null ? null : task.getMessage().getName());
    }
    if (!(element instanceof CatchEvent event)) {
      return null;
    }
    List<String> triggers = new ArrayList<>();
    for (EventDefinition definition : event.getEventDefinitions()) {
      if (definition instanceof TimerEventDefinition timer) {
        triggers.add("timer date " + text(timer.getTimeDate()) + " duration " + text(timer.getTimeDuration())
            + " cycle " + text(timer.getTimeCycle()));
      } else if (definition instanceof MessageEventDefinition message) {
        triggers.add("message " + (message.getMessage() == null ? null : message.getMessage().getName()));
      } else if (definition instanceof SignalEventDefinition signal) {
        triggers.add("signal " + (signal.getSignal() == null ? null : signal.getSignal().getName()));
      } else if (definition instanceof ConditionalEventDefinition condition) {
        triggers.add("conditional " + text(condition.getCondition()));
      }
    }
    return triggers.isEmpty() ? null : String.join("; ", triggers);
  }

  private static String text(ModelElementInstance element) {
    return element == null ? null : element.getTextContent().strip();
  }

  /** The plan's instructions in the order of the source model's file, as a reader follows it. */
  static List<Instruction> instructions(MigrationPlan plan, BpmnModelInstance sourceModel) {
    List<String> order = sourceModel.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
    return plan.getInstructions().stream()
        .sorted(Comparator.comparingInt(i -> {
          int at = order.indexOf(i.getSourceActivityId());
          return at < 0 ? Integer.MAX_VALUE : at;
        }))
        .map(i -> new Instruction(i.getSourceActivityId(), i.getTargetActivityId(),
            name(sourceModel, i.getSourceActivityId()), i.isUpdateEventTrigger()))
        .toList();
  }

  /** The flow nodes of the source version that the target version has no flow node of that id for. */
  static List<Step> notInTarget(BpmnModelInstance sourceModel, BpmnModelInstance targetModel) {
    return sourceModel.getModelElementsByType(FlowNode.class).stream()
        .filter(node -> !(targetModel.getModelElementById(node.getId()) instanceof FlowNode))
        .map(node -> new Step(node.getId(), name(sourceModel, node.getId())))
        .toList();
  }

  static String name(BpmnModelInstance model, String activityId) {
    if (activityId == null) {
      return null;
    }
    ModelElementInstance element = model.getModelElementById(activityId.replace("#multiInstanceBody", ""));
    if (element instanceof FlowNode node && node.getName() != null && !node.getName().isBlank()) {
      return node.getName().strip().replaceAll("\\s+", " ");
    }
    return activityId;
  }
}
