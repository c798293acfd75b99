package org.ala.mig.roster;

import org.ala.mig.common.StartupLock;
import org.ala.mig.registry.DeadlineCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, 5,000 synthetic members, made once (the same ones every time), under the
 * {@link StartupLock}: of two nodes starting together, one loads them.
 */
@Component
@Profile("demo")
@Order(20)
class DemoRosterLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRosterLoader.class);
  static final int MEMBERS = 5_000;
  static final long SEED = 1876L; // the year ALA was founded

  private final RosterRepository roster;
  private final DeadlineCalendar calendar;
  private final StartupLock lock;

  DemoRosterLoader(RosterRepository roster, DeadlineCalendar calendar, StartupLock lock) {
    this.roster = roster;
    this.calendar = calendar;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("demo roster", this::load);
  }

  private void load() {
    if (roster.count() > 0) {
      return;
    }
    roster.upsert(DemoRoster.generate(MEMBERS, calendar.today(), SEED));
    log.info("Loaded the demo member roster: {} synthetic members", MEMBERS);
  }
}
