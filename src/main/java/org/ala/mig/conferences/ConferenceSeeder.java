package org.ala.mig.conferences;

import org.ala.mig.common.MigProperties;
import org.ala.mig.common.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start, stores each conference of {@code mig.conferences} that the conference table
 * does not know yet; one it knows is left as it is (it may have been changed since). Nodes
 * starting together take turns under the {@link StartupLock}, and the table's key backs it up.
 * Runs before the COO reports are scheduled (reporting.CouncilReportStarter, order 50).
 */
@Component
@Order(45)
class ConferenceSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ConferenceSeeder.class);

  private final MigProperties properties;
  private final ConferenceService conferences;
  private final StartupLock lock;

  ConferenceSeeder(MigProperties properties, ConferenceService conferences, StartupLock lock) {
    this.properties = properties;
    this.conferences = conferences;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("conferences", () -> {
      int seeded = 0;
      for (MigProperties.Conference configured : properties.conferences()) {
        if (conferences.seed(configured)) {
          seeded++;
        }
      }
      if (seeded > 0) {
        log.info("Seeded {} conference(s) from mig.conferences", seeded);
      }
    });
  }
}
