package org.ala.mig.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.ala.mig.common.MigProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place where MIG deadlines are computed, in {@code mig.time-zone} and from the engine
 * clock. Rules:
 * <ul>
 *   <li>A term lasts three years: it starts on the decision date and ends the day before the
 *       third anniversary (established 2026-08-15, it ends 2029-08-14; a term starting on
 *       February 29 ends on February 28 three years later).
 *   <li>A renewal extends the term by three years from its current end.
 *   <li>An annual report is due each August 1 at the end of the day (23:59:59.999 local time,
 *       whatever daylight-saving says), except when the MIG became active less than 90 days
 *       before that August 1: then its first report is due the August 1 after.
 *   <li>Reminders and notices go out at 09:00 local time: renewal reminders 90 and 30 days
 *       before the term's last day, report reminders 30 and 7 days before the due date, the
 *       overdue notice on the day after it.
 *   <li>A term runs out at the end of its last day.
 *   <li>The COO report to Council is compiled at 09:00 local time 14 days before the
 *       conference's start date.
 *   <li>A user task is due at the end of the day its period ({@code mig.tasks.due.*}) after the
 *       day it was created; the chair's Council report task at the end of the day before the
 *       conference starts.
 *   <li>A re-petition is accepted from {@code mig.petition.renewal-window} (12 months) before the
 *       term's last day, that day included.
 * </ul>
 * The methods returning {@link Date} are what the models' timers call
 * ({@code timeDate="${deadlineCalendar.beforeTermEnd(migId, 90)}"}).
 */
@Component("deadlineCalendar")
public class DeadlineCalendar {

  static final int TERM_YEARS = 3;
  static final int REPORT_GRACE_DAYS = 90;
  /** The COO report to Council is compiled this many days before a conference starts. */
  static final int COUNCIL_REPORT_DAYS_BEFORE = 14;

  static final LocalTime NOTICE_TIME = LocalTime.of(9, 0);

  /** The renewal window when {@code mig.petition.renewal-window} is not given (tests without Spring). */
  static final Period DEFAULT_RENEWAL_WINDOW = Period.ofMonths(12);

  private final Clock clock;
  private final ZoneId zone;
  private final MigRepository migs;
  private final YearlyReportDates yearlyReports;
  private final TaskDueProperties taskDue;
  private final Period renewalWindow;

  /** A calendar with the task due dates of CONTRACT.md (tests without Spring). */
  public DeadlineCalendar(Clock clock, MigProperties properties, MigRepository migs,
      YearlyReportDates yearlyReports) {
    this(clock, properties, migs, yearlyReports, TaskDueProperties.defaults());
  }

  @Autowired
  public DeadlineCalendar(Clock clock, MigProperties properties, MigRepository migs,
      YearlyReportDates yearlyReports, TaskDueProperties taskDue) {
    this.clock = clock;
    this.zone = properties.timeZone();
    this.migs = migs;
    this.yearlyReports = yearlyReports;
    this.taskDue = taskDue;
    this.renewalWindow = properties.petition() == null || properties.petition().renewalWindow() == null
        ? DEFAULT_RENEWAL_WINDOW : properties.petition().renewalWindow();
  }

  /** The association's time zone, in which dates and deadlines are counted. */
  public ZoneId zone() {
    return zone;
  }

  /** Today in the MIGs' time zone, by the engine clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /** The date an instant falls on in the MIGs' time zone. */
  public LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /**
   * The last day of a term that starts on {@code start}: the day before its third anniversary.
   * The anniversary of February 29 in a common year is March 1, so such a term ends on February 28.
   */
  public LocalDate termEnd(LocalDate start) {
    LocalDate anniversary = start.plusYears(TERM_YEARS);
    if (start.getMonth() == Month.FEBRUARY && start.getDayOfMonth() == 29 && anniversary.getDayOfMonth() == 28) {
      anniversary = anniversary.plusDays(1);
    }
    return anniversary.minusDays(1);
  }

  /** The new last day after a renewal of a term that ends on {@code currentEnd}. */
  public LocalDate renewedTermEnd(LocalDate currentEnd) {
    return currentEnd.plusYears(TERM_YEARS);
  }

  /**
   * The next August 1 on or after {@code from} whose report an active MIG owes: none is owed
   * for an August 1 less than 90 days after {@code activeSince}.
   */
  public LocalDate nextAnnualReportDue(LocalDate activeSince, LocalDate from) {
    LocalDate due = LocalDate.of(from.getYear(), Month.AUGUST, 1);
    if (due.isBefore(from)) {
      due = due.plusYears(1);
    }
    while (activeSince.plusDays(REPORT_GRACE_DAYS).isAfter(due)) {
      due = due.plusYears(1);
    }
    return due;
  }

  /**
   * Whether the reminder due {@code daysBefore} days before {@code deadline} has been overtaken
   * and should not go out: today is on or after the next reminder of {@code reminders} (days
   * before, any order), or, for the last reminder, after the deadline. A timer fires late when
   * the engine was down or a simulation moved the clock far; a MIG then gets the reminder that
   * fits the day, not a stale one.
   */
  public boolean overtaken(LocalDate deadline, long daysBefore, List<Long> reminders) {
    LocalDate today = today();
    return reminders.stream().filter(d -> d < daysBefore).max(Long::compare)
        .map(next -> !today.isBefore(deadline.minusDays(next)))
        .orElseGet(() -> today.isAfter(deadline));
  }

  // --- renewals -----------------------------------------------------------------------------

  /** {@code mig.petition.renewal-window}: how long before the term's last day a re-petition is accepted. */
  public Period renewalWindow() {
    return renewalWindow;
  }

  /**
   * The first day a re-petition of a term ending on {@code termEnd} is accepted: the renewal window
   * before the term's last day (with P12M, a term ending 2029-08-14 opens it on 2028-08-14).
   */
  public LocalDate renewalWindowOpens(LocalDate termEnd) {
    return termEnd.minus(renewalWindow);
  }

  /** Whether a re-petition of a term ending on {@code termEnd} is accepted today: the window has opened. */
  public boolean renewalWindowOpen(LocalDate termEnd) {
    return !today().isBefore(renewalWindowOpens(termEnd));
  }

  // --- user tasks ----------------------------------------------------------------------------

  /**
   * When a user task is due ({@code mig.tasks.due.*}): at the end of the day that is its period
   * after the day it was created; for {@code submitCouncilReport}, at the end of the day that is
   * its period before the conference starts (by default the day before). Without a conference
   * start, the council report task counts from its creation like the others.
   *
   * @param taskDefinitionKey the task's BPMN id
   * @param created when the task was created
   * @param conferenceStart the start date of the task's conference, or null
   */
  public Instant taskDue(String taskDefinitionKey, Instant created, LocalDate conferenceStart) {
    Period period = taskDue.of(taskDefinitionKey);
    if (COUNCIL_REPORT_TASK.equals(taskDefinitionKey) && conferenceStart != null) {
      return endOfDay(conferenceStart.minus(period));
    }
    if (COUNCIL_REPORT_TASK.equals(taskDefinitionKey)) {
      period = taskDue.otherTasks();
    }
    return endOfDay(dateOf(created).plus(period));
  }

  static final String COUNCIL_REPORT_TASK = "submitCouncilReport";

  // --- for the models' timers ---------------------------------------------------------------

  /** 09:00 local time, {@code days} days before the last day of the MIG's current term. */
  public Date beforeTermEnd(String migId, long days) {
    return Date.from(noticeOn(termEndOf(migId).minusDays(days)));
  }

  /** The end of the last day of the MIG's current term. */
  public Date termEndsAt(String migId) {
    return Date.from(endOfDay(termEndOf(migId)));
  }

  /** 09:00 local time, {@code days} days before a report's due date (ISO date). */
  public Date beforeReportDue(String dueDate, long days) {
    return Date.from(noticeOn(LocalDate.parse(dueDate).minusDays(days)));
  }

  /** 09:00 local time on the day after a report's due date. */
  public Date overdueNoticeAt(String dueDate) {
    return Date.from(noticeOn(LocalDate.parse(dueDate).plusDays(1)));
  }

  /**
   * When the lifecycle opens the following report: the start of the day after the latest yearly
   * report opened is due (or, before any, after the report now owed), so each report process
   * exists a year before its own due date, and after a time jump every year's report opens in
   * turn. A report that would open after the term's last day opens only in a renewed term: the
   * term's end ends this path, and a renewal starts it again with the new term, so the timer
   * waits {@link #NOT_IN_THIS_TERM} (after a time jump, the term's end is not raced by the
   * reports of years the MIG may never reach).
   */
  public Date nextReportOpensAt(String migId) {
    Mig mig = mig(migId);
    LocalDate due = yearlyReports.latestYearlyDue(migId)
        .orElseGet(() -> nextAnnualReportDue(mig.termStart(), today()));
    LocalDate opens = due.plusDays(1);
    if (mig.termEnd() != null && opens.isAfter(mig.termEnd())) {
      opens = mig.termEnd().plus(NOT_IN_THIS_TERM);
    }
    return Date.from(opens.atStartOfDay(zone).toInstant());
  }

  /** How long the next report's timer waits when that report would open after the term's last day. */
  public static final java.time.Period NOT_IN_THIS_TERM = java.time.Period.ofYears(100);

  /** Whether a timer due then waits {@link #NOT_IN_THIS_TERM}: for a renewal, not for a date. */
  public boolean waitsBeyondTheTerm(Instant due) {
    return due != null && due.isAfter(today().plusYears(NOT_IN_THIS_TERM.getYears() / 2).atStartOfDay(zone).toInstant());
  }

  /** 09:00 local time, 14 days before a conference's start date (ISO date): the COO report to Council is compiled. */
  public Date councilReportDueAt(String conferenceStartDate) {
    return Date.from(noticeOn(councilReportDueOn(LocalDate.parse(conferenceStartDate))));
  }

  /** The day the COO report to Council for a conference starting on {@code conferenceStart} is compiled. */
  public LocalDate councilReportDueOn(LocalDate conferenceStart) {
    return conferenceStart.minusDays(COUNCIL_REPORT_DAYS_BEFORE);
  }

  /** The first moment of a date in the MIGs' time zone. */
  public Instant startOfDay(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** 09:00 local time on a date. */
  public Instant noticeOn(LocalDate date) {
    return date.atTime(NOTICE_TIME).atZone(zone).toInstant();
  }

  private LocalDate termEndOf(String migId) {
    Mig mig = mig(migId);
    if (mig.termEnd() == null) {
      throw new IllegalStateException("MIG " + migId + " has no term");
    }
    return mig.termEnd();
  }

  private Mig mig(String migId) {
    return migs.find(migId).orElseThrow(() -> new IllegalStateException("no MIG with id " + migId));
  }

  /** The last moment of a due date in the MIGs' time zone. */
  public Instant endOfDay(LocalDate date) {
    return date.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
  }
}
