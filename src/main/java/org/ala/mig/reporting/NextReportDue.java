package org.ala.mig.reporting;

import java.time.LocalDate;
import java.util.Map;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.AnnualReportRepository.Owed;
import org.springframework.stereotype.Component;

/**
 * When a MIG's annual reports are due, as the API and the registry pages show them: the next due
 * date is never in the past. It is the earliest due date, today or later, of the reports the MIG
 * owes, or, until its term has ended, the August 1 its next yearly report will be due, whichever comes
 * first. A report it owes whose due date has passed is overdue, shown apart. A MIG that is not
 * active owes none.
 */
@Component
public class NextReportDue {

  /** The next due date (today or later) and the earliest overdue one; either null. */
  public record Due(LocalDate next, LocalDate overdueSince) {
    static final Due NONE = new Due(null, null);
  }

  private final AnnualReportRepository reports;
  private final DeadlineCalendar calendar;

  public NextReportDue(AnnualReportRepository reports, DeadlineCalendar calendar) {
    this.reports = reports;
    this.calendar = calendar;
  }

  /** For each MIG that owes a report, what it owes today: read once for a listing. */
  public Map<String, Owed> owed() {
    return reports.owed(calendar.today());
  }

  /** The MIG's due dates, given what {@link #owed()} read. */
  public Due of(Mig mig, Map<String, Owed> owed) {
    return active(mig) ? due(mig, owed.getOrDefault(mig.id(), Owed.NOTHING)) : Due.NONE;
  }

  /** One MIG's due dates, reading only its own reports. */
  public Due of(Mig mig) {
    return active(mig) ? due(mig, reports.owed(mig.id(), calendar.today())) : Due.NONE;
  }

  private static boolean active(Mig mig) {
    return (mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING) && mig.termStart() != null;
  }

  private Due due(Mig mig, Owed owed) {
    LocalDate today = calendar.today();
    LocalDate next = owed.nextDue();
    if (mig.termEnd() == null || !mig.termEnd().isBefore(today)) {
      LocalDate nextAugust = calendar.nextAnnualReportDue(mig.termStart(), today);
      if (next == null || nextAugust.isBefore(next)) {
        next = nextAugust;
      }
    }
    return new Due(next, owed.overdueSince());
  }
}
