package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.AnnualReportRepository.Owed;
import org.ala.mig.reporting.NextReportDue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Where a MIG stands today, as the registry pages and the API show it, so that none of them shows
 * a stale fact: the next annual report due (never a date in the past), the earliest report
 * overdue, and, for a MIG whose term has ended while it is still active because COO is
 * considering a request of its own, that its term has ended and what COO is considering.
 */
@Service
public class MigStanding {

  /** What COO considers while an ended term is kept open. */
  public static final String RE_PETITION = "its re-petition";
  public static final String DISBAND_REQUEST = "its request to disband";
  public static final String TRANSITION_REQUEST = "its request to transition";

  /**
   * @param nextReportDue the next annual report's due date, today or later; null when none
   * @param reportOverdueSince the earliest due date of a report still awaited after it; null when none
   * @param termEndedOn the last day of a term that has ended while the MIG is still active or
   *     renewal pending; null while the term runs, and for a MIG that has ended
   * @param awaiting what COO is considering while the ended term is kept open (a re-petition, a
   *     request to disband or to transition); null when nothing, or when the term runs
   */
  public record Standing(LocalDate nextReportDue, LocalDate reportOverdueSince, LocalDate termEndedOn,
      String awaiting) {}

  private final NextReportDue reports;
  private final DeadlineCalendar calendar;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public MigStanding(NextReportDue reports, DeadlineCalendar calendar, RuntimeService runtime,
      IdentityService identity) {
    this.reports = reports;
    this.calendar = calendar;
    this.runtime = runtime;
    this.identity = identity;
  }

  public Standing of(Mig mig) {
    return standing(mig, reports.of(mig));
  }

  /** For a listing: reads every MIG's reports at once. */
  public Function<Mig, Standing> forListing() {
    Map<String, Owed> owed = reports.owed();
    return mig -> standing(mig, reports.of(mig, owed));
  }

  private Standing standing(Mig mig, NextReportDue.Due due) {
    boolean current = mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING;
    boolean ended = current && mig.termEnd() != null && mig.termEnd().isBefore(calendar.today());
    return new Standing(due.next(), due.overdueSince(), ended ? mig.termEnd() : null,
        ended ? awaiting(mig) : null);
  }

  /** What the MIG's lifecycle waits for COO on, past its term's end. */
  private String awaiting(Mig mig) {
    if (mig.status() == MigStatus.RENEWAL_PENDING) {
      return RE_PETITION;
    }
    List<String> steps = SystemAuthentication.run(identity, () -> {
      ProcessInstance lifecycle = runtime.createProcessInstanceQuery()
          .processDefinitionKey(LifecycleService.PROCESS_KEY).processInstanceBusinessKey(mig.id()).active()
          .listPage(0, 1).stream().findFirst().orElse(null);
      return lifecycle == null ? List.<String>of() : runtime.getActiveActivityIds(lifecycle.getId());
    });
    if (steps.contains("confirmDisband")) {
      return DISBAND_REQUEST;
    }
    if (steps.contains("decideTransition")) {
      return TRANSITION_REQUEST;
    }
    if (steps.contains("awaitRenewalDecision")) {
      return RE_PETITION;
    }
    return null;
  }
}
