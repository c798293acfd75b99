package org.ala.mig.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.registry.DeadlineCalendar;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * What the diagram pages read from the engine: the deployed models of the application, their
 * steps in words, how many running instances stand at each step, and where one instance stands.
 * Every page of this package is for any signed-in user, whatever their engine permissions (a
 * liaison reads no process definition in Cockpit), so these reads run as the application; they
 * never change anything, and only the models of {@link #KEYS} are shown.
 */
@Component
class ProcessDiagrams {

  /** The models shown to Council, in the order of the policy; a key not deployed (yet) is left out. */
  static final List<String> KEYS = List.of("mig-petition", "mig-lifecycle", "mig-annual-report", "coo-council-report");

  /** A step of a model: its id, its name, and what kind of step it is in words. */
  record Step(String id, String name, String kind) {}

  /** A deployed model with its steps in the order of the file. */
  record Model(String definitionId, String key, String name, int version, String versionTag, Map<String, Step> steps) {

    public Step step(String activityId) {
      Step step = steps.get(activityId);
      return step != null ? step : new Step(activityId, activityId, "step");
    }

    /** Where a step comes in the file; steps the model does not know come last. */
    public int order(String activityId) {
      int i = 0;
      for (String id : steps.keySet()) {
        if (id.equals(activityId)) {
          return i;
        }
        i++;
      }
      return Integer.MAX_VALUE;
    }

    /** The steps that a reader follows: tasks, events, gateways and stages, not flows or annotations. */
    public List<Step> stepList() {
      return List.copyOf(steps.values());
    }
  }

  /**
   * How many running instances stand at a step, and how many of them have an incident there;
   * {@code onlyIn} names the older versions that have the step when the latest version has no
   * step of that id (null when it has), and the step is then named as those versions name it.
   */
  record Count(Step step, long instances, long incidents, String onlyIn) {}

  /** An older version of a model that still has running instances. */
  record OlderVersion(int version, String versionTag, String definitionId, long instances) {}

  /**
   * A model for Council: the latest version, with the counts of every running version added up
   * by step id (the same id is the same step in every version, as migration maps them), and the
   * older versions that still run.
   */
  record ModelStatus(Model model, long running, List<Count> counts, List<OlderVersion> older) {

    public long runningOnOlder() {
      return older.stream().mapToLong(OlderVersion::instances).sum();
    }

    public Map<String, Long> countsById() {
      Map<String, Long> byId = new LinkedHashMap<>();
      counts.forEach(c -> byId.put(c.step().id(), c.instances()));
      return byId;
    }
  }

  /**
   * A step an instance stands at now; due is when its timer fires, null for a step that is not a
   * timer; {@code beyondTheTerm} when that timer waits for a renewal rather than for a date.
   */
  record CurrentStep(Step step, Instant due, boolean beyondTheTerm) {}

  /**
   * Where one instance stands: at {@code steps} while running; when it ended, at the end event it
   * reached ({@code endedAt} is then set).
   */
  record Position(String processInstanceId, Model model, List<CurrentStep> steps, Instant startedAt, Instant endedAt) {

    public boolean ended() {
      return endedAt != null;
    }

    public List<String> activityIds() {
      return steps.stream().map(s -> s.step().id()).toList();
    }
  }

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final HistoryService history;
  private final IdentityService identity;
  /** Deployed definitions never change: each is read from the engine once. */
  private final Map<String, Model> models = new ConcurrentHashMap<>();

  private final DeadlineCalendar calendar;

  ProcessDiagrams(RepositoryService repository, RuntimeService runtime, ManagementService management,
      HistoryService history, IdentityService identity, DeadlineCalendar calendar) {
    this.calendar = calendar;
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.history = history;
    this.identity = identity;
  }

  /** The BPMN XML of a definition of {@link #KEYS}; empty for any other id. */
  Optional<byte[]> xml(String processDefinitionId) {
    return asApplication(() -> {
      ProcessDefinition definition = repository.createProcessDefinitionQuery()
          .processDefinitionId(processDefinitionId).singleResult();
      if (definition == null || !KEYS.contains(definition.getKey())) {
        return Optional.empty();
      }
      try (InputStream in = repository.getProcessModel(processDefinitionId)) {
        return Optional.of(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The latest version of each model of {@link #KEYS} that is deployed, with its counts. */
  List<ModelStatus> statuses() {
    return asApplication(() -> {
      Map<String, ProcessDefinition> latest = new LinkedHashMap<>();
      for (ProcessDefinition d : repository.createProcessDefinitionQuery().processDefinitionKeysIn(KEYS.toArray(String[]::new))
          .latestVersion().list()) {
        latest.put(d.getKey(), d);
      }
      // one query for the instances of every version; then the steps of only the versions that run
      Map<String, List<ProcessDefinitionStatistics>> running = new HashMap<>();
      for (ProcessDefinitionStatistics s : management.createProcessDefinitionStatisticsQuery().list()) {
        if (s.getInstances() > 0 && latest.containsKey(s.getKey())) {
          running.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(s);
        }
      }
      List<ModelStatus> statuses = new ArrayList<>();
      for (String key : KEYS) {
        ProcessDefinition definition = latest.get(key);
        if (definition == null) {
          continue;
        }
        Model model = model(definition.getId());
        long instances = 0;
        Map<String, long[]> byActivity = new LinkedHashMap<>();
        // steps the latest version does not have: named by the older versions that have them
        Map<String, Step> olderSteps = new HashMap<>();
        Map<String, SortedSet<Integer>> olderOnly = new HashMap<>();
        List<OlderVersion> older = new ArrayList<>();
        for (ProcessDefinitionStatistics version : running.getOrDefault(key, List.of())) {
          instances += version.getInstances();
          Model own = model(version.getId());
          if (!own.definitionId().equals(model.definitionId())) {
            older.add(new OlderVersion(own.version(), own.versionTag(), own.definitionId(), version.getInstances()));
          }
          for (ActivityStatistics a : management.createActivityStatisticsQuery(version.getId()).includeIncidents().list()) {
            long[] n = byActivity.computeIfAbsent(a.getId(), id -> new long[2]);
            n[0] += a.getInstances();
            n[1] += a.getIncidentStatistics().stream().mapToLong(IncidentStatistics::getIncidentCount).sum();
            if (!model.steps().containsKey(a.getId())) {
              olderSteps.putIfAbsent(a.getId(), own.step(a.getId()));
              olderOnly.computeIfAbsent(a.getId(), id -> new TreeSet<>()).add(own.version());
            }
          }
        }
        older.sort(Comparator.comparingInt(OlderVersion::version));
        List<Count> counts = byActivity.entrySet().stream()
            .map(e -> olderSteps.containsKey(e.getKey())
                ? new Count(olderSteps.get(e.getKey()), e.getValue()[0], e.getValue()[1],
                    (olderOnly.get(e.getKey()).size() == 1 ? "version " : "versions ")
                        + olderOnly.get(e.getKey()).stream().map(String::valueOf).collect(Collectors.joining(", ")))
                : new Count(model.step(e.getKey()), e.getValue()[0], e.getValue()[1], null))
            .sorted(Comparator.comparingInt(c -> model.order(c.step().id())))
            .toList();
        statuses.add(new ModelStatus(model, instances, counts, older));
      }
      return statuses;
    });
  }

  /**
   * Where the process of {@code key} with this business key stands: its running instance, or else
   * the one that ended last; empty when there never was one.
   */
  Optional<Position> position(String key, String businessKey) {
    return asApplication(() -> {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(key)
          .processInstanceBusinessKey(businessKey).listPage(0, 1).stream().findFirst().orElse(null);
      if (instance != null) {
        Model model = model(instance.getProcessDefinitionId());
        List<CurrentStep> steps = new ArrayList<>();
        for (String activityId : runtime.getActiveActivityIds(instance.getId())) {
          Instant due = timerDue(instance.getId(), activityId);
          steps.add(new CurrentStep(model.step(activityId), due, calendar.waitsBeyondTheTerm(due)));
        }
        steps.sort(Comparator.comparingInt(s -> model.order(s.step().id())));
        HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
            .processInstanceId(instance.getId()).singleResult();
        return Optional.of(new Position(instance.getId(), model, steps,
            started == null ? null : started.getStartTime().toInstant(), null));
      }
      HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
          .processInstanceBusinessKey(businessKey).finished().orderByProcessInstanceEndTime().desc()
          .listPage(0, 1).stream().findFirst().orElse(null);
      if (ended == null) {
        return Optional.empty();
      }
      Model model = model(ended.getProcessDefinitionId());
      List<CurrentStep> steps = ended.getEndActivityId() == null ? List.of()
          : List.of(new CurrentStep(model.step(ended.getEndActivityId()), null, false));
      return Optional.of(new Position(ended.getId(), model, steps, ended.getStartTime().toInstant(),
          ended.getEndTime().toInstant()));
    });
  }

  private Instant timerDue(String processInstanceId, String activityId) {
    List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
        .timers().list();
    return timers.stream().filter(j -> j.getDuedate() != null).map(j -> j.getDuedate().toInstant())
        .min(Comparator.naturalOrder()).orElse(null);
  }

  private Model model(String definitionId) {
    return models.computeIfAbsent(definitionId, id -> {
      ProcessDefinition definition = repository.getProcessDefinition(id);
      BpmnModelInstance bpmn = repository.getBpmnModelInstance(id);
      Map<String, Step> steps = new LinkedHashMap<>();
      for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
        String name = node.getName() == null || node.getName().isBlank() ? node.getId() : node.getName().strip();
        steps.put(node.getId(), new Step(node.getId(), name, kind(node)));
      }
      return new Model(id, definition.getKey(), definition.getName() == null ? definition.getKey() : definition.getName(),
          definition.getVersion(), definition.getVersionTag(), Collections.unmodifiableMap(steps));
    });
  }

  /** What kind of step a node is, in words for a reader who does not know BPMN. */
  static String kind(FlowNode node) {
    if (node instanceof UserTask task) {
      List<String> groups = task.getCamundaCandidateGroupsList();
      return groups.isEmpty() ? "task" : "task for " + String.join(", ", groups);
    }
    if (node instanceof ReceiveTask) {
      return "waits for a message";
    }
    if (node instanceof SubProcess) {
      return "stage";
    }
    if (node instanceof org.camunda.bpm.model.bpmn.instance.Task) {
      return "automatic step";
    }
    if (node instanceof StartEvent) {
      return "start";
    }
    if (node instanceof EndEvent end) {
      return has(end.getEventDefinitions(), TerminateEventDefinition.class) ? "end of the process" : "end";
    }
    if (node instanceof CatchEvent event) {
      boolean boundary = node instanceof BoundaryEvent;
      if (has(event.getEventDefinitions(), TimerEventDefinition.class)) {
        return boundary ? "deadline of the step it is attached to" : "waits until a date";
      }
      if (has(event.getEventDefinitions(), MessageEventDefinition.class)) {
        return boundary ? "message that can come during the step it is attached to" : "waits for a message";
      }
      return "event";
    }
    if (node instanceof ExclusiveGateway) {
      return "decision";
    }
    if (node instanceof ParallelGateway) {
      return "parallel paths";
    }
    if (node instanceof EventBasedGateway) {
      return "waits for the first event";
    }
    if (node instanceof Gateway) {
      return "gateway";
    }
    return "step";
  }

  private static boolean has(Collection<EventDefinition> definitions, Class<? extends EventDefinition> type) {
    return definitions.stream().anyMatch(type::isInstance);
  }

  private <T> T asApplication(Supplier<T> work) {
    return SystemAuthentication.run(identity, work);
  }
}
