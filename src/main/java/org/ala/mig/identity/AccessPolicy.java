package org.ala.mig.identity;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Least privilege per group. Workflow groups may open Tasklist and read the process definitions
 * they have tasks in; the tasks themselves they see through the engine's default task
 * permissions (a candidate group may read and work on its own tasks, nobody else's). Council
 * reads Cockpit and nothing else. Administrators have everything.
 */
public final class AccessPolicy {

  /** A permission granted to a group on one resource id ("*" for every id). */
  public record Grant(MigGroup group, Resource resource, String resourceId, List<Permission> permissions) {}

  /** Process keys each workflow group works in (the models arrive with their steps). */
  static final Map<MigGroup, List<String>> PROCESSES_WORKED_IN =
      Map.of(
          MigGroup.COO, List.of("mig-petition", "mig-lifecycle", "mig-annual-report"),
          MigGroup.COO_CHAIR, List.of("coo-council-report"),
          MigGroup.MEMBER_PROGRAMS, List.of("mig-petition"),
          MigGroup.CONFERENCE_SERVICES, List.of("mig-petition", "mig-lifecycle"),
          MigGroup.HQ_STAFF, List.of("mig-lifecycle"),
          MigGroup.BARC, List.of("mig-lifecycle"),
          MigGroup.EXECUTIVE_OFFICE, List.of("mig-petition"));

  private AccessPolicy() {}

  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (MigGroup group : MigGroup.values()) {
      List<String> processes = PROCESSES_WORKED_IN.get(group);
      if (processes == null) {
        continue;
      }
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", List.of(ACCESS)));
      for (String key : processes) {
        grants.add(new Grant(group, Resources.PROCESS_DEFINITION, key, List.of(READ)));
      }
    }
    grants.add(new Grant(MigGroup.COUNCIL, Resources.APPLICATION, "cockpit", List.of(ACCESS)));
    grants.add(new Grant(MigGroup.COUNCIL, Resources.PROCESS_DEFINITION, "*",
        List.of(READ, READ_INSTANCE, READ_HISTORY)));
    grants.add(new Grant(MigGroup.COUNCIL, Resources.PROCESS_INSTANCE, "*", List.of(READ)));
    grants.add(new Grant(MigGroup.COUNCIL, Resources.TASK, "*", List.of(READ)));
    grants.add(new Grant(MigGroup.COUNCIL, Resources.DEPLOYMENT, "*", List.of(READ)));
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(MigGroup.CAMUNDA_ADMIN, resource, "*", List.of(ALL)));
    }
    return grants;
  }

  /** Groups that use Tasklist and so read its shared filters. */
  public static List<MigGroup> tasklistGroups() {
    return PROCESSES_WORKED_IN.keySet().stream().sorted().toList();
  }
}
