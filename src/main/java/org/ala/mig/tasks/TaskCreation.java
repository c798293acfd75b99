package org.ala.mig.tasks;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.ala.mig.tasks.TaskAnnotations.Annotation;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The create listener every user task gets ({@link TaskDeadlinesPlugin}): the task's name with its
 * subject, its description and its due date, and a task-local {@code migName} (the MIG's current
 * name, or the conference's) that Tasklist's filters list.
 */
final class TaskCreation implements TaskListener {

  private final ObjectProvider<TaskAnnotations> annotations;

  TaskCreation(ObjectProvider<TaskAnnotations> annotations) {
    this.annotations = annotations;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_UPDATE.equals(task.getEventName())) {
      keepDueOn(task);
      return;
    }
    Annotation annotation = annotations.getObject().annotate(task.getTaskDefinitionKey(), elementName(task),
        created(task), variables(task));
    apply(task, annotation);
  }

  static void apply(DelegateTask task, Annotation annotation) {
    task.setName(annotation.name());
    task.setDescription(annotation.description());
    if (task.getDueDate() == null) {
      task.setDueDate(Date.from(annotation.due()));
    }
    if (annotation.subject() != null) {
      task.setVariableLocal("migName", annotation.subject());
    }
    task.setVariableLocal("dueOn", annotation.dueOn());
  }

  /** After a change of the due date in Tasklist, {@code dueOn} follows it (setting it again changes nothing). */
  private void keepDueOn(DelegateTask task) {
    if (task.getDueDate() == null) {
      return;
    }
    String dueOn = annotations.getObject().dueOn(task.getDueDate().toInstant());
    if (!dueOn.equals(task.getVariableLocal("dueOn"))) {
      task.setVariableLocal("dueOn", dueOn);
    }
  }

  static String elementName(DelegateTask task) {
    FlowElement element = task.getBpmnModelElementInstance();
    return element == null ? null : element.getName();
  }

  static Instant created(DelegateTask task) {
    return task.getCreateTime() == null ? ClockUtil.getCurrentTime().toInstant() : task.getCreateTime().toInstant();
  }

  static Map<String, Object> variables(DelegateTask task) {
    Map<String, Object> values = new HashMap<>();
    for (String name : TaskAnnotations.VARIABLES) {
      Object value = task.getExecution() == null ? null : task.getExecution().getVariable(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    return values;
  }
}
