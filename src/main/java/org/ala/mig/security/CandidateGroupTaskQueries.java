package org.ala.mig.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Tasklist's "My Group Tasks" without the authorization join that makes it slow.
 *
 * <p>With authorizations on, the engine joins every task query to {@code ACT_RU_AUTHORIZATION} on
 * {@code RESOURCE_ID_ IN (task id, definition key, '*')}. The engine grants each candidate group
 * READ on its task, one row per task, so with 10,000 open tasks the join compares thousands of
 * tasks with thousands of grants: on PostgreSQL one refresh of "My Group Tasks" took 2 to 5 s
 * (benchmark B3).
 *
 * <p>A query that only asks for tasks offered to groups the signed-in user belongs to needs no
 * such check: every task it can find has one of those groups as a candidate, and the engine's
 * {@link DefaultAuthorizationProvider} granted that group READ on the task when it made it a
 * candidate. For exactly those queries this manager leaves the authorization join out; the
 * result is the same set of tasks. Every other task query, and every read of a single task, is
 * checked as the engine checks it. The shortcut is not taken when:
 * <ul>
 *   <li>no user is signed in, or the engine checks no authorizations for the query anyway;
 *   <li>the query has or-queries, a candidate user, an involved user, a candidate group pattern,
 *       or includes assigned tasks (each can find tasks outside the user's candidate groups);
 *   <li>any candidate group of the query is not a group of the signed-in user;
 *   <li>a revoke authorization concerns the user or one of their groups (it could take READ back);
 *   <li>the engine runs another {@code ResourceAuthorizationProvider}.
 * </ul>
 * What it relies on, and so what an administrator must not undo by hand: a candidate group keeps
 * the READ grant the engine gave it on the task. To hide a task from a group, remove the group
 * as a candidate (README, Performance).
 *
 * <p>The page of such a query is read with a statement of its own ({@link #STATEMENT}, in
 * {@code CandidateGroupTaskQueries.xml}) on PostgreSQL and H2, when it is ordered by the task's
 * own columns: the engine's criteria (its own SQL fragment) choose the page's ids from the
 * distinct task ids and order columns only, and then the page's tasks are read by id, instead of
 * "select distinct" of every column of every matching task before the page is cut (step 14, B3).
 */
@Component
public class CandidateGroupTaskQueries extends AbstractProcessEnginePlugin {

  /** The page of "My Group Tasks": its ids first, then its tasks (the mapping's own description). */
  static final String STATEMENT = "org.ala.mig.security.CandidateGroupTaskQueries.selectMigOwnGroupTasksByQueryCriteria";
  static final String ENGINE_STATEMENT = "selectTaskByQueryCriteria";
  private static final String MAPPING = "/org/ala/mig/security/CandidateGroupTaskQueries.xml";
  /** The databases whose paging (limit and offset after the order) the statement is written for. */
  static final Set<String> NARROW_DATABASES = Set.of("postgres", "h2");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    factories.add(new ManagerFactory());
    factories.add(new TasksFactory());
    configuration.setCustomSessionFactories(factories);
  }

  /**
   * Adds {@link #STATEMENT} to the engine's MyBatis configuration, once (an engine may share its
   * factory with another), on the databases whose paging it is written for.
   */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!NARROW_DATABASES.contains(configuration.getDatabaseType())) {
      return;
    }
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (mybatis.hasStatement(STATEMENT, false)) {
        return;
      }
      try (InputStream mapping = CandidateGroupTaskQueries.class.getResourceAsStream(MAPPING)) {
        if (mapping == null) {
          throw new IllegalStateException("missing " + MAPPING);
        }
        new XMLMapperBuilder(mapping, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The statement a configured task query's page is read with: {@link #STATEMENT} or the engine's own. */
  static String statementFor(TaskQueryImpl query, Authentication authentication, String databaseType) {
    return onlyOwnCandidateGroups(query, authentication) && narrowPageFits(query, databaseType) ? STATEMENT : ENGINE_STATEMENT;
  }

  /**
   * Whether the page of this query, which the engine checks no authorization for (see above), can
   * be read with {@link #STATEMENT}: its order is of the task's own columns.
   */
  static boolean narrowPageFits(TaskQueryImpl query, String databaseType) {
    return NARROW_DATABASES.contains(databaseType) && !query.getAuthCheck().isAuthorizationCheckEnabled()
        && !query.isTaskNameCaseInsensitive()
        && query.getOrderingProperties().stream().allMatch(p -> p.getRelation() == null
            && p.getQueryProperty().getFunction() == null);
  }

  /**
   * Whether every task the query can find is offered to one of the user's groups: one query (no
   * or-queries), candidate groups all among the user's, nothing that widens it beyond them.
   */
  static boolean onlyOwnCandidateGroups(TaskQueryImpl query, Authentication authentication) {
    if (authentication == null || authentication.getGroupIds() == null || query.getQueries().size() != 1
        || query.getCandidateUser() != null || query.getInvolvedUser() != null
        || query.getCandidateGroupLike() != null || query.isIncludeAssignedTasks()) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    if (groups == null || groups.isEmpty()) {
      return false;
    }
    return Set.copyOf(authentication.getGroupIds()).containsAll(groups);
  }

  /** The engine's authorization manager, less the join for queries of the user's own groups. */
  static final class Manager extends AuthorizationManager {

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      if (check.isAuthorizationCheckEnabled() && !check.isRevokeAuthorizationCheckEnabled()
          && Context.getProcessEngineConfiguration().getResourceAuthorizationProvider() instanceof DefaultAuthorizationProvider
          && onlyOwnCandidateGroups(query, getCurrentAuthentication())) {
        check.setAuthorizationCheckEnabled(false);
      }
    }
  }

  /**
   * The engine's task manager, whose page of "My Group Tasks" is read without "select distinct"
   * of every matching task: {@link #STATEMENT} finds the same tasks in the same order.
   */
  static final class Tasks extends TaskManager {

    @Override
    public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
      configureQuery(query);
      return getDbEntityManager().selectList(
          statementFor(query, getCurrentAuthentication(), Context.getProcessEngineConfiguration().getDatabaseType()), query);
    }
  }

  /** Opens {@link Tasks} where the engine asks for its task manager. */
  static final class TasksFactory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return TaskManager.class;
    }

    @Override
    public Session openSession() {
      return new Tasks();
    }
  }

  /** Opens {@link Manager} where the engine asks for its authorization manager. */
  static final class ManagerFactory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager();
    }
  }
}
