package org.ala.mig.web.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.simulation.SimulationClock;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulation profile's clock over REST (CONTRACT.md), on {@link SimulationClock}: this is how
 * a person shows Council three years of a MIG in a minute.
 */
@RestController
@Profile("simulation")
@RequiresGroup(MigGroup.CAMUNDA_ADMIN)
class SimulationController {

  /** {advance: "P30D" | "PT12H"} or {setTo: "2029-08-02T05:00:00Z"}, exactly one of them. */
  record ClockChange(String advance, String setTo) {}

  private final SimulationClock clock;

  SimulationController(SimulationClock clock) {
    this.clock = clock;
  }

  @GetMapping("/api/simulation/clock")
  Map<String, Object> now() {
    return Map.of("now", clock.now());
  }

  @PostMapping(path = "/api/simulation/clock", consumes = "application/json")
  Map<String, Object> move(@RequestBody(required = false) ClockChange change) {
    if (change == null) {
      throw InvalidInputException.of("body", "required: {advance: \"P30D\"} or {setTo: \"2029-08-02T05:00:00Z\"}");
    }
    if (change.advance() == null && change.setTo() == null) {
      throw InvalidInputException.of("advance", "required: a period or duration such as \"P30D\" or \"PT12H\","
          + " or else setTo (an ISO instant)");
    }
    if (change.advance() != null && change.setTo() != null) {
      throw InvalidInputException.of("setTo", "give advance or setTo, not both");
    }
    SimulationClock.Move move = change.advance() != null ? clock.advance(change.advance()) : clock.setTo(instant(change.setTo()));
    return Map.of("now", move.to(), "movedBy", move.movedBy().toString());
  }

  /**
   * Returns when no job is due any more (or after 60 s, or once the jobs still due are all held
   * by another node that makes no progress), with what is still due and what others hold locked.
   */
  @PostMapping("/api/simulation/settle")
  Map<String, Object> settle() throws InterruptedException {
    SimulationClock.Settled settled = clock.settle();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("now", settled.now());
    result.put("settled", settled.settled());
    result.put("dueJobs", settled.dueJobs());
    result.put("lockedElsewhere", settled.lockedElsewhere());
    if (settled.lockedUntil() != null) {
      result.put("lockedUntil", settled.lockedUntil());
    }
    result.put("retriedJobs", settled.retriedJobs());
    result.put("failedJobs", settled.failedJobs());
    return result;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of("setTo", "not an ISO instant such as 2029-08-02T05:00:00Z: '" + text + "'");
    }
  }
}
