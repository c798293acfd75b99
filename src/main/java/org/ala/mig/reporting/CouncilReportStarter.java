package org.ala.mig.reporting;

import java.util.List;
import org.ala.mig.common.MigProperties.Conference;
import org.ala.mig.common.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, gives every conference of the conference table ({@link ConferenceSource}, seeded
 * from {@code mig.conferences}) that has not started yet its
 * {@code coo-council-report}, exactly once: a conference that has one (running or finished) or a
 * report is left alone, so a restart, or a second node, starts nothing twice (nodes starting
 * together take turns under the {@link StartupLock}; the report table's key backs it up). A
 * conference added at run time (POST /api/conferences) gets its report at once, from the
 * conference service; one that was missed (its node stopped in between) gets it at the next
 * start, and if its compile date has passed, the report is compiled at once. Runs after the
 * models are deployed, the demo data loaded and the conferences seeded.
 */
@Component
@Order(50)
class CouncilReportStarter implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(CouncilReportStarter.class);

  private final ConferenceSource conferences;
  private final CouncilReportService reports;
  private final StartupLock lock;

  CouncilReportStarter(ConferenceSource conferences, CouncilReportService reports, StartupLock lock) {
    this.conferences = conferences;
    this.reports = reports;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("COO reports", () -> {
      int started = start(conferences.conferences());
      if (started > 0) {
        log.info("Scheduled the COO report to Council for {} conference(s)", started);
      }
    });
  }

  /** Schedules the report of each conference still to come that has none; returns how many. */
  int start(List<Conference> conferences) {
    int started = 0;
    for (Conference conference : conferences) {
      if (!reports.stillDue(conference)) {
        log.debug("No COO report for conference {}: it started on {}", conference.id(), conference.startDate());
      } else if (reports.schedule(conference)) {
        started++;
      }
    }
    return started;
  }
}
