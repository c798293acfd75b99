package org.ala.mig.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ala.mig.common.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the running instances of the application's models to the latest deployed version of
 * their model (Camunda's process instance migration). A release that changes a model deploys a
 * new version of it ({@link ModelDeployment}); the instances already running stay on the version
 * they started on, and a {@code mig-lifecycle} instance lives for years.
 *
 * <p>Per process key, each older version that still has running instances gets its own plan to
 * the latest version: every activity with the same id, type and enclosing scope in both versions
 * is mapped ({@code mapEqualActivities}); the trigger of an event (a timer's date or duration, a
 * message name) is updated only where the new version changed it, so that a timer keeps its due
 * date: updating an unchanged trigger would recompute it, and a duration timer such as the 30-day
 * follow-up of an overdue report would start again from the day of the migration.
 *
 * <p>A dry run finds the instances standing at a step the plan does not map, then migrates the
 * others in a transaction that is rolled back (one by one only if the engine refuses them
 * together), so that it reports what the engine would refuse, per step, and changes nothing
 * (the engine validates an instance only while migrating it). A migration is
 * all-or-nothing per source version: one synchronous engine call in one transaction (the counts
 * are at most a few hundred), so that a failure leaves every instance of that version where it
 * was, and the answer says what happened. Nothing is migrated when any requested version fails
 * its dry run.
 *
 * <p>It runs as the caller: the engine checks MIGRATE_INSTANCE (administrators have it), and the
 * log names who migrated (the engine's own operation log needs history level full; this
 * application runs at audit). History stays linked: a migrated instance keeps its id,
 * business key, variables, tasks, jobs and past activities.
 */
@Service
public class ModelMigration {

  /** The application's process keys, as Council sees them. */
  public static final List<String> PROCESS_KEYS =
      List.of("mig-petition", "mig-lifecycle", "mig-annual-report", "coo-council-report");

  /** The engine's refusal of an instance standing at a step that the plan does not map. */
  static final String NO_INSTRUCTION = "There is no migration instruction for this instance's activity";

  /** One deployed version of a model. */
  public record Version(int version, String versionTag, String definitionId) {
    static Version of(ProcessDefinition definition) {
      return new Version(definition.getVersion(), definition.getVersionTag(), definition.getId());
    }
  }

  /** An instruction of a plan: instances at {@code from} continue at {@code to}. */
  public record Instruction(String from, String to, String name, boolean updateEventTrigger) {}

  /** A step of a model, by id and name. */
  public record Step(String activityId, String name) {}

  /**
   * Why instances cannot move: {@code instances} of them stand at {@code activityId} (null for a
   * problem of the whole instance or plan).
   */
  public record Problem(String activityId, String activityName, int instances, String reason) {}

  public enum Result {
    /** A dry run found that every instance can move. */
    CAN_MIGRATE,
    /** Some instances cannot move (see the problems); nothing of this version was migrated. */
    CANNOT_MIGRATE,
    /** Every instance of this version moved to the target version. */
    MIGRATED
  }

  /**
   * An older version and its running instances: the plan to the target version, the steps of the
   * older version that the target lacks (instances standing there cannot move), the problems
   * found, and what was done.
   */
  public record Source(int version, String versionTag, String definitionId, long instances,
      List<Instruction> plan, List<Step> notInTarget, List<Problem> problems, Result result, long migrated) {}

  /** A dry run or a migration of one process key to its latest version. */
  public record Report(String processKey, Version target, boolean dryRun, List<Source> sources) {

    /** Whether any source version has instances that cannot move. */
    @JsonProperty("blocked")
    public boolean blocked() {
      return sources.stream().anyMatch(s -> s.result() == Result.CANNOT_MIGRATE);
    }

    /** What the report says, in one sentence. */
    @JsonProperty("summary")
    public String summary() {
      if (sources.isEmpty()) {
        return "No instance of " + processKey + " runs on an older version than " + target.version();
      }
      String versions = sources.stream().map(s -> s.instances() + " on version " + s.version())
          .collect(Collectors.joining(", "));
      if (blocked()) {
        return "Nothing was migrated: some instances of " + processKey + " cannot move to version "
            + target.version() + " (" + versions + "); see the problems";
      }
      return (dryRun ? "Every instance can move to version " : "Migrated to version ") + target.version()
          + " of " + processKey + ": " + versions;
    }
  }

  /** A migration refused because some instances cannot move; nothing was migrated. */
  public static class MigrationRefused extends RuntimeException {
    private final transient Report report;

    MigrationRefused(Report report, String message) {
      super(message);
      this.report = report;
    }

    public Report report() {
      return report;
    }
  }

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final MigrationPlanner planner;
  private final MigrationDryRun dryRuns;
  private final MigrationExecution executions;

  public ModelMigration(RepositoryService repository, RuntimeService runtime, ManagementService management,
      IdentityService identity, TransactionTemplate transactions) {
    this.repository = repository;
    this.runtime = runtime;
    this.planner = new MigrationPlanner(runtime);
    this.dryRuns = new MigrationDryRun(repository, runtime, management, transactions, planner);
    this.executions = new MigrationExecution(repository, runtime, identity, transactions);
  }

  /** A dry run of every model: what runs on older versions, and whether it can move. */
  public List<Report> overview() {
    List<Report> reports = new ArrayList<>();
    for (String key : PROCESS_KEYS) {
      List<ProcessDefinition> versions = versions(key);
      if (!versions.isEmpty()) {
        reports.add(run(key, versions, null, true));
      }
    }
    return reports;
  }

  /** What migrating would do, changing nothing; {@code sourceVersion} null for every older version. */
  public Report dryRun(String processKey, Integer sourceVersion) {
    return run(processKey, deployedVersions(processKey), sourceVersion, true);
  }

  /**
   * Moves the instances of the older versions (or of {@code sourceVersion}) to the latest version.
   *
   * @throws MigrationRefused when any instance cannot move; nothing is migrated then
   */
  public Report migrate(String processKey, Integer sourceVersion) {
    return run(processKey, deployedVersions(processKey), sourceVersion, false);
  }

  private Report run(String key, List<ProcessDefinition> versions, Integer sourceVersion, boolean dryRun) {
    ProcessDefinition target = versions.get(versions.size() - 1);
    List<ProcessDefinition> sources = sources(key, versions, sourceVersion);
    BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());

    List<MigrationDryRun.Checked> checked = new ArrayList<>();
    for (ProcessDefinition source : sources) {
      checked.add(dryRuns.check(source, target, targetModel));
    }
    Report dry = new Report(key, Version.of(target), true, checked.stream().map(MigrationDryRun.Checked::source).toList());
    if (dryRun) {
      return dry;
    }
    if (dry.blocked()) {
      throw new MigrationRefused(new Report(key, Version.of(target), false, dry.sources()), dry.summary());
    }
    List<Source> done = new ArrayList<>();
    for (MigrationDryRun.Checked c : checked) {
      done.add(executions.execute(key, c, target, targetModel));
    }
    return new Report(key, Version.of(target), false, done);
  }

  /** The deployed versions of a key, oldest first; 400 for a key that is not one of the application's. */
  private List<ProcessDefinition> deployedVersions(String key) {
    if (key == null || key.isBlank()) {
      throw InvalidInputException.of("processKey", "required: one of " + PROCESS_KEYS);
    }
    if (!PROCESS_KEYS.contains(key)) {
      throw InvalidInputException.of("processKey", "must be one of " + PROCESS_KEYS + ", got '" + key + "'");
    }
    List<ProcessDefinition> versions = versions(key);
    if (versions.isEmpty()) {
      throw InvalidInputException.of("processKey", key + " is not deployed");
    }
    return versions;
  }

  private List<ProcessDefinition> versions(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).orderByProcessDefinitionVersion()
        .asc().list();
  }

  /** The older versions with running instances, or the one asked for (400 if it is not an older version). */
  private List<ProcessDefinition> sources(String key, List<ProcessDefinition> versions, Integer sourceVersion) {
    ProcessDefinition latest = versions.get(versions.size() - 1);
    if (sourceVersion != null) {
      if (sourceVersion == latest.getVersion()) {
        throw InvalidInputException.of("sourceVersion", "version " + sourceVersion + " is the latest version of " + key
            + ": its instances have no newer version to move to");
      }
      return List.of(versions.stream().filter(d -> d.getVersion() == sourceVersion).findFirst()
          .orElseThrow(() -> InvalidInputException.of("sourceVersion", key + " has no version " + sourceVersion
              + " (its versions are 1 to " + latest.getVersion() + ")")));
    }
    return versions.stream().filter(d -> !d.getId().equals(latest.getId()))
        .filter(d -> runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count() > 0)
        .toList();
  }

  /**
   * The plan from one version to another: the equal activities mapped, and the event trigger
   * updated only where the target version changed it.
   */
  MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
      BpmnModelInstance targetModel) {
    return planner.plan(source, target, sourceModel, targetModel);
  }

  /** Whether an event's trigger differs between two versions of it ({@link MigrationPlanner}). */
  static boolean triggerChanged(ModelElementInstance source, ModelElementInstance target) {
    return MigrationPlanner.triggerChanged(source, target);
  }

  /** The trigger of an event or receive task in words; null for anything else. */
  static String trigger(ModelElementInstance element) {
    return MigrationPlanner.trigger(element);
  }
}
