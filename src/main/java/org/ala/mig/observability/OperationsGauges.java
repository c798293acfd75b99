package org.ala.mig.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.function.Function;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.mail.OutboxMail;
import org.springframework.stereotype.Component;

/**
 * The gauges of the application's state (docs/metrics.md), each read from
 * {@link OperationsSnapshot}, so that a scrape costs at most one round of grouped queries per
 * refresh interval:
 * <ul>
 *   <li>{@code mig_mail_outbox_mails{status}}: the outbox's backlog, PENDING, SENDING and FAILED;</li>
 *   <li>{@code mig_incidents_open{type}}: open engine incidents, failedJob, failedExternalTask, other;</li>
 *   <li>{@code mig_tasks_open{group}}: open user tasks per candidate group (a task offered to two
 *       groups counts in both; "none" for tasks with no candidate group).</li>
 * </ul>
 */
@Component
class OperationsGauges implements MeterBinder {

  static final String OUTBOX = "mig.mail.outbox.mails";
  static final String INCIDENTS = "mig.incidents.open";
  static final String TASKS = "mig.tasks.open";

  private final OperationsSnapshot snapshot;

  OperationsGauges(OperationsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (OutboxMail.Status status : new OutboxMail.Status[] {OutboxMail.Status.PENDING, OutboxMail.Status.SENDING,
        OutboxMail.Status.FAILED}) {
      gauge(meters, OUTBOX, "Mails in the outbox waiting to be sent, being sent, or failed", "status", status.name(),
          OperationsSnapshot.Figures::outbox, status);
    }
    for (String type : OperationsSnapshot.INCIDENT_TYPES) {
      gauge(meters, INCIDENTS, "Open incidents of the process engine, by type", "type", type,
          OperationsSnapshot.Figures::incidents, type);
    }
    gauge(meters, INCIDENTS, "Open incidents of the process engine, by type", "type", OperationsSnapshot.OTHER,
        OperationsSnapshot.Figures::incidents, OperationsSnapshot.OTHER);
    java.util.List<String> groups = new java.util.ArrayList<>(MigGroup.ids());
    groups.add(OperationsSnapshot.OTHER);
    groups.add(OperationsSnapshot.NO_GROUP);
    for (String group : groups) {
      gauge(meters, TASKS, "Open user tasks, by candidate group", "group", group,
          OperationsSnapshot.Figures::tasks, group);
    }
  }

  private <K> void gauge(MeterRegistry meters, String name, String description, String tag, String value,
      Function<OperationsSnapshot.Figures, Map<K, Long>> part, K key) {
    Gauge.builder(name, snapshot, s -> {
      Long n = part.apply(s.figures()).get(key);
      return n == null ? Double.NaN : n;
    }).description(description).tag(tag, value).strongReference(true).register(meters);
  }
}
