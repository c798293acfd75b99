package org.ala.mig.reporting;

import java.time.Instant;
import java.util.List;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.reporting.CooDecisions.Decision;
import org.ala.mig.reporting.CooDecisions.Subject;
import org.springframework.stereotype.Service;

/**
 * The record of COO's decisions that its report to Council is compiled from: what the petitions
 * and the MIGs' requests write into it, and what the MIG's page reads.
 */
@Service
public class CooDecisionService {

  private final CooDecisions decisions;
  private final DeadlineCalendar calendar;

  public CooDecisionService(CooDecisions decisions, DeadlineCalendar calendar) {
    this.decisions = decisions;
    this.calendar = calendar;
  }

  /**
   * Records COO's decision on a petition, once: a retried step records nothing twice.
   *
   * @return false when the petition's decision was recorded already
   */
  public boolean recordForPetition(String migId, String petitionId, Subject subject, boolean approved,
      String rationale, Instant decidedAt, String decidedBy) {
    if (decisions.countForPetition(petitionId) > 0) {
      return false;
    }
    decisions.record(migId, petitionId, subject, approved, rationale, null, calendar.dateOf(decidedAt), decidedAt,
        decidedBy);
    return true;
  }

  /**
   * Records COO's decision on a MIG's disband or transition request: COO's rationale (null when
   * it gave none) and the MIG's own reason for the request, kept apart.
   */
  public void recordForRequest(String migId, Subject subject, boolean approved, String rationale,
      String requestReason, Instant decidedAt, String decidedBy) {
    decisions.record(migId, null, subject, approved, rationale, requestReason, calendar.dateOf(decidedAt), decidedAt,
        decidedBy);
  }

  /** The MIG's decisions, oldest first. */
  public List<Decision> forMig(String migId) {
    return decisions.forMig(migId);
  }
}
