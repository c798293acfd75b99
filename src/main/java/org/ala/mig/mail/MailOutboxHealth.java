package org.ala.mig.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.mail.OutboxMail.Status;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The outbox in /actuator/health ("mailOutbox", from the bean name less "HealthIndicator"): mails waiting and failed, and how long the
 * oldest has waited. DEGRADED when a mail has waited more than 15 minutes (SMTP down) or any
 * mail has FAILED, so that operators see the backlog before organizers miss a deadline.
 */
@Component("mailOutboxHealthIndicator")
class MailOutboxHealth extends AbstractHealthIndicator {

  static final Duration STALE = Duration.ofMinutes(15);
  private final MailOutbox outbox;
  private final Clock clock;

  MailOutboxHealth(MailOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    Map<Status, Long> counts = outbox.countByStatus();
    long waiting = counts.get(Status.PENDING) + counts.get(Status.SENDING);
    Optional<Instant> oldest = outbox.oldestWaitingSince();
    Duration waited = oldest.map(t -> Duration.between(t, clock.instant())).orElse(Duration.ZERO);
    boolean degraded = counts.get(Status.FAILED) > 0 || waited.compareTo(STALE) > 0;
    health.status(degraded ? "DEGRADED" : "UP")
        .withDetail("waiting", waiting)
        .withDetail("sent", counts.get(Status.SENT))
        .withDetail("failed", counts.get(Status.FAILED))
        .withDetail("oldestWaitingSeconds", waited.toSeconds());
  }
}
