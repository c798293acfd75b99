package org.ala.mig.analytics;

import org.ala.mig.registry.DeadlineCalendar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Council's analytics (CONTRACT.md, "Council analytics"), as of today on the engine's clock. */
@Service
public class AnalyticsService {

  private final AnalyticsRepository repository;
  private final DeadlineCalendar calendar;

  AnalyticsService(AnalyticsRepository repository, DeadlineCalendar calendar) {
    this.repository = repository;
    this.calendar = calendar;
  }

  /** Every figure read from one snapshot of the tables, so that they agree with each other. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public CouncilAnalytics analytics() {
    AnalyticsFigures figures = new AnalyticsFigures(calendar.today(), calendar.zone(), calendar::endOfDay);
    repository.changes(figures::add);
    var decided = repository.decidedPetitions();
    return new CouncilAnalytics(figures.activeMigsByYear(), figures.daysToDecision(decided),
        figures.daysToDecisionByYear(decided), figures.reportsOnTime(repository.reports()),
        AnalyticsFigures.outcomes(repository.eventCounts()));
  }
}
