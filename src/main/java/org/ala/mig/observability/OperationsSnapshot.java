package org.ala.mig.observability;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.OutboxMail;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What the gauges of {@link OperationsGauges} show, read at most once every
 * {@code mig.metrics.refresh-interval} (default 10 s) however often they are scraped, and by
 * however many gauges: the outbox by status (one grouped query), the open incidents by type (three
 * counts) and the open tasks by candidate group (the engine's task report, one grouped query).
 *
 * <p>The interval is measured on the JVM's monotonic clock, not the engine clock: a simulation
 * that moves the engine clock must not freeze or flood the metrics. Reads run as the application
 * (no engine authorization), so every scraper sees the same numbers.
 */
@Service
public class OperationsSnapshot {

  private static final Logger log = LoggerFactory.getLogger(OperationsSnapshot.class);

  /** The incident types of the engine, each its own series; any other type counts as "other". */
  static final java.util.List<String> INCIDENT_TYPES =
      java.util.List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE);
  static final String OTHER = "other";
  /** Tasks with no candidate group (assigned to a person only). */
  static final String NO_GROUP = "none";

  /** One reading. Its maps hold every known key, at 0 when there is none. */
  public record Figures(Map<OutboxMail.Status, Long> outbox, Map<String, Long> incidents, Map<String, Long> tasks) {
    static final Figures NONE = new Figures(Map.of(), Map.of(), Map.of());
  }

  private final MailService mail;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final LoadingCache<Boolean, Figures> cache;

  public OperationsSnapshot(MailService mail, RuntimeService runtime, TaskService tasks, IdentityService identity,
      @Value("${mig.metrics.refresh-interval:10s}") Duration refreshInterval) {
    this.mail = mail;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.cache = Caffeine.newBuilder().expireAfterWrite(refreshInterval).maximumSize(1).build(key -> read());
  }

  /** The latest figures, read now when the last reading is older than the refresh interval. */
  public Figures figures() {
    return cache.get(Boolean.TRUE);
  }

  /** Forgets the last reading (tests). */
  public void refreshNow() {
    cache.invalidateAll();
  }

  /**
   * A database that does not answer must not break the scrape, nor slow it down once per gauge:
   * the failure is kept for the interval like a reading, and the gauges show NaN meanwhile.
   */
  private Figures read() {
    try {
      return SystemAuthentication.run(identity, () -> new Figures(outbox(), incidents(), openTasks()));
    } catch (RuntimeException e) {
      log.warn("Could not read the operations metrics; the gauges show NaN until the next reading: {}", e.toString());
      return Figures.NONE;
    }
  }

  private Map<OutboxMail.Status, Long> outbox() {
    Map<OutboxMail.Status, Long> counts = new EnumMap<>(OutboxMail.Status.class);
    for (OutboxMail.Status status : OutboxMail.Status.values()) {
      counts.put(status, 0L);
    }
    mail.outboxCounts().forEach((status, n) -> counts.put(status, n == null ? 0L : n));
    return Collections.unmodifiableMap(counts);
  }

  private Map<String, Long> incidents() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long known = 0;
    for (String type : INCIDENT_TYPES) {
      long n = runtime.createIncidentQuery().incidentType(type).count();
      counts.put(type, n);
      known += n;
    }
    counts.put(OTHER, Math.max(0, runtime.createIncidentQuery().count() - known));
    return Collections.unmodifiableMap(counts);
  }

  private Map<String, Long> openTasks() {
    Map<String, Long> counts = new LinkedHashMap<>();
    MigGroup.ids().forEach(group -> counts.put(group, 0L));
    counts.put(OTHER, 0L);
    counts.put(NO_GROUP, 0L);
    for (TaskCountByCandidateGroupResult row : tasks.createTaskReport().taskCountByCandidateGroup()) {
      String group = row.getGroupName() == null ? NO_GROUP : counts.containsKey(row.getGroupName()) ? row.getGroupName() : OTHER;
      counts.merge(group, (long) row.getTaskCount(), Long::sum);
    }
    return Collections.unmodifiableMap(counts);
  }
}
