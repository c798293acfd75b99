package org.ala.mig.simulation;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.web.ApiException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * The simulation profile's clock (CONTRACT.md): moves the engine clock, which is the
 * application's one clock, forward, and wakes the job executor and the mail dispatcher so that
 * what fell due runs within seconds; then settles, waiting until no job is due. Used by the REST
 * API ({@code /api/simulation/*}) and the clock page ({@code /simulation}). Time only moves
 * forward (going back would leave history out of order), at most {@link #LONGEST_MOVE} at once.
 */
@Service
@Profile("simulation")
public class SimulationClock {

  static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  static final Period LONGEST_MOVE = Period.ofYears(20);

  /** The clock moved from one moment to another. */
  public record Move(Instant from, Instant to) {
    public Duration movedBy() {
      return Duration.between(from, to);
    }
  }

  /** After settling: the simulated now, whether no job is due any more, and how many still are. */
  public record Settled(Instant now, boolean settled, long dueJobs) {}

  private final Clock clock;
  private final ManagementService management;
  private final JobExecutor jobExecutor;
  private final MailDispatcher mail;

  SimulationClock(Clock clock, ProcessEngine engine, MailDispatcher mail) {
    this.clock = clock;
    this.management = engine.getManagementService();
    this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    this.mail = mail;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the clock forward by an ISO-8601 duration ({@code PT12H}: exact hours) or period
   * ({@code P30D}, {@code P1M}, {@code P1Y}: calendar units, added in UTC).
   *
   * @throws ApiException 400 on field {@code advance} when the text is neither, is not forward,
   *     or moves more than 20 years
   */
  public synchronized Move advance(String text) {
    Instant now = clock.instant();
    Instant target = plus(now, text);
    if (tooFar(now, target)) {
      throw ApiException.invalid("advance", "moves more than 20 years at once");
    }
    return moveTo(now, target);
  }

  /**
   * Puts the clock at {@code target}.
   *
   * @throws ApiException 400 on field {@code setTo} when it is before the simulated now or more
   *     than 20 years after it
   */
  public synchronized Move setTo(Instant target) {
    Instant now = clock.instant();
    if (target.isBefore(now)) {
      throw ApiException.invalid("setTo", "must not be before the simulated now (" + now + "): time only moves forward");
    }
    if (tooFar(now, target)) {
      throw ApiException.invalid("setTo", "moves more than 20 years at once");
    }
    return moveTo(now, target);
  }

  /** Returns when no job is due any more, or after 60 s, with what is still due. */
  public Settled settle() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    long due = dueJobs();
    while (due > 0 && System.nanoTime() < deadline) {
      jobExecutor.jobWasAdded();
      Thread.sleep(100);
      due = dueJobs();
    }
    mail.wakeUp();
    return new Settled(clock.instant(), due == 0, due);
  }

  private Move moveTo(Instant now, Instant target) {
    // an offset from real time, so the simulated clock keeps running from the new moment
    ClockUtil.offset(target.toEpochMilli() - System.currentTimeMillis());
    jobExecutor.jobWasAdded();
    mail.wakeUp();
    return new Move(now, target);
  }

  private long dueJobs() {
    return management.createJobQuery().executable().active().count();
  }

  private static boolean tooFar(Instant now, Instant target) {
    return target.isAfter(now.atOffset(ZoneOffset.UTC).plus(LONGEST_MOVE).toInstant());
  }

  private static Instant plus(Instant now, String text) {
    try {
      if (text.startsWith("PT")) {
        Duration d = Duration.parse(text);
        if (d.isNegative() || d.isZero()) {
          throw ApiException.invalid("advance", "must move forward, got " + text);
        }
        return now.plus(d);
      }
      Period p = Period.parse(text);
      if (p.isNegative() || p.isZero()) {
        throw ApiException.invalid("advance", "must move forward, got " + text);
      }
      return now.atOffset(ZoneOffset.UTC).plus(p).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      throw ApiException.invalid("advance", "not an ISO-8601 period or duration such as P30D, P1Y or PT12H: '" + text + "'");
    }
  }
}
