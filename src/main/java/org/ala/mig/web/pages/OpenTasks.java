package org.ala.mig.web.pages;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ala.mig.common.MigProperties;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.web.pages.RegistryPages.OpenTask;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open user tasks of one MIG, whoever works on them: those of its lifecycle (business key
 * the MIG id), of its annual reports ({@code {migId}:{year}}; MIG ids are slugs, with no LIKE
 * wildcard in them) and of its petitions (the petition ids). Read as the application, since the page shows them to every signed-in user; the tasks
 * themselves are done in Tasklist, with the engine's permissions.
 */
@Component
class OpenTasks {

  private final TaskService tasks;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final ZoneId zone;

  OpenTasks(TaskService tasks, RepositoryService repository, IdentityService identity, MigProperties properties) {
    this.tasks = tasks;
    this.repository = repository;
    this.identity = identity;
    this.zone = properties.timeZone();
  }

  List<OpenTask> of(String migId, List<String> petitionIds) {
    return SystemAuthentication.run(identity, () -> {
      List<Task> found = new ArrayList<>(tasks.createTaskQuery().processInstanceBusinessKey(migId).active().list());
      found.addAll(tasks.createTaskQuery().processInstanceBusinessKeyLike(migId + ":%").active().list());
      if (!petitionIds.isEmpty()) {
        found.addAll(tasks.createTaskQuery().processInstanceBusinessKeyIn(petitionIds.toArray(String[]::new))
            .active().list());
      }
      Map<String, String> processNames = new HashMap<>();
      List<OpenTask> open = new ArrayList<>();
      for (Task t : found) {
        String process = processNames.computeIfAbsent(t.getProcessDefinitionId(), id -> {
          ProcessDefinition d = repository.getProcessDefinition(id);
          return d.getName() == null ? d.getKey() : d.getName();
        });
        String groups = tasks.getIdentityLinksForTask(t.getId()).stream()
            .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(IdentityLink::getGroupId).sorted().collect(Collectors.joining(", "));
        open.add(new OpenTask(t.getId(), t.getName(), process, groups, t.getAssignee(), at(t.getCreateTime()),
            at(t.getDueDate())));
      }
      open.sort(Comparator.comparing(OpenTask::created));
      return open;
    });
  }

  private ZonedDateTime at(Date date) {
    return date == null ? null : date.toInstant().atZone(zone);
  }
}
