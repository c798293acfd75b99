package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
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

  /** Which pages are read with the narrow statement: no engine needed. */
  @Nested
  class WhichStatement {

    private TaskQueryImpl ownGroups() {
      TaskQueryImpl query = new TaskQueryImpl();
      query.taskCandidateGroupIn(List.of("coo")).taskUnassigned().orderByTaskCreateTime().desc().orderByDueDate().asc();
      return query;
    }

    @Test
    void theUsersOwnGroupsOrderedByTaskColumnsOnPostgresAndH2() {
      assertThat(CandidateGroupTaskQueries.statementFor(ownGroups(), COO1, "postgres"))
          .isEqualTo(CandidateGroupTaskQueries.STATEMENT);
      assertThat(CandidateGroupTaskQueries.statementFor(ownGroups(), COO1, "h2"))
          .isEqualTo(CandidateGroupTaskQueries.STATEMENT);
    }

    @Test
    void everythingElseIsReadWithTheEnginesOwn() {
      assertThat(CandidateGroupTaskQueries.statementFor(ownGroups(), COO1, "oracle"))
          .as("a database whose paging the statement is not written for")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
      assertThat(CandidateGroupTaskQueries.statementFor(ownGroups(), null, "postgres")).as("nobody signed in")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
      TaskQueryImpl byVariable = ownGroups();
      byVariable.orderByProcessVariable("migName", org.camunda.bpm.engine.variable.type.ValueType.STRING).asc();
      assertThat(CandidateGroupTaskQueries.statementFor(byVariable, COO1, "postgres")).as("ordered by a variable")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
      TaskQueryImpl byLowerName = ownGroups();
      byLowerName.orderByTaskNameCaseInsensitive().asc();
      assertThat(CandidateGroupTaskQueries.statementFor(byLowerName, COO1, "postgres")).as("ordered by lower(name)")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
      TaskQueryImpl checked = ownGroups();
      checked.getAuthCheck().setAuthorizationCheckEnabled(true);
      assertThat(CandidateGroupTaskQueries.statementFor(checked, COO1, "postgres")).as("authorizations checked")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
      TaskQueryImpl foreign = new TaskQueryImpl();
      foreign.taskCandidateGroupIn(List.of("member-programs")).taskUnassigned();
      assertThat(CandidateGroupTaskQueries.statementFor(foreign, COO1, "postgres")).as("another group's tasks")
          .isEqualTo(CandidateGroupTaskQueries.ENGINE_STATEMENT);
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
    @Autowired ProcessEngine engine;

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

    /**
     * Twelve tasks a minute apart, offered to coo and to member-programs, with due dates that
     * repeat: every page of the group's query, as the signed-in user (the narrow statement) and
     * as nobody (the engine's own statement, no authorization check), is the same list.
     */
    @Test
    void theNarrowPageIsTheEnginesPage() {
      Instant base = Instant.parse("2030-01-07T09:00:00Z");
      List<String> created = new ArrayList<>();
      try {
        for (int i = 0; i < 12; i++) {
          ClockUtil.setCurrentTime(Date.from(base.plusSeconds(60L * i)));
          Task task = waitingAt(i % 3 == 0 ? "verifySignatures" : "cooDecision", "cgq-narrow-" + i);
          tasks.setDueDate(task.getId(), Date.from(base.plusSeconds(86_400L * (i % 4))));
          created.add(task.getId());
        }
      } finally {
        ClockUtil.reset();
      }
      List<Supplier<TaskQuery>> queries = List.of(
          () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo")).taskUnassigned()
              .processInstanceBusinessKeyLike("cgq-narrow-%").orderByTaskCreateTime().desc(),
          () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo")).taskUnassigned()
              .processInstanceBusinessKeyLike("cgq-narrow-%").orderByDueDate().asc().orderByTaskCreateTime().asc(),
          () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo")).processInstanceBusinessKeyLike("cgq-narrow-%")
              .orderByTaskCreateTime().desc(),
          () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo")).taskUnassigned().taskNameLike("%")
              .dueAfter(Date.from(base.plusSeconds(3600))).orderByDueDate().desc().orderByTaskId().asc());
      for (int q = 0; q < queries.size(); q++) {
        Supplier<TaskQuery> query = queries.get(q);
        long count = query.get().count();
        assertThat(count).as("query %d finds tasks", q).isPositive();
        for (int first = 0; first < count + 5; first += 5) {
          int from = first;
          List<String> engines = query.get().listPage(from, 5).stream().map(Task::getId).toList();
          List<String> narrow = as("coo1", List.of("coo"), () -> query.get().listPage(from, 5).stream().map(Task::getId).toList());
          assertThat(narrow).as("query %d, page from %d", q, from).isEqualTo(engines);
        }
        List<String> all = as("coo1", List.of("coo"), () -> query.get().list().stream().map(Task::getId).toList());
        assertThat(all).as("query %d, every task once", q).doesNotHaveDuplicates().hasSize((int) count);
      }
      assertThat(as("coo1", List.of("coo"), () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo"))
          .processInstanceBusinessKeyLike("cgq-narrow-%").orderByTaskCreateTime().asc().list())).extracting(Task::getId)
          .as("coo's tasks, oldest first").containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 12).filter(i -> i % 3 != 0).mapToObj(created::get).toList());
    }

    /** The narrow statement on its own, against the engine's, for queries of any kind and pages. */
    @Test
    void theNarrowStatementFindsWhatTheEnginesFinds() {
      for (int i = 0; i < 4; i++) {
        waitingAt(i % 2 == 0 ? "verifySignatures" : "cooDecision", "cgq-statement-" + i);
      }
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      List<TaskQueryImpl> queries = List.of(
          (TaskQueryImpl) tasks.createTaskQuery().taskCandidateGroupIn(List.of("coo", "member-programs")).orderByTaskCreateTime().desc()
              .orderByTaskId().asc(),
          (TaskQueryImpl) tasks.createTaskQuery().processInstanceBusinessKeyLike("cgq-statement-%").orderByTaskName().asc()
              .orderByTaskId().desc(),
          (TaskQueryImpl) tasks.createTaskQuery().taskUnassigned().orderByTaskPriority().desc().orderByTaskId().asc(),
          (TaskQueryImpl) tasks.createTaskQuery().or().taskCandidateGroup("coo").taskAssignee("nobody").endOr().orderByTaskId().asc());
      for (TaskQueryImpl query : queries) {
        for (int first : List.of(0, 2, 3)) {
          query.setFirstResult(first);
          query.setMaxResults(3);
          List<String> ids = new ArrayList<>();
          for (String statement : List.of(CandidateGroupTaskQueries.ENGINE_STATEMENT, CandidateGroupTaskQueries.STATEMENT)) {
            ids.add(configuration.getCommandExecutorTxRequired().execute(context -> {
              context.getTenantManager().configureQuery(query);
              @SuppressWarnings("unchecked")
              List<Task> page = (List<Task>) (List<?>) context.getDbEntityManager().selectList(statement, query);
              return page.stream().map(Task::getId).toList().toString();
            }));
          }
          assertThat(ids.get(1)).as("%s from %d", query, first).isEqualTo(ids.get(0));
          if (first == 0) {
            assertThat(ids.get(0)).as("%s finds tasks", query).isNotEqualTo("[]");
          }
        }
      }
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
