package org.ala.mig.simulation;

import jakarta.annotation.PostConstruct;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.mail.MailDispatcher;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulation profile's clock (CONTRACT.md): moves the engine clock, which is the
 * application's one clock, forward, and wakes the job executor and the mail dispatcher so that
 * what fell due runs within seconds; then settles, waiting until no job is due. Used by the REST
 * API ({@code /api/simulation/*}) and the clock page ({@code /simulation}). Time only moves
 * forward (going back would leave history out of order), at most {@link #LONGEST_MOVE} at once.
 *
 * <p>Several nodes on one database share the clock ({@link SharedClock}): a move writes it, every
 * node polls it (each {@code mig.simulation.clock-poll-interval}, 1 s) to wake its job executor
 * and dispatcher after a move made elsewhere, follows it before each job acquisition and each job
 * ({@link SharedClockPlugin}), and takes it up at start, before its job executor starts.
 */
@Service
@Profile("simulation")
public class SimulationClock {

  private static final Logger log = LoggerFactory.getLogger(SimulationClock.class);
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  /** Settling gives up early when every job still due is locked by another node and none ran this long. */
  static final Duration STALLED = Duration.ofSeconds(10);
  static final Period LONGEST_MOVE = Period.ofYears(20);

  /** The clock moved from one moment to another. */
  public record Move(Instant from, Instant to) {
    public Duration movedBy() {
      return Duration.between(from, to);
    }
  }

  /**
   * After settling: the simulated now, whether no job is due any more, how many still are, and of
   * those how many another node holds locked, until when at the latest (null when none). Jobs
   * locked by a node that died come back when their lock runs out, on the simulated clock.
   * retriedJobs counts the jobs that had failed (a lock conflict, a step waiting for others) and
   * waited for their retry, which settling ran again at once; failedJobs the jobs left with no
   * retries (incidents in Cockpit).
   */
  public record Settled(Instant now, boolean settled, long dueJobs, long lockedElsewhere, Instant lockedUntil,
      long retriedJobs, long failedJobs) {}

  private final Clock clock;
  private final ManagementService management;
  private final JobExecutor jobExecutor;
  private final MailDispatcher mail;
  private final SharedClock shared;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final String node;

  SimulationClock(Clock clock, ProcessEngine engine, MailDispatcher mail, SharedClock shared,
      JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.clock = clock;
    this.management = engine.getManagementService();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.jobExecutor = configuration.getJobExecutor();
    this.node = configuration.getHostname();
    this.mail = mail;
    this.shared = shared;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Before the job executor starts (it starts once the context is refreshed): take up the shared clock. */
  @PostConstruct
  void takeUpTheSharedClock() {
    if (shared.follow()) {
      log.info("Simulated clock taken up from the database: {}", clock.instant());
    }
  }

  /** Follows a move made on another node, and wakes what may have fallen due. */
  @Scheduled(fixedDelayString = "${mig.simulation.clock-poll-interval:1s}")
  void poll() {
    try {
      if (shared.follow()) {
        log.info("Simulated clock moved by another node to {}", clock.instant());
        wake();
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the shared simulated clock; trying again: {}", e.toString());
    }
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the clock forward by an ISO-8601 duration ({@code PT12H}: exact hours) or period
   * ({@code P30D}, {@code P1M}, {@code P1Y}: calendar units, added in UTC).
   *
   * @throws InvalidInputException on field {@code advance} when the text is neither, is not forward,
   *     or moves more than 20 years
   */
  public Move advance(String text) {
    return move(now -> {
      Instant target = plus(now, text);
      if (tooFar(now, target)) {
        throw InvalidInputException.of("advance", "moves more than 20 years at once");
      }
      return target;
    });
  }

  /**
   * Puts the clock at {@code target}.
   *
   * @throws InvalidInputException on field {@code setTo} when it is before the simulated now or more
   *     than 20 years after it
   */
  public Move setTo(Instant target) {
    return move(now -> {
      if (target.isBefore(now)) {
        throw InvalidInputException.of("setTo", "must not be before the simulated now (" + now + "): time only moves forward");
      }
      if (tooFar(now, target)) {
        throw InvalidInputException.of("setTo", "moves more than 20 years at once");
      }
      return target;
    });
  }

  /**
   * Returns when no job is due any more on the database (whichever node runs it), after 60 s, or
   * once every job still due has been locked by another node for 10 s without any progress (a
   * node that died holds them until their lock runs out), with what is still due. A job that
   * failed and waits for its retry (the models retry five minutes later: a lock conflict with
   * another job, or a COO report waiting for the lifecycles to catch up) is due again at once,
   * once nothing else is due, and waited for: settled means that no retry is pending either. Where this
   * node sends mail, it then also waits (within the same 60 s) until the mail those jobs wrote has
   * gone out, so that a mail is sent, and dated, before the clock moves on. A mail waiting out its
   * backoff after a failed attempt (SMTP down) is not waited for.
   */
  public Settled settle() throws InterruptedException {
    if (shared.follow()) {
      wake();
    }
    long start = System.nanoTime();
    long lastProgress = start;
    long retried = 0;
    long due = dueJobs();
    while (System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
      if (due == 0) {
        long pulled = retryNow();
        if (pulled == 0) {
          break;
        }
        retried += pulled;
        due = dueJobs();
        lastProgress = System.nanoTime();
      }
      jobExecutor.jobWasAdded();
      Thread.sleep(100);
      long stillDue = dueJobs();
      if (stillDue != due) {
        due = stillDue;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALLED.toNanos() && lockedElsewhere().count() == due) {
        break;
      }
    }
    Locked locked = due == 0 ? new Locked(0, null) : lockedElsewhere();
    mail.wakeUp();
    if (due == 0 && mail.enabled()) {
      while (mail.dueOrSending() > 0 && System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
        Thread.sleep(50);
      }
    }
    long failed = management.createJobQuery().noRetriesLeft().count();
    if (retried > 0) {
      log.info("Settling ran {} job(s) again at once that had failed and waited for their retry", retried);
    }
    return new Settled(clock.instant(), due == 0 && waitingForRetry().isEmpty(), due, locked.count(),
        locked.until(), retried, failed);
  }

  /** Jobs that failed and wait for a retry later on the simulated clock. */
  private List<Job> waitingForRetry() {
    return management.createJobQuery().withException().withRetriesLeft().active()
        .duedateHigherThan(Date.from(clock.instant())).list();
  }

  /**
   * Makes the jobs waiting for their retry due now, those of the highest job priority first (a
   * model says that a step comes after others with a lower priority: the COO report to Council
   * after the lifecycles); returns how many.
   */
  private long retryNow() {
    List<Job> all = waitingForRetry();
    long first = all.stream().mapToLong(Job::getPriority).max().orElse(0);
    List<Job> waiting = all.stream().filter(job -> job.getPriority() == first).toList();
    Date now = Date.from(clock.instant());
    for (Job job : waiting) {
      management.setJobDuedate(job.getId(), now);
    }
    return waiting.size();
  }

  /** In one transaction on the shared row: catch up with it, check the target, write it. */
  private synchronized Move move(UnaryOperator<Instant> targetFrom) {
    long[] written = new long[1];
    Move move = transaction.execute(tx -> {
      SharedClock.Stored stored = shared.readForUpdate();
      shared.follow(stored);
      Instant now = clock.instant();
      Instant target = targetFrom.apply(now);
      // an offset from real time, so the simulated clock keeps running from the new moment
      long offset = target.toEpochMilli() - System.currentTimeMillis();
      written[0] = stored.version() + 1;
      shared.write(new SharedClock.Stored(offset, written[0]), node);
      return new Move(now, target);
    });
    // after the commit: other nodes see the move no earlier than this one
    ClockUtil.offset(move.to().toEpochMilli() - System.currentTimeMillis());
    shared.moved(written[0]);
    wake();
    return move;
  }

  private void wake() {
    jobExecutor.jobWasAdded();
    mail.wakeUp();
  }

  private record Locked(long count, Instant until) {}

  /** The due jobs that another node (or a node that died) holds locked, and until when. */
  private Locked lockedElsewhere() {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.queryForObject("""
        select count(*), max(LOCK_EXP_TIME_) from ACT_RU_JOB
        where RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and (DUEDATE_ is null or DUEDATE_ <= ?)
          and LOCK_EXP_TIME_ > ? and (LOCK_OWNER_ is null or LOCK_OWNER_ <> ?)""",
        (rs, n) -> new Locked(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()),
        now, now, jobExecutor.getLockOwner());
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
          throw InvalidInputException.of("advance", "must move forward, got " + text);
        }
        return now.plus(d);
      }
      Period p = Period.parse(text);
      if (p.isNegative() || p.isZero()) {
        throw InvalidInputException.of("advance", "must move forward, got " + text);
      }
      return now.atOffset(ZoneOffset.UTC).plus(p).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      throw InvalidInputException.of("advance", "not an ISO-8601 period or duration such as P30D, P1Y or PT12H: '" + text + "'");
    }
  }
}
