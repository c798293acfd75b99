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
            "hq-staff", "barc", "council", "executive-office", "camunda-admin");
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
    assertThat(shared).extracting(Filter::getName).containsExactlyInAnyOrder("My Tasks", "My Group Tasks");
    for (Filter filter : shared) {
      assertThat(allowed("confsvc1", READ, Resources.FILTER, filter.getId())).isTrue();
      assertThat(allowed("council1", READ, Resources.FILTER, filter.getId())).isFalse();
    }
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
