package org.ala.mig.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@MigSpringBootTest
class IdentitySetupTest {

  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired IdentitySetup setup;

  @Test
  void everyGroupOfTheContractExists() {
    assertThat(identity.createGroupQuery().list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("coo", "coo-chair", "member-programs", "conference-services",
            "hq-staff", "barc", "executive-office", "council", "camunda-admin");
  }

  @Test
  void eachDemoUserIsInExactlyItsGroups() {
    Map<String, List<String>> expected = new TreeMap<>(Map.of(
        "chair", List.of("coo", "coo-chair"),
        "coo1", List.of("coo"),
        "mps1", List.of("member-programs"),
        "confsvc1", List.of("conference-services"),
        "liaison1", List.of("hq-staff"),
        "barc1", List.of("barc"),
        "exec1", List.of("executive-office"),
        "council1", List.of("council"),
        "admin", List.of("camunda-admin")));
    Map<String, List<String>> actual = new TreeMap<>();
    for (User user : identity.createUserQuery().list()) {
      actual.put(user.getId(), identity.createGroupQuery().groupMember(user.getId()).list().stream()
          .map(Group::getId).sorted().toList());
    }
    assertThat(actual).isEqualTo(expected);
    for (String user : expected.keySet()) {
      assertThat(identity.checkPassword(user, "demo")).as(user).isTrue();
    }
  }

  @Test
  void applyingTheSetupAgainCreatesNothingTwice() {
    Map<String, Long> before = counts();
    setup.apply();
    setup.apply();
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void workflowGroupsOpenTasklistAndReadOnlyTheirOwnProcesses() {
    assertThat(allowed("mps1", ACCESS, Resources.APPLICATION, "tasklist")).isTrue();
    assertThat(allowed("mps1", ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
    assertThat(allowed("mps1", ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(allowed("mps1", READ, Resources.PROCESS_DEFINITION, "mig-petition")).isTrue();
    assertThat(allowed("mps1", READ, Resources.PROCESS_DEFINITION, "coo-council-report")).isFalse();
    assertThat(allowed("barc1", READ, Resources.PROCESS_DEFINITION, "mig-lifecycle")).isTrue();
    assertThat(allowed("barc1", READ, Resources.PROCESS_DEFINITION, "mig-petition")).isFalse();
    assertThat(allowed("exec1", READ, Resources.PROCESS_DEFINITION, "mig-petition")).isTrue();
    assertThat(allowed("exec1", READ, Resources.PROCESS_DEFINITION, "mig-lifecycle")).isFalse();
    assertThat(allowed("chair", READ, Resources.PROCESS_DEFINITION, "coo-council-report")).isTrue();
    assertThat(allowed("coo1", READ, Resources.PROCESS_DEFINITION, "coo-council-report")).isFalse();
    assertThat(allowed("coo1", CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "mig-petition")).isFalse();
  }

  @Test
  void councilReadsCockpitAndChangesNothing() {
    assertThat(allowed("council1", ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(allowed("council1", ACCESS, Resources.APPLICATION, "tasklist")).isFalse();
    assertThat(allowed("council1", READ, Resources.PROCESS_INSTANCE, "any")).isTrue();
    assertThat(allowed("council1", UPDATE, Resources.PROCESS_INSTANCE, "any")).isFalse();
    assertThat(allowed("council1", UPDATE, Resources.TASK, "any")).isFalse();
  }

  @Test
  void theSharedFiltersAreReadByTasklistGroupsOnly() {
    List<Filter> shared = filters.createFilterQuery().list();
    assertThat(shared).extracting(Filter::getName).containsExactlyInAnyOrder("My Tasks", "My Group Tasks",
        "Due this week");
    for (Filter filter : shared) {
      assertThat(allowed("confsvc1", READ, Resources.FILTER, filter.getId())).isTrue();
      assertThat(allowed("council1", READ, Resources.FILTER, filter.getId())).isFalse();
    }
  }

  @Test
  void tasklistOpensOnTheGroupsOwnWorkAndListsTheMigAndTheDueDay() {
    List<Filter> shared = filters.createFilterQuery().list().stream()
        .sorted(java.util.Comparator.comparing(f -> ((Number) f.getProperties().get("priority")).intValue())).toList();
    // Tasklist selects the first filter by priority: the unclaimed tasks of the user's groups
    assertThat(shared).extracting(Filter::getName).containsExactly("My Group Tasks", "Due this week", "My Tasks");
    for (Filter filter : shared) {
      assertThat(filter.getProperties().get("variables")).as(filter.getName()).isEqualTo(List.of(
          Map.of("name", "migName", "label", "MIG or conference"), Map.of("name", "dueOn", "label", "Due")));
      assertThat(filter.getProperties()).containsEntry("migFilterVersion", IdentitySetup.FILTER_VERSION);
    }
  }

  @Test
  void dueThisWeekListsTheGroupsTasksDueWithinSevenDays() {
    org.camunda.bpm.engine.TaskService taskService = org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine()
        .getTaskService();
    java.time.Instant now = java.time.Instant.parse("2026-11-23T15:00:00Z");
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(now));
    List<String> made = new java.util.ArrayList<>();
    try {
      // given three tasks of barc: due in 3 days, overdue since yesterday, due in 10 days; and one of coo in 3 days
      String soon = standaloneTask(taskService, "barc", now.plusSeconds(3 * 86400), made);
      String late = standaloneTask(taskService, "barc", now.minusSeconds(86400), made);
      standaloneTask(taskService, "barc", now.plusSeconds(10 * 86400), made);
      standaloneTask(taskService, "coo", now.plusSeconds(3 * 86400), made);
      Filter dueThisWeek = filters.createFilterQuery().filterName("Due this week").singleResult();

      // when barc1 opens "Due this week", then it lists its group's tasks due within a week (or overdue) only
      identity.setAuthentication("barc1", List.of("barc"));
      List<org.camunda.bpm.engine.task.Task> listed = filters.list(dueThisWeek.getId());
      assertThat(listed).extracting(org.camunda.bpm.engine.task.Task::getId).containsExactlyInAnyOrder(soon, late);
    } finally {
      identity.clearAuthentication();
      made.forEach(id -> taskService.deleteTask(id, true));
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  @Test
  void aFilterOfAnOlderVersionIsBroughtUpToDateOnceAtStartUp() {
    // given "My Group Tasks" as the previous version saved it: no list variables, no version
    Filter old = filters.createFilterQuery().filterName("My Group Tasks").singleResult();
    old.setProperties(Map.of("priority", -5, "description", "Unclaimed tasks of my groups", "refresh", true));
    filters.saveFilter(old);
    long before = filters.createFilterQuery().count();

    // when the setup runs again (a start), then the same filter has this version's properties
    setup.apply();
    Filter updated = filters.getFilter(old.getId());
    assertThat(updated.getProperties()).containsEntry("priority", -20)
        .containsEntry("migFilterVersion", IdentitySetup.FILTER_VERSION).containsKey("variables");
    assertThat(filters.createFilterQuery().count()).isEqualTo(before);
  }

  private static String standaloneTask(org.camunda.bpm.engine.TaskService taskService, String group,
      java.time.Instant due, List<String> made) {
    org.camunda.bpm.engine.task.Task task = taskService.newTask();
    task.setName("A task of " + group);
    task.setDueDate(java.util.Date.from(due));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group);
    made.add(task.getId());
    return task.getId();
  }

  private boolean allowed(String user, Permission permission, Resource resource, String id) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return authorizations.isUserAuthorized(user, groups, permission, resource, id);
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("users", identity.createUserQuery().count());
    counts.put("groups", identity.createGroupQuery().count());
    counts.put("memberships", identity.createUserQuery().list().stream()
        .collect(Collectors.summingLong(u -> identity.createGroupQuery().groupMember(u.getId()).count())));
    counts.put("authorizations", authorizations.createAuthorizationQuery().count());
    counts.put("filters", filters.createFilterQuery().count());
    return counts;
  }
}
