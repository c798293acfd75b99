package org.ala.mig.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.tasks.TaskAnnotations.Annotation;
import org.ala.mig.tasks.TaskKinds.Office;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates the user tasks still open at their due date: each sends {@code task-overdue} once
 * (outbox key {@code task-overdue/{taskId}}) to its office, by its candidate groups: the COO chair
 * for coo and coo-chair, then Member Programs, Conference Services, HQ staff, BARC and the
 * executive office ({@code mig.mail.*}). "Now" is the engine's clock, so that a simulated jump
 * escalates what it passes. Every node may run the check: the outbox key lets one mail through.
 */
@Service
public class OverdueTasks {

  private static final Logger log = LoggerFactory.getLogger(OverdueTasks.class);
  static final int PAGE = 200;

  private final TaskService tasks;
  private final RepositoryService repository;
  private final TaskAnnotations annotations;
  private final MailService mail;
  private final MigProperties properties;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final boolean enabled;

  public OverdueTasks(TaskService tasks, RepositoryService repository, TaskAnnotations annotations, MailService mail,
      MigProperties properties, Clock clock, TransactionTemplate tx,
      @Value("${mig.tasks.overdue-check-enabled:true}") boolean enabled) {
    this.tasks = tasks;
    this.repository = repository;
    this.annotations = annotations;
    this.mail = mail;
    this.properties = properties;
    this.clock = clock;
    this.tx = tx;
    this.enabled = enabled;
  }

  /** The outbox key of a task's overdue notice: one per task, ever. */
  public static String mailKey(String taskId) {
    return "task-overdue/" + taskId;
  }

  @Scheduled(fixedDelayString = "${mig.tasks.overdue-check-interval:5m}",
      initialDelayString = "${mig.tasks.overdue-check-interval:5m}")
  void scheduledCheck() {
    if (enabled) {
      try {
        check();
      } catch (RuntimeException e) {
        log.warn("The check for overdue tasks failed; it runs again later", e);
      }
    }
  }

  /** Sends the notice of every open task whose due date has passed and that has none yet; how many it sent. */
  public int check() {
    Date now = Date.from(clock.instant());
    int sent = 0;
    int first = 0;
    while (true) {
      List<Task> page = tasks.createTaskQuery().active().dueBefore(now).orderByDueDate().asc().orderByTaskId().asc()
          .listPage(first, PAGE);
      for (Task task : page) {
        if (notify(task)) {
          sent++;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      first += PAGE;
    }
    if (sent > 0) {
      log.info("Sent {} overdue task notice(s)", sent);
    }
    return sent;
  }

  private boolean notify(Task task) {
    if (task.getProcessInstanceId() == null) {
      return false;
    }
    Set<String> offices = new LinkedHashSet<>();
    List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList();
    for (String group : groups) {
      Office office = Office.ofGroup(group);
      if (office != null) {
        offices.add(address(office));
      }
    }
    if (offices.isEmpty()) {
      log.warn("Task {} ({}) is overdue, but none of its groups {} has an office to tell", task.getId(),
          task.getTaskDefinitionKey(), groups);
      return false;
    }
    Map<String, Object> variables = tasks.getVariables(task.getId(), Arrays.asList(TaskAnnotations.VARIABLES));
    Annotation annotation = annotations.annotate(task.getTaskDefinitionKey(), elementName(task),
        task.getCreateTime().toInstant(), variables);
    Instant due = task.getDueDate().toInstant();
    String subject = annotation.subject() != null ? annotation.subject() : "(no MIG)";
    MailRequest request = MailRequest.of(MailTemplate.TASK_OVERDUE, annotation.migId(), mailKey(task.getId()))
        .offices(List.copyOf(offices))
        .with("taskName", annotation.plainName())
        .with("subjectName", subject)
        .with("subjectKind", annotation.aboutConference() ? "the conference" : "the MIG")
        .with("description", task.getDescription() != null ? task.getDescription() : annotation.description())
        .with("dueAt", due)
        .with("createdAt", task.getCreateTime().toInstant())
        .with("groups", String.join(", ", groups))
        .with("assignee", task.getAssignee())
        .with("tasklistUrl", properties.mail().publicUrl() + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    try {
      return Boolean.TRUE.equals(tx.execute(status -> mail.send(request)));
    } catch (DuplicateKeyException anotherNodeSentIt) {
      return false;
    }
  }

  private String address(Office office) {
    MigProperties.Mail m = properties.mail();
    return switch (office) {
      case COO_CHAIR -> m.cooChair();
      case MEMBER_PROGRAMS -> m.memberPrograms();
      case CONFERENCE_SERVICES -> m.conferenceServices();
      case HQ_STAFF -> m.hqStaff();
      case BARC -> m.barc();
      case EXECUTIVE_OFFICE -> m.executiveOffice();
    };
  }

  private String elementName(Task task) {
    BpmnModelInstance model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
    FlowElement element = model == null ? null : model.getModelElementById(task.getTaskDefinitionKey());
    return element == null ? task.getName() : element.getName();
  }
}
