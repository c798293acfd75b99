package org.ala.mig.reporting;

import java.time.LocalDate;
import java.util.Map;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigStatus;
import org.springframework.stereotype.Component;

/**
 * When a MIG's next annual report is due, as the API and the registry pages show it: the due
 * date of the earliest report it owes (overdue ones included); for an active MIG that owes none
 * yet, the August 1 its next yearly report will be due; none for a MIG that is not active.
 */
@Component
public class NextReportDue {

  private final AnnualReportRepository reports;
  private final DeadlineCalendar calendar;

  public NextReportDue(AnnualReportRepository reports, DeadlineCalendar calendar) {
    this.reports = reports;
    this.calendar = calendar;
  }

  /** For each MIG that owes a report, the earliest due date among them: read once for a listing. */
  public Map<String, LocalDate> owed() {
    return reports.earliestAwaitedDue();
  }

  /** The MIG's next due date, given what {@link #owed()} read; null when it is not active. */
  public LocalDate of(Mig mig, Map<String, LocalDate> owed) {
    return active(mig) ? orNextAugust(mig, owed.get(mig.id())) : null;
  }

  /** One MIG's next due date, reading only its own reports. */
  public LocalDate of(Mig mig) {
    return active(mig) ? orNextAugust(mig, reports.earliestAwaitedDue(mig.id())) : null;
  }

  private static boolean active(Mig mig) {
    return (mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING) && mig.termStart() != null;
  }

  private LocalDate orNextAugust(Mig mig, LocalDate owed) {
    return owed != null ? owed : calendar.nextAnnualReportDue(mig.termStart(), calendar.today());
  }
}
