package org.ala.mig.simulation;

import java.time.Clock;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The simulated clock that every node on this database follows: the table simulation_clock holds
 * it as an offset from real time and a version that each move raises, and this node applies a
 * newer version to its engine clock, forward only. The row exists from the migration on, so that
 * nodes never race to create it. {@link SimulationClock} writes it; {@link SharedClockPlugin}
 * makes each job acquisition and each job follow it first.
 */
@Component
@Profile("simulation")
class SharedClock {

  /** The shared clock: simulated now = real now + offsetMillis; version 0 = never moved. */
  record Stored(long offsetMillis, long version) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  /** The version this node follows; a higher one is applied. */
  private long seenVersion;

  SharedClock(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Stored read() {
    return jdbc.queryForObject("select offset_millis, version from simulation_clock where id = 1",
        (rs, n) -> new Stored(rs.getLong(1), rs.getLong(2)));
  }

  /** Reads the row and locks it until the caller's transaction ends: moves happen one at a time. */
  Stored readForUpdate() {
    return jdbc.queryForObject("select offset_millis, version from simulation_clock where id = 1 for update",
        (rs, n) -> new Stored(rs.getLong(1), rs.getLong(2)));
  }

  void write(Stored stored, String movedBy) {
    jdbc.update("update simulation_clock set offset_millis = ?, version = ?, moved_by = ? where id = 1",
        stored.offsetMillis(), stored.version(), movedBy);
  }

  /** Reads the shared clock and follows it; returns whether this node's clock moved. */
  boolean follow() {
    return follow(read());
  }

  /**
   * Applies {@code stored} to this node's engine clock if its version is newer than the one this
   * node follows and it lies ahead; returns whether the clock moved.
   */
  synchronized boolean follow(Stored stored) {
    if (stored.version() <= seenVersion) {
      return false;
    }
    seenVersion = stored.version();
    if (System.currentTimeMillis() + stored.offsetMillis() <= clock.millis()) {
      return false;
    }
    ClockUtil.offset(stored.offsetMillis());
    return true;
  }

  /** This node wrote {@code version} itself, and has applied it. */
  synchronized void moved(long version) {
    seenVersion = Math.max(seenVersion, version);
  }
}
