package org.ala.mig.conferences;

import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The conferences in /actuator/health ("conferences"): how many are still to come and the next
 * one. Without an upcoming conference no COO report to Council is ever compiled: the details then
 * carry a {@code warning} (the status stays UP, as the application itself works).
 */
@Component("conferencesHealthIndicator")
class UpcomingConferencesHealth extends AbstractHealthIndicator {

  private final ConferenceService conferences;

  UpcomingConferencesHealth(ConferenceService conferences) {
    this.conferences = conferences;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    List<Conference> upcoming = conferences.upcoming();
    health.up().withDetail("upcoming", upcoming.size());
    if (upcoming.isEmpty()) {
      health.withDetail("warning", ConferenceService.NO_UPCOMING_WARNING);
    } else {
      Conference next = upcoming.get(0);
      health.withDetail("next", next.id() + " (" + next.name() + ", " + next.startDate() + ")");
    }
  }
}
