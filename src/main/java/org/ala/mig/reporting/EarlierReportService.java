package org.ala.mig.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.common.TextRules;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * History from before this application: a MIG's yearly reports of earlier years (due August 1),
 * received on time, late, or never, so that Council's analytics and the MIG's page cover them.
 * A recorded report is closed: received and accepted by COO, or, when it never arrived, cancelled
 * as the report of a MIG that has ended since (a report still owed by a living MIG would be
 * awaited by a running process, which history does not start). Nothing here sends mail or starts
 * a process; each call checks all its input first and stores all or nothing.
 */
@Service
public class EarlierReportService {

  static final String EARLIER_RECORD = "earlier-record";
  /** The time of day a report from earlier years is taken as received, in the MIGs' zone. */
  static final LocalTime RECEIVED_AT = LocalTime.of(11, 0);

  private final AnnualReportRepository reports;
  private final MigRepository migs;
  private final DeadlineCalendar calendar;

  public EarlierReportService(AnnualReportRepository reports, MigRepository migs, DeadlineCalendar calendar) {
    this.reports = reports;
    this.migs = migs;
    this.calendar = calendar;
  }

  /**
   * The MIG's yearly report for {@code year}, due August 1 of it, a day the MIG's recorded history
   * has it active: received on {@code receivedOn} with its {@code activities} (late when after the
   * due date) and accepted by COO, or, with both null, never received (only for a MIG that has
   * ended since).
   *
   * @return the report as stored
   * @throws InvalidInputException with every field in error; {@link NotFoundException} for an
   *     unknown MIG; {@link ConflictException} when the year's report is recorded already
   */
  @Transactional
  public AnnualReport recordEarlierReport(String migId, Integer year, LocalDate receivedOn, String activities) {
    Mig mig = migs.get(migId);
    LocalDate today = calendar.today();
    List<FieldProblem> errors = new ArrayList<>();
    LocalDate due = null;
    if (year == null) {
      errors.add(new FieldProblem("year", "required: the year the report was due (August 1)"));
    } else if (year < 1970 || !LocalDate.of(year, Month.AUGUST, 1).isBefore(today)) {
      errors.add(new FieldProblem("year", "must be a year whose August 1 is before today " + today + ", got " + year));
    } else {
      due = LocalDate.of(year, Month.AUGUST, 1);
      MigStatus then = migs.statusOn(migId, due);
      if (then != MigStatus.ACTIVE && then != MigStatus.RENEWAL_PENDING) {
        errors.add(new FieldProblem("year", "the MIG's recorded history has it " + then + " on " + due
            + ": a report is owed only while the MIG is active"));
      }
    }
    if (receivedOn == null && activities == null) {
      if (mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING
          || mig.status() == MigStatus.PETITIONED) {
        errors.add(new FieldProblem("receivedOn", "required for a MIG that is still " + mig.status()
            + ": only an ended MIG's history has reports that never arrived"));
      }
    } else {
      if (receivedOn == null) {
        errors.add(new FieldProblem("receivedOn", "required with activities: the day the report arrived"));
      } else if (!receivedOn.isBefore(today)) {
        errors.add(new FieldProblem("receivedOn", "must be before today " + today + ", got " + receivedOn));
      } else if (due != null && !receivedOn.isAfter(due.minusYears(1))) {
        errors.add(new FieldProblem("receivedOn", "must be after the previous August 1 (" + due.minusYears(1)
            + "), got " + receivedOn));
      }
      String text = activities == null ? null : activities.strip();
      if (TextRules.blank(text)) {
        errors.add(new FieldProblem("activities", "required with receivedOn: what the MIG did"));
      } else if (text.length() > AnnualReportService.MAX_ACTIVITIES) {
        errors.add(new FieldProblem("activities", "at most " + AnnualReportService.MAX_ACTIVITIES
            + " characters, got " + text.length()));
      } else if (TextRules.problem(text, true) != null) {
        errors.add(new FieldProblem("activities", TextRules.problem(text, true)));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    String id = migId + ":" + year;
    if (reports.find(id).isPresent()) {
      throw new ConflictException("The " + year + " report of MIG '" + migId + "' is recorded already");
    }
    // opened the day after the previous August 1, or the day the MIG became active when that was later
    LocalDate opened = due.minusYears(1).plusDays(1);
    LocalDate activeSince = migs.activeSince(migId).orElse(opened);
    Instant openedAt = calendar.startOfDay(activeSince.isAfter(opened) ? activeSince : opened);
    if (receivedOn == null) {
      reports.insert(new AnnualReport(id, migId, year, due, false, "CANCELLED", null, openedAt, null, null, null,
          null, null, null));
    } else {
      String text = activities.strip();
      Instant receivedAt = receivedOn.atTime(RECEIVED_AT).atZone(calendar.zone()).toInstant();
      boolean late = receivedAt.isAfter(calendar.endOfDay(due));
      reports.insert(new AnnualReport(id, migId, year, due, false, AnnualReport.AWAITED, null, openedAt, null, null,
          null, null, null, null));
      reports.receive(id, text, receivedAt, EARLIER_RECORD, late);
      reports.addRound(id, text, receivedAt, EARLIER_RECORD, late);
      Instant reviewedAt = receivedAt.plus(java.time.Duration.ofDays(14));
      Instant startOfToday = calendar.startOfDay(today);
      reports.review(id, true, "Accepted before this application",
          reviewedAt.isBefore(startOfToday) ? reviewedAt : startOfToday);
    }
    return reports.find(id).orElseThrow();
  }
}
