package org.ala.mig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.web.ApiException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ModelMigration.class);

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
  private final ManagementService management;
  private final IdentityService identity;
  private final TransactionTemplate transactions;

  public ModelMigration(RepositoryService repository, RuntimeService runtime, ManagementService management,
      IdentityService identity, TransactionTemplate transactions) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.identity = identity;
    this.transactions = transactions;
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

    List<Checked> checked = new ArrayList<>();
    for (ProcessDefinition source : sources) {
      checked.add(check(source, target, targetModel));
    }
    Report dry = new Report(key, Version.of(target), true, checked.stream().map(Checked::source).toList());
    if (dryRun) {
      return dry;
    }
    if (dry.blocked()) {
      throw new MigrationRefused(new Report(key, Version.of(target), false, dry.sources()), dry.summary());
    }
    List<Source> done = new ArrayList<>();
    for (Checked c : checked) {
      done.add(execute(key, c, target, targetModel));
    }
    return new Report(key, Version.of(target), false, done);
  }

  /** The deployed versions of a key, oldest first; 400 for a key that is not one of the application's. */
  private List<ProcessDefinition> deployedVersions(String key) {
    if (key == null || key.isBlank()) {
      throw ApiException.invalid("processKey", "required: one of " + PROCESS_KEYS);
    }
    if (!PROCESS_KEYS.contains(key)) {
      throw ApiException.invalid("processKey", "must be one of " + PROCESS_KEYS + ", got '" + key + "'");
    }
    List<ProcessDefinition> versions = versions(key);
    if (versions.isEmpty()) {
      throw ApiException.invalid("processKey", key + " is not deployed");
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
        throw ApiException.invalid("sourceVersion", "version " + sourceVersion + " is the latest version of " + key
            + ": its instances have no newer version to move to");
      }
      return List.of(versions.stream().filter(d -> d.getVersion() == sourceVersion).findFirst()
          .orElseThrow(() -> ApiException.invalid("sourceVersion", key + " has no version " + sourceVersion
              + " (its versions are 1 to " + latest.getVersion() + ")")));
    }
    return versions.stream().filter(d -> !d.getId().equals(latest.getId()))
        .filter(d -> runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count() > 0)
        .toList();
  }

  /** A source version after its dry run, with the plan to execute. */
  private record Checked(Source source, MigrationPlan plan) {}

  private Checked check(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance targetModel) {
    BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
    List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list().stream()
        .map(ProcessInstance::getId).toList();
    List<Step> notInTarget = notInTarget(sourceModel, targetModel);
    MigrationPlan plan;
    try {
      plan = plan(source, target, sourceModel, targetModel);
    } catch (MigrationPlanValidationException e) {
      List<Problem> problems = new ArrayList<>();
      for (MigrationInstructionValidationReport r : e.getValidationReport().getInstructionReports()) {
        String from = r.getMigrationInstruction().getSourceActivityId();
        r.getFailures().forEach(f -> problems.add(new Problem(from, name(sourceModel, from), instances.size(),
            "the plan cannot map it: " + f)));
      }
      return new Checked(source(source, instances.size(), List.of(), notInTarget, problems, Result.CANNOT_MIGRATE, 0),
          null);
    }
    Problems problems = new Problems(sourceModel, targetModel, target.getVersion());
    Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
        .collect(Collectors.toSet());
    // the instances standing at a step without an instruction: found from one count per step,
    // then looked at one by one
    String[] unmapped = management.createActivityStatisticsQuery(source.getId()).list().stream()
        .map(ActivityStatistics::getId).filter(id -> !mapped.contains(id)).toArray(String[]::new);
    Set<String> suspects = unmapped.length == 0 ? Set.of()
        : runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).activityIdIn(unmapped).list()
            .stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    List<String> candidates = instances.stream()
        .filter(instance -> !suspects.contains(instance) || standsOnlyAtMappedSteps(instance, mapped, problems))
        .toList();
    // the others together, as the migration will take them; one by one only if that is refused
    if (!candidates.isEmpty() && !tryInRolledBackTransaction(plan, candidates, null)) {
      candidates.forEach(instance -> tryInRolledBackTransaction(plan, List.of(instance), problems));
    }
    List<Problem> found = problems.list();
    return new Checked(source(source, instances.size(), instructions(plan, sourceModel), notInTarget, found,
        found.isEmpty() ? Result.CAN_MIGRATE : Result.CANNOT_MIGRATE, 0), plan);
  }

  /**
   * Whether every step the instance stands at (or waits for the job executor before) has an
   * instruction; the steps without one are recorded. This is the usual refusal (a step the new
   * version removed or renamed), found without asking the engine to migrate, which would log
   * each refusal as an error.
   */
  private boolean standsOnlyAtMappedSteps(String instance, Set<String> mapped, Problems problems) {
    ActivityInstance tree = runtime.getActivityInstance(instance);
    if (tree == null) {
      return false; // it ended meanwhile: nothing to migrate
    }
    List<String> unmapped = new ArrayList<>();
    collectUnmapped(tree, true, mapped, unmapped);
    unmapped.forEach(activityId -> problems.add(instance, activityId, NO_INSTRUCTION));
    return unmapped.isEmpty();
  }

  private static void collectUnmapped(ActivityInstance instance, boolean root, Set<String> mapped,
      List<String> unmapped) {
    boolean leaf = instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0;
    if (leaf && !root && !mapped.contains(instance.getActivityId())) {
      unmapped.add(instance.getActivityId());
    }
    for (TransitionInstance waiting : instance.getChildTransitionInstances()) {
      if (!mapped.contains(waiting.getActivityId())) {
        unmapped.add(waiting.getActivityId());
      }
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collectUnmapped(child, false, mapped, unmapped);
    }
  }

  /**
   * Migrates instances in a transaction that is always rolled back: whether the engine took them
   * all. The engine validates an instance only when it migrates it, and stops at the first it
   * refuses; that refusal is recorded in {@code problems} when they are given.
   */
  private boolean tryInRolledBackTransaction(MigrationPlan plan, List<String> instances, Problems problems) {
    return transactions.execute(status -> {
      status.setRollbackOnly();
      try {
        runtime.newMigration(plan).processInstanceIds(instances).execute();
        return true;
      } catch (MigratingProcessInstanceValidationException e) {
        if (problems != null) {
          problems.add(e.getValidationReport());
        }
      } catch (ProcessEngineException e) {
        if (problems != null) {
          instances.forEach(instance -> problems.add(instance, null, e.getMessage()));
        }
      }
      return false;
    });
  }

  private Source execute(String key, Checked checked, ProcessDefinition target, BpmnModelInstance targetModel) {
    Source source = checked.source();
    String definitionId = source.definitionId();
    long migrated;
    try {
      migrated = transactions.execute(status -> {
        long count = runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count();
        if (count > 0) {
          runtime.newMigration(checked.plan())
              .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(definitionId))
              .execute();
        }
        return count;
      });
    } catch (MigratingProcessInstanceValidationException e) {
      // an instance moved on between the dry run and the migration
      Problems problems = new Problems(repository.getBpmnModelInstance(definitionId), targetModel, target.getVersion());
      problems.add(e.getValidationReport());
      Source refused = new Source(source.version(), source.versionTag(), definitionId, source.instances(),
          source.plan(), source.notInTarget(), problems.list(), Result.CANNOT_MIGRATE, 0);
      throw new MigrationRefused(new Report(key, Version.of(target), false, List.of(refused)),
          "Nothing of version " + source.version() + " was migrated: an instance moved on since the dry run");
    } catch (OptimisticLockingException e) {
      throw ApiException.conflict("Nothing of version " + source.version() + " of " + key
          + " was migrated: an instance moved on while it was migrated (a job ran); try again");
    }
    Authentication caller = identity.getCurrentAuthentication();
    log.info("Migrated {} instances of {} from version {} ({}) to version {} ({}), as {}", migrated, key,
        source.version(), source.versionTag(), target.getVersion(), target.getVersionTag(),
        caller == null ? "the application" : caller.getUserId());
    return new Source(source.version(), source.versionTag(), definitionId, migrated, source.plan(),
        source.notInTarget(), List.of(), Result.MIGRATED, migrated);
  }

  /**
   * The plan from one version to another: the equal activities mapped, and the event trigger
   * updated only where the target version changed it.
   */
  MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
      BpmnModelInstance targetModel) {
    MigrationPlan equal = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
    for (MigrationInstruction instruction : equal.getInstructions()) {
      MigrationInstructionBuilder mapped =
          builder.mapActivities(instruction.getSourceActivityId(), instruction.getTargetActivityId());
      if (triggerChanged(sourceModel.getModelElementById(instruction.getSourceActivityId()),
          targetModel.getModelElementById(instruction.getTargetActivityId()))) {
        mapped.updateEventTrigger();
      }
      builder = mapped;
    }
    return builder.build();
  }

  /**
   * Whether an event's trigger differs between two versions of it: its timer, message, signal or
   * condition. A conditional event always has its trigger updated (the engine requires it).
   */
  static boolean triggerChanged(ModelElementInstance source, ModelElementInstance target) {
    String before = trigger(source);
    String after = trigger(target);
    if (before == null || after == null) {
      return false;
    }
    return before.startsWith("conditional") || !before.equals(after);
  }

  /** The trigger of an event or receive task in words; null for anything else. */
  static String trigger(ModelElementInstance element) {
    if (element instanceof ReceiveTask task) {
      return "message " + (task.getMessage() == null ? null : task.getMessage().getName());
    }
    if (!(element instanceof CatchEvent event)) {
      return null;
    }
    List<String> triggers = new ArrayList<>();
    for (EventDefinition definition : event.getEventDefinitions()) {
      if (definition instanceof TimerEventDefinition timer) {
        triggers.add("timer date " + text(timer.getTimeDate()) + " duration " + text(timer.getTimeDuration())
            + " cycle " + text(timer.getTimeCycle()));
      } else if (definition instanceof MessageEventDefinition message) {
        triggers.add("message " + (message.getMessage() == null ? null : message.getMessage().getName()));
      } else if (definition instanceof SignalEventDefinition signal) {
        triggers.add("signal " + (signal.getSignal() == null ? null : signal.getSignal().getName()));
      } else if (definition instanceof ConditionalEventDefinition condition) {
        triggers.add("conditional " + text(condition.getCondition()));
      }
    }
    return triggers.isEmpty() ? null : String.join("; ", triggers);
  }

  private static String text(ModelElementInstance element) {
    return element == null ? null : element.getTextContent().strip();
  }

  /** The plan's instructions in the order of the source model's file, as a reader follows it. */
  private static List<Instruction> instructions(MigrationPlan plan, BpmnModelInstance sourceModel) {
    List<String> order = sourceModel.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
    return plan.getInstructions().stream()
        .sorted(Comparator.comparingInt(i -> {
          int at = order.indexOf(i.getSourceActivityId());
          return at < 0 ? Integer.MAX_VALUE : at;
        }))
        .map(i -> new Instruction(i.getSourceActivityId(), i.getTargetActivityId(),
            name(sourceModel, i.getSourceActivityId()), i.isUpdateEventTrigger()))
        .toList();
  }

  /** The flow nodes of the source version that the target version has no flow node of that id for. */
  private static List<Step> notInTarget(BpmnModelInstance sourceModel, BpmnModelInstance targetModel) {
    return sourceModel.getModelElementsByType(FlowNode.class).stream()
        .filter(node -> !(targetModel.getModelElementById(node.getId()) instanceof FlowNode))
        .map(node -> new Step(node.getId(), name(sourceModel, node.getId())))
        .toList();
  }

  private static String name(BpmnModelInstance model, String activityId) {
    if (activityId == null) {
      return null;
    }
    ModelElementInstance element = model.getModelElementById(activityId.replace("#multiInstanceBody", ""));
    if (element instanceof FlowNode node && node.getName() != null && !node.getName().isBlank()) {
      return node.getName().strip().replaceAll("\\s+", " ");
    }
    return activityId;
  }

  private static Source source(ProcessDefinition definition, long instances, List<Instruction> plan,
      List<Step> notInTarget, List<Problem> problems, Result result, long migrated) {
    return new Source(definition.getVersion(), definition.getVersionTag(), definition.getId(), instances, plan,
        notInTarget, problems, result, migrated);
  }

  /** The engine's refusals of the instances of one version, grouped by activity and reason, in words. */
  private static final class Problems {
    private final BpmnModelInstance sourceModel;
    private final BpmnModelInstance targetModel;
    private final int targetVersion;
    /** activity id (or "") and reason → the instances refused for it. */
    private final Map<List<String>, Set<String>> found = new LinkedHashMap<>();

    Problems(BpmnModelInstance sourceModel, BpmnModelInstance targetModel, int targetVersion) {
      this.sourceModel = sourceModel;
      this.targetModel = targetModel;
      this.targetVersion = targetVersion;
    }

    void add(MigratingProcessInstanceValidationReport report) {
      String instance = report.getProcessInstanceId();
      report.getFailures().forEach(f -> add(instance, null, f));
      for (MigratingActivityInstanceValidationReport r : report.getActivityInstanceReports()) {
        r.getFailures().forEach(f -> add(instance, r.getSourceScopeId(), f));
      }
      for (MigratingTransitionInstanceValidationReport r : report.getTransitionInstanceReports()) {
        r.getFailures().forEach(f -> add(instance, r.getSourceScopeId(), "it waits for the job executor there: " + f));
      }
    }

    void add(String instance, String activityId, String failure) {
      found.computeIfAbsent(List.of(activityId == null ? "" : activityId, reason(activityId, failure)),
          k -> new LinkedHashSet<>()).add(instance);
    }

    /** The engine's failure, said for an operator where it is the usual one: the step is gone. */
    private String reason(String activityId, String failure) {
      if (activityId != null && failure.startsWith(NO_INSTRUCTION)) {
        ModelElementInstance inTarget = targetModel.getModelElementById(activityId);
        if (inTarget == null) {
          return "version " + targetVersion + " has no step '" + activityId + "' to move these instances to";
        }
        ModelElementInstance inSource = sourceModel.getModelElementById(activityId);
        if (inSource == null) {
          return failure;
        }
        if (inTarget.getElementType() != inSource.getElementType()) {
          return "in version " + targetVersion + " '" + activityId + "' is a " + inTarget.getElementType().getTypeName()
              + ", not a " + inSource.getElementType().getTypeName();
        }
        if (inSource instanceof FlowNode before && inTarget instanceof FlowNode after
            && (before.isCamundaAsyncBefore() != after.isCamundaAsyncBefore()
                || before.isCamundaAsyncAfter() != after.isCamundaAsyncAfter())) {
          return "instances wait for the job executor at '" + activityId + "', and in version " + targetVersion
              + " it is asynchronous differently (asyncBefore/asyncAfter), so they cannot wait there";
        }
        if (!id(inSource.getParentElement()).equals(id(inTarget.getParentElement()))) {
          return "version " + targetVersion + " has '" + activityId + "' in another subprocess ('"
              + id(inTarget.getParentElement()) + "' instead of '" + id(inSource.getParentElement())
              + "'), so it is not mapped";
        }
        return "the engine maps no instruction for '" + activityId + "' from this version to version " + targetVersion;
      }
      return failure;
    }

    private static String id(ModelElementInstance element) {
      return element instanceof BaseElement base && base.getId() != null ? base.getId() : "";
    }

    List<Problem> list() {
      List<Problem> problems = new ArrayList<>();
      found.forEach((key, instances) -> {
        String activityId = key.get(0).isEmpty() ? null : key.get(0);
        problems.add(new Problem(activityId, name(sourceModel, activityId), instances.size(), key.get(1)));
      });
      return problems;
    }
  }
}
