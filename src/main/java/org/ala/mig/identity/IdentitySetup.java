package org.ala.mig.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ala.mig.common.MigProperties;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.engine.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, their authorizations, the shared Tasklist filters, the administrator and,
 * in the demo profile, the demo users. Every step looks before it creates, so a restart creates
 * nothing twice; nodes starting together apply it in turn ({@code IdentityInitializer} holds the
 * start-up lock), so that a second node finds everything made.
 */
@Component
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
  static final String ADMIN_ID = "admin";
  static final String MY_TASKS = "My Tasks";
  static final String MY_GROUP_TASKS = "My Group Tasks";
  static final String DUE_THIS_WEEK = "Due this week";
  /**
   * The version of the shared filters' queries and properties. A filter saved by an older version
   * (without this number in its properties) is brought up to date at start-up, once.
   */
  static final int FILTER_VERSION = 2;
  /** What every shared filter lists beside each task: its MIG (or conference) and its due day. */
  static final List<Map<String, String>> LIST_VARIABLES = List.of(
      Map.of("name", "migName", "label", "MIG or conference"),
      Map.of("name", "dueOn", "label", "Due"));

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final MigProperties properties;
  private final Environment environment;
  private final ProcessEngine engine;

  public IdentitySetup(
      ProcessEngine engine,
      IdentityService identity,
      AuthorizationService authorizations,
      FilterService filters,
      TaskService tasks,
      MigProperties properties,
      Environment environment) {
    this.engine = engine;
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.properties = properties;
    this.environment = environment;
  }

  /** Brings identity and access to the state this version of the application expects. */
  public void apply() {
    for (MigGroup group : MigGroup.values()) {
      ensureGroup(group);
    }
    for (AccessPolicy.Grant grant : AccessPolicy.grants()) {
      ensureGrant(grant.group().id(), grant.resource(), grant.resourceId(), grant.permissions());
    }
    grantVariableReadOnOpenTasks();
    // Tasklist opens on the first filter: the group's own work, earliest due first
    ensureFilter(MY_GROUP_TASKS, -20, "Open tasks of my groups that nobody has claimed yet, earliest due first",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .orderByDueDate().asc());
    ensureFilter(DUE_THIS_WEEK, -15, "Unclaimed tasks of my groups due within a week, or overdue",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .dueBeforeExpression("${dateTime().plusWeeks(1).toDate()}").orderByDueDate().asc());
    ensureFilter(MY_TASKS, -10, "Tasks I have claimed, earliest due first",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());

    boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
    boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
    String adminPassword = properties.adminPassword();
    if (adminPassword != null && !adminPassword.isBlank()) {
      ensureUser(ADMIN_ID, "Ada", "Admin", "admin@ala.org", adminPassword, Set.of(MigGroup.CAMUNDA_ADMIN));
    }
    if (prod) {
      refuseDemoPasswords(adminPassword);
    }
    if (demo) {
      for (DemoUser user : DemoUser.ALL) {
        ensureUser(user.id(), user.firstName(), user.lastName(), user.email(), DemoUser.PASSWORD, user.groups());
      }
    }
  }

  /**
   * With {@code enforceSpecificVariablePermission} a task's candidates need READ_VARIABLE to see
   * its form's data; the engine grants it on tasks created from then on. Tasks created before
   * (an older database) get it here, next to the READ they already have: never on "*".
   */
  private void grantVariableReadOnOpenTasks() {
    List<Authorization> older = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK)
        .hasPermission(Permissions.READ)
        .list();
    for (Authorization authorization : older) {
      if (!"*".equals(authorization.getResourceId())
          && !authorization.isPermissionGranted(TaskPermissions.READ_VARIABLE)) {
        authorization.addPermission(TaskPermissions.READ_VARIABLE);
        authorizations.saveAuthorization(authorization);
      }
    }
  }

  /**
   * In {@code prod} nobody signs in with the demo password, also on a database that a demo run
   * used before: an administrator left with it gets {@code MIG_ADMIN_PASSWORD}; any other such
   * user stops the start, named, for an administrator to give a new password or delete.
   */
  private void refuseDemoPasswords(String adminPassword) {
    User admin = identity.createUserQuery().userId(ADMIN_ID).singleResult();
    if (admin != null && hasDemoPassword(admin)) {
      admin.setPassword(adminPassword);
      identity.saveUser(admin);
      log.warn("The administrator still had the demo password: it is now MIG_ADMIN_PASSWORD");
    }
    List<String> demoPassword = identity.createUserQuery().list().stream().filter(this::hasDemoPassword)
        .map(User::getId).sorted().toList();
    if (!demoPassword.isEmpty()) {
      throw new IllegalStateException("The prod profile refuses to run while users sign in with the demo password: "
          + String.join(", ", demoPassword) + ". Give them new passwords or delete them in Camunda Admin"
          + " (start once without prod to do so).");
    }
  }

  /** Compares the stored hash: IdentityService.checkPassword would count a miss as a failed sign-in. */
  private boolean hasDemoPassword(User user) {
    UserEntity entity = (UserEntity) user;
    return entity.getPassword() != null && ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getPasswordManager().check(EncryptionUtil.saltPassword(DemoUser.PASSWORD, entity.getSalt()), entity.getPassword());
  }

  private void ensureGroup(MigGroup group) {
    if (identity.createGroupQuery().groupId(group.id()).count() > 0) {
      return;
    }
    Group created = identity.newGroup(group.id());
    created.setName(group.displayName());
    created.setType(group.type());
    identity.saveGroup(created);
    log.info("Created group {}", group.id());
  }

  private void ensureUser(String id, String first, String last, String email, String password,
      Set<MigGroup> groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(email);
      user.setPassword(password);
      identity.saveUser(user);
      log.info("Created user {}", id);
    }
    for (MigGroup group : groups) {
      if (identity.createUserQuery().userId(id).memberOfGroup(group.id()).count() == 0) {
        identity.createMembership(id, group.id());
      }
    }
  }

  private void ensureGrant(String groupId, Resource resource, String resourceId, List<Permission> wanted) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : wanted) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  /**
   * The shared filter of that name, made if missing, and brought up to date when an older version
   * saved it ({@link #FILTER_VERSION}). Filters have no unique name in the engine's tables: a
   * database where two nodes once made one each (before the start-up lock) keeps both, named in a
   * warning for an administrator to delete one in Tasklist, and the start goes on.
   */
  private void ensureFilter(String name, int priority, String description, Query<?, ?> query) {
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
        "variables", LIST_VARIABLES, "showUndefinedVariable", false, "migFilterVersion", FILTER_VERSION);
    List<Filter> found = filters.createFilterQuery().filterName(name).list();
    if (found.isEmpty()) {
      Filter filter = filters.newTaskFilter(name)
          .setOwner(ADMIN_ID)
          .setQuery(query)
          .setProperties(properties);
      filters.saveFilter(filter);
      log.info("Created shared Tasklist filter '{}'", name);
      found = List.of(filter);
    } else {
      for (Filter filter : found) {
        Object version = filter.getProperties() == null ? null : filter.getProperties().get("migFilterVersion");
        if (!(version instanceof Number number) || number.intValue() < FILTER_VERSION) {
          filter.setQuery(query);
          filter.setProperties(properties);
          filters.saveFilter(filter);
          log.info("Updated shared Tasklist filter '{}' to version {}", name, FILTER_VERSION);
        }
      }
    }
    if (found.size() > 1) {
      log.warn("{} shared Tasklist filters are named '{}' (ids {}): delete all but one in Tasklist", found.size(),
          name, found.stream().map(Filter::getId).toList());
    }
    for (Filter filter : found) {
      for (MigGroup group : AccessPolicy.tasklistGroups()) {
        ensureGrant(group.id(), Resources.FILTER, filter.getId(), List.of(Permissions.READ));
      }
    }
  }
}
