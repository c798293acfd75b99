package org.ala.mig.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 */
@Component
public class CandidateGroupTaskQueries extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    factories.add(new ManagerFactory());
    configuration.setCustomSessionFactories(factories);
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
