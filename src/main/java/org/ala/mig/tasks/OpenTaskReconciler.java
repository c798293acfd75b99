package org.ala.mig.tasks;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.StartupLock;
import org.ala.mig.tasks.TaskAnnotations.Annotation;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, gives the tasks that were open before tasks had due dates what a new task gets when
 * it is created: its due date (counted from its creation), its name with its subject, its
 * description and its {@code migName}. Only tasks without a due date are touched, so a second run,
 * or a second node, changes nothing; nodes starting together take turns ({@link StartupLock}), and
 * a task another node saved meanwhile is left to it.
 */
@Component
@Order(45)
class OpenTaskReconciler implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OpenTaskReconciler.class);
  static final int PAGE = 200;

  private final TaskService tasks;
  private final RepositoryService repository;
  private final TaskAnnotations annotations;
  private final StartupLock lock;

  OpenTaskReconciler(TaskService tasks, RepositoryService repository, TaskAnnotations annotations, StartupLock lock) {
    this.tasks = tasks;
    this.repository = repository;
    this.annotations = annotations;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("due dates of open tasks", this::reconcile);
  }

  /** Annotates every open process task without a due date; how many it changed. */
  int reconcile() {
    int changed = 0;
    int skipped = 0;
    while (true) {
      List<Task> page = tasks.createTaskQuery().withoutDueDate().orderByTaskCreateTime().asc()
          .listPage(skipped, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (Task task : page) {
        if (task.getProcessInstanceId() == null || !annotate(task)) {
          skipped++;
        } else {
          changed++;
        }
      }
    }
    if (changed > 0) {
      log.info("Gave {} open task(s) their due date, name and description", changed);
    }
    return changed;
  }

  private boolean annotate(Task task) {
    try {
      Map<String, Object> variables = tasks.getVariables(task.getId(), Arrays.asList(TaskAnnotations.VARIABLES));
      Annotation annotation = annotations.annotate(task.getTaskDefinitionKey(), elementName(task),
          task.getCreateTime().toInstant(), variables);
      task.setName(annotation.name());
      task.setDescription(annotation.description());
      task.setDueDate(Date.from(annotation.due()));
      tasks.saveTask(task);
      if (annotation.subject() != null) {
        tasks.setVariableLocal(task.getId(), "migName", annotation.subject());
      }
      tasks.setVariableLocal(task.getId(), "dueOn", annotation.dueOn());
      return true;
    } catch (OptimisticLockingException anotherNodeWasFirst) {
      log.debug("Task {} changed meanwhile: left as it is", task.getId());
      return false;
    }
  }

  private String elementName(Task task) {
    BpmnModelInstance model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
    FlowElement element = model == null ? null : model.getModelElementById(task.getTaskDefinitionKey());
    return element == null ? task.getName() : element.getName();
  }
}
