package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CandidateGroupTaskQueriesTest {

  private static final Authentication COO1 = new Authentication("coo1", List.of("coo"));

  /** Which queries may leave the authorization join out: no engine needed. */
  @Nested
  class WhichQueries {

    @Test
    void candidateGroupsAllOfTheUsersOwnQualify() {
      TaskQueryImpl query = new TaskQueryImpl();
      query.taskCandidateGroupIn(List.of("coo")).taskUnassigned();
      assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(query, COO1)).isTrue();
      TaskQueryImpl chair = new TaskQueryImpl();
      chair.taskCandidateGroupIn(List.of("coo", "coo-chair"));
      assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(chair,
          new Authentication("chair", List.of("coo", "coo-chair")))).isTrue();
    }

    @Test
    void aGroupTheUserIsNotInIsCheckedAsUsual() {
      TaskQueryImpl query = new TaskQueryImpl();
      query.taskCandidateGroupIn(List.of("coo", "member-programs"));
      assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(query, COO1)).isFalse();
    }

    @Test
    void queriesThatCanFindTasksOutsideTheGroupsAreCheckedAsUsual() {
      List<TaskQueryImpl> wider = new ArrayList<>();
      wider.add(new TaskQueryImpl());                                                     // no candidate group
      wider.add((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupIn(List.of("coo")).includeAssignedTasks());
      wider.add((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("coo").taskInvolvedUser("mps1"));
      wider.add((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupLike("co%"));
      wider.add((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("coo").or().taskAssignee("mps1").endOr());
      for (TaskQueryImpl query : wider) {
        assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(query, COO1)).as(query.toString()).isFalse();
      }
      TaskQueryImpl own = new TaskQueryImpl();
      own.taskCandidateGroup("coo");
      assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(own, null)).as("nobody signed in").isFalse();
      assertThat(CandidateGroupTaskQueries.onlyOwnCandidateGroups(own, new Authentication("coo1", null)))
          .as("groups unknown").isFalse();
    }
  }

  /** The engine with the manager in place: the same tasks are found, the checks stay elsewhere. */
  @Nested
  @MigSpringBootTest
  class InTheEngine {

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;

    private final List<String> instances = new ArrayList<>();
    private final List<String> createdAuthorizations = new ArrayList<>();

    @AfterEach
    void cleanUp() {
      identity.clearAuthentication();
      createdAuthorizations.forEach(authorizations::deleteAuthorization);
      instances.forEach(id -> runtime.deleteProcessInstance(id, "test over", true, true));
    }

    /** A petition waiting at {@code activity}, offered to that step's group. */
    private Task waitingAt(String activity, String businessKey) {
      Map<String, Object> variables = Map.of("migId", businessKey, "migName", "Query Test Group", "petitionId", "P-" + businessKey,
          "kind", "ESTABLISH", "statementOfPurpose", "To test the task queries.", "organizersSummary", "Rosa Diaz",
          "signatureCount", 110, "requiredSignatures", 100, "submittedBy", "mps1");
      String id = runtime.createProcessInstanceByKey("mig-petition").businessKey(businessKey)
          .startBeforeActivity(activity).setVariables(variables).execute().getId();
      instances.add(id);
      return tasks.createTaskQuery().processInstanceId(id).singleResult();
    }

    private <T> T as(String user, List<String> groups, Supplier<T> query) {
      identity.setAuthentication(user, groups);
      try {
        return query.get();
      } finally {
        identity.clearAuthentication();
      }
    }

    private List<String> groupTaskIds(String user, List<String> groups, List<String> candidateGroups) {
      return as(user, groups, () -> tasks.createTaskQuery().taskCandidateGroupIn(candidateGroups).taskUnassigned()
          .list().stream().map(Task::getId).toList());
    }

    @Test
    void aGroupFindsItsOwnTasksAndCountsThem() {
      Task decision = waitingAt("cooDecision", "cgq-own");
      Task verification = waitingAt("verifySignatures", "cgq-other");
      assertThat(groupTaskIds("coo1", List.of("coo"), List.of("coo"))).contains(decision.getId())
          .doesNotContain(verification.getId());
      long count = as("coo1", List.of("coo"), () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo"))
          .taskUnassigned().count());
      long unchecked = tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo")).taskUnassigned().count();
      assertThat(count).isEqualTo(unchecked).isPositive();
    }

    @Test
    void anotherGroupsTasksStayHiddenWhenAskedForByName() {
      Task verification = waitingAt("verifySignatures", "cgq-foreign");
      assertThat(groupTaskIds("coo1", List.of("coo"), List.of("member-programs"))).doesNotContain(verification.getId());
      assertThat(as("coo1", List.of("coo"), () -> tasks.createTaskQuery().processInstanceBusinessKey("cgq-foreign").count()))
          .isZero();
      assertThat(groupTaskIds("mps1", List.of("member-programs"), List.of("member-programs"))).contains(verification.getId());
    }

    @Test
    void itReliesOnTheCandidateGroupsGrantAndStopsRelyingOnItOnceRevokesExist() {
      Task decision = waitingAt("cooDecision", "cgq-grant");
      Authorization grant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
          .resourceId(decision.getId()).groupIdIn("coo").singleResult();
      assertThat(grant).as("the engine grants the candidate group READ on its task").isNotNull();
      assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
      authorizations.deleteAuthorization(grant.getId());

      // the documented reliance: the group query finds the task, a query by anything else does not
      assertThat(groupTaskIds("coo1", List.of("coo"), List.of("coo"))).contains(decision.getId());
      assertThat(as("coo1", List.of("coo"), () -> tasks.createTaskQuery().taskId(decision.getId()).count())).isZero();

      // once a revoke concerns the user (here: their group, on anything), the engine's own check
      // applies to every query again
      Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
      revoke.setGroupId("coo");
      revoke.setResource(Resources.DEPLOYMENT);
      revoke.setResourceId("cgq-nothing");
      revoke.removePermission(Permissions.DELETE);
      createdAuthorizations.add(authorizations.saveAuthorization(revoke).getId());
      assertThat(groupTaskIds("coo1", List.of("coo"), List.of("coo"))).doesNotContain(decision.getId());
    }
  }
}
