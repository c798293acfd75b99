package org.ala.mig.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.web.ApiException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulation profile's clock (CONTRACT.md): moves the engine clock, which is the
 * application's one clock, forward, and wakes the job executor and the mail dispatcher so that
 * what fell due runs within seconds. This is how a person shows Council three years of a MIG in
 * a minute. Time only moves forward: going back would leave history out of order.
 */
@RestController
@Profile("simulation")
@RequiresGroup(MigGroup.CAMUNDA_ADMIN)
class SimulationController {

  static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  static final Period LONGEST_MOVE = Period.ofYears(20);

  /** {advance: "P30D" | "PT12H"} or {setTo: "2029-08-02T05:00:00Z"}, exactly one of them. */
  record ClockChange(String advance, String setTo) {}

  private final Clock clock;
  private final ManagementService management;
  private final JobExecutor jobExecutor;
  private final MailDispatcher mail;

  SimulationController(Clock clock, ProcessEngine engine, MailDispatcher mail) {
    this.clock = clock;
    this.management = engine.getManagementService();
    this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    this.mail = mail;
  }

  @GetMapping("/api/simulation/clock")
  Map<String, Object> now() {
    return Map.of("now", clock.instant());
  }

  @PostMapping(path = "/api/simulation/clock", consumes = "application/json")
  synchronized Map<String, Object> move(@RequestBody(required = false) ClockChange change) {
    Instant now = clock.instant();
    Instant target = target(change, now);
    // an offset from real time, so the simulated clock keeps running from the new moment
    ClockUtil.offset(target.toEpochMilli() - System.currentTimeMillis());
    jobExecutor.jobWasAdded();
    mail.wakeUp();
    return Map.of("now", target, "movedBy", Duration.between(now, target).toString());
  }

  /** Returns when no job is due any more (or after 60 s), with what is still due. */
  @PostMapping("/api/simulation/settle")
  Map<String, Object> settle() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    long due = dueJobs();
    while (due > 0 && System.nanoTime() < deadline) {
      jobExecutor.jobWasAdded();
      Thread.sleep(100);
      due = dueJobs();
    }
    mail.wakeUp();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("now", clock.instant());
    result.put("settled", due == 0);
    result.put("dueJobs", due);
    return result;
  }

  private long dueJobs() {
    return management.createJobQuery().executable().active().count();
  }

  private static Instant target(ClockChange change, Instant now) {
    if (change == null || (change.advance() == null) == (change.setTo() == null)) {
      throw ApiException.invalid("body", "give exactly one of advance (e.g. \"P30D\", \"PT12H\") or setTo (an ISO instant)");
    }
    Instant target;
    if (change.advance() != null) {
      target = advance(now, change.advance());
    } else {
      try {
        target = Instant.parse(change.setTo());
      } catch (DateTimeParseException e) {
        throw ApiException.invalid("setTo", "not an ISO instant such as 2029-08-02T05:00:00Z: '" + change.setTo() + "'");
      }
      if (target.isBefore(now)) {
        throw ApiException.invalid("setTo", "must not be before the simulated now (" + now + "): time only moves forward");
      }
    }
    if (target.isAfter(now.atOffset(ZoneOffset.UTC).plus(LONGEST_MOVE).toInstant())) {
      throw ApiException.invalid(change.advance() != null ? "advance" : "setTo", "moves more than 20 years at once");
    }
    return target;
  }

  private static Instant advance(Instant now, String text) {
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
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiException.invalid("advance", "not an ISO-8601 period or duration such as P30D, P1Y or PT12H: '" + text + "'");
    }
  }
}
