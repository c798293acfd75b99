package org.ala.mig.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.TaskOutputs;
import org.ala.mig.common.TextRules;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A MIG's reports to COO: the yearly one due August 1 and the extra ones COO asks for, each a
 * {@code mig-annual-report} instance whose business key is the report's id.
 */
@Service
public class AnnualReportService {

  public static final String PROCESS_KEY = "mig-annual-report";

  /** Report reminders, in days before the due date (the model's timers). */
  public static final List<Long> REMINDERS = List.of(30L, 7L);

  static final int MAX_ACTIVITIES = 20_000;

  /** The most characters the engine stores in a String variable (its TEXT_ columns). */

  /** How far ahead COO may set an extra report's due date. */
  static final int MAX_YEARS_AHEAD = 3;

  private static final Logger log = LoggerFactory.getLogger(AnnualReportService.class);

  /** What a REST call that opened or received a report answers. */
  public record Receipt(String reportId, String migId, int year, LocalDate dueDate, Boolean late) {}

  private final AnnualReportRepository reports;
  private final MigRepository migs;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Clock clock;

  public AnnualReportService(AnnualReportRepository reports, MigRepository migs, MailService mail,
      DeadlineCalendar calendar, RuntimeService runtime, IdentityService identity, Clock clock) {
    this.reports = reports;
    this.migs = migs;
    this.mail = mail;
    this.calendar = calendar;
    this.runtime = runtime;
    this.identity = identity;
    this.clock = clock;
  }

  // --- opening reports ---------------------------------------------------------------------------

  /** The MIG's annual reports, as {@link AnnualReportRepository#forMig} orders them. */
  public List<AnnualReport> forMig(String migId) {
    return reports.forMig(migId);
  }

  /**
   * The lifecycle's yearly step: opens the report due next August 1 (after the latest yearly
   * report, once that one's due date has passed, so that a lifecycle catching up after a time
   * jump opens each year's in turn), unless the MIG owes none (not active, or active for less
   * than 90 days by then) or it is open already.
   *
   * @return the report opened, or null
   */
  public AnnualReport openYearly(String migId) {
    Mig mig = migs.find(migId).orElseThrow(() -> new IllegalStateException("no MIG with id " + migId));
    if (mig.status() != MigStatus.ACTIVE && mig.status() != MigStatus.RENEWAL_PENDING) {
      log.info("No annual report opened for MIG {}: it is {}", migId, mig.status());
      return null;
    }
    // the year after the latest yearly report, once that one's due date has passed: after a time
    // jump each year's report opens in turn; at a renewal, nothing opens early
    LocalDate today = calendar.today();
    Optional<LocalDate> latest = reports.latestYearlyDue(migId);
    if (latest.isPresent() && !latest.get().isBefore(today)) {
      return null;
    }
    LocalDate due = calendar.nextAnnualReportDue(mig.termStart(), latest.map(d -> d.plusDays(1)).orElse(today));
    String id = migId + ":" + due.getYear();
    if (reports.find(id).isPresent()) {
      return null;
    }
    return open(mig, id, due, false, null);
  }

  /**
   * Opens, in turn, the yearly reports whose opening day (the day after the previous one was
   * due) is on or before {@code until}, the last day of a term that ran out: after a time jump the
   * term's end can come before the lifecycle has opened each year's report, and the MIG owed
   * them all the same (they end with it, as cancelled).
   *
   * @return how many were opened
   */
  public int openMissedYearly(String migId, LocalDate until) {
    int opened = 0;
    Optional<LocalDate> latest = reports.latestYearlyDue(migId);
    while (latest.isPresent() && !latest.get().plusDays(1).isAfter(until) && openYearly(migId) != null) {
      opened++;
      latest = reports.latestYearlyDue(migId);
    }
    return opened;
  }

  /** COO asks for an extra report due on {@code dueDate}. */
  @Transactional
  public Receipt requestExtra(String migId, LocalDate dueDate, String requestedBy) {
    LocalDate today = calendar.today();
    if (dueDate == null) {
      throw InvalidInputException.of("dueDate", "required: the date the report is due (YYYY-MM-DD)");
    }
    if (!dueDate.isAfter(today)) {
      throw InvalidInputException.of("dueDate", "must be after today (" + today + "), got " + dueDate);
    }
    if (dueDate.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
      throw InvalidInputException.of("dueDate", "at most " + MAX_YEARS_AHEAD + " years ahead (" + today.plusYears(MAX_YEARS_AHEAD)
          + "), got " + dueDate);
    }
    Mig mig = migs.get(migId);
    if (mig.status() != MigStatus.ACTIVE && mig.status() != MigStatus.RENEWAL_PENDING) {
      throw new ConflictException("MIG '" + migId + "' is " + mig.status() + ": it owes no reports");
    }
    String id = migId + ":" + dueDate;
    if (reports.find(id).isPresent()) {
      throw new ConflictException("A report of MIG '" + migId + "' due on " + dueDate + " is already requested");
    }
    AnnualReport report = SystemAuthentication.run(identity, () -> open(mig, id, dueDate, true, requestedBy));
    return new Receipt(report.id(), migId, report.year(), dueDate, null);
  }

  private AnnualReport open(Mig mig, String id, LocalDate due, boolean extra, String requestedBy) {
    AnnualReport report = new AnnualReport(id, mig.id(), due.getYear(), due, extra, AnnualReport.AWAITED,
        requestedBy, clock.instant(), null, null, null, null, null, null);
    reports.insert(report);
    Map<String, Object> variables = new HashMap<>();
    variables.put("migId", mig.id());
    variables.put("migName", mig.name());
    variables.put("year", due.getYear());
    variables.put("dueDate", due.toString());
    variables.put("extraReport", extra);
    runtime.startProcessInstanceByKey(PROCESS_KEY, id, variables);
    log.info("Opened report {} of MIG {}, due {}", id, mig.id(), due);
    return report;
  }

  // --- receiving a report ------------------------------------------------------------------------

  /**
   * A report arrives for {@code year}: the one due on {@code dueDate} when it is given (an extra
   * report COO asked for), else the yearly one if it is awaited, else the earliest extra one due
   * that year. It is stored, and its mig-annual-report goes on to COO's review.
   */
  @Transactional
  public Receipt submit(String migId, Integer year, LocalDate dueDate, String activities, String submittedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    if (year == null) {
      errors.add(new FieldProblem("year", "required: the year the report is for"));
    } else if (year < 1900 || year > 2999) {
      errors.add(new FieldProblem("year", "must be a year such as " + calendar.today().getYear() + ", got " + year));
    } else if (dueDate != null && dueDate.getYear() != year) {
      errors.add(new FieldProblem("dueDate", "must fall in the report's year " + year + ", got " + dueDate));
    }
    String text = activities == null ? null : activities.strip();
    if (TextRules.blank(text)) {
      errors.add(new FieldProblem("activities", "required: what the MIG did"));
    } else if (text.length() > MAX_ACTIVITIES) {
      errors.add(new FieldProblem("activities", "at most " + MAX_ACTIVITIES + " characters, got " + text.length()));
    } else if (TextRules.problem(text, true) != null) {
      errors.add(new FieldProblem("activities", TextRules.problem(text, true)));
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    migs.get(migId);
    Instant now = clock.instant();
    for (AnnualReport report : reports.awaited(migId, year)) {
      if (dueDate != null && !dueDate.equals(report.dueDate())) {
        continue;
      }
      boolean late = now.isAfter(calendar.endOfDay(report.dueDate()));
      if (reports.receive(report.id(), text, now, submittedBy, late)) {
        reports.addRound(report.id(), text, now, submittedBy, late);
        correlateSubmission(report.id(), text, submittedBy);
        return new Receipt(report.id(), migId, year, report.dueDate(), late);
      }
    }
    // a report COO returned: resubmitted, it is reviewed again
    for (AnnualReport report : reports.returned(migId, year)) {
      if (dueDate != null && !dueDate.equals(report.dueDate())) {
        continue;
      }
      boolean late = now.isAfter(calendar.endOfDay(report.dueDate()));
      if (reports.resubmit(report.id(), text, now, submittedBy, late)) {
        int round = reports.addRound(report.id(), text, now, submittedBy, late);
        correlateSubmission(report.id(), text, submittedBy);
        log.info("Report {} of MIG {} resubmitted (round {})", report.id(), migId, round);
        return new Receipt(report.id(), migId, year, report.dueDate(), late);
      }
    }
    throw new ConflictException("No report of MIG '" + migId + "' for " + year
        + (dueDate != null ? " due on " + dueDate : "") + " is awaited");
  }

  private void correlateSubmission(String reportId, String text, String submittedBy) {
    Map<String, Object> variables = Map.of("activities", forTask(text, reportId), "submittedBy", submittedBy);
    SystemAuthentication.run(identity, () -> runtime.createMessageCorrelation("annualReportSubmitted")
        .processInstanceBusinessKey(reportId).setVariables(variables).correlateWithResult());
  }

  /** The report with every round of it (what was submitted, when, and COO's review). */
  public record ReportWithRounds(AnnualReport report, List<AnnualReportRound> rounds) {}

  /** The MIG's reports, each with its rounds, as {@link #forMig} orders them. */
  public List<ReportWithRounds> withRounds(String migId) {
    migs.get(migId);
    return withRounds(migId, reports.forMig(migId));
  }

  /**
   * These reports of the MIG ({@link #forMig}, which a page has read already), each with its
   * rounds: one query for the rounds, none for the MIG or its reports again.
   */
  public List<ReportWithRounds> withRounds(String migId, List<AnnualReport> reportsOfMig) {
    Map<String, List<AnnualReportRound>> rounds = reports.roundsOfMig(migId);
    return reportsOfMig.stream().map(r -> new ReportWithRounds(r, rounds.getOrDefault(r.id(), List.of()))).toList();
  }

  /** One report of the MIG with its rounds; {@link org.ala.mig.common.NotFoundException} when it has none such. */
  public ReportWithRounds withRounds(String migId, String reportId) {
    migs.get(migId);
    AnnualReport report = reports.find(reportId).filter(r -> r.migId().equals(migId))
        .orElseThrow(() -> new org.ala.mig.common.NotFoundException("MIG '" + migId + "' has no report '" + reportId
            + "'"));
    return new ReportWithRounds(report, reports.rounds(reportId));
  }

  /**
   * COO returned the report: mail {@code annual-report-returned} with the reviewer's notes, once
   * per round.
   */
  public void notifyReturned(String reportId) {
    AnnualReport report = report(reportId);
    List<AnnualReportRound> rounds = reports.rounds(reportId);
    int round = rounds.isEmpty() ? 1 : rounds.get(rounds.size() - 1).round();
    String notes = report.reviewNotes() != null ? report.reviewNotes()
        : rounds.isEmpty() ? null : rounds.get(rounds.size() - 1).reviewNotes();
    mail.send(MailRequest.of(MailTemplate.ANNUAL_REPORT_RETURNED, report.migId(),
            "annual-report-returned/" + reportId + "/" + round)
        .with("year", report.year()).with("dueDate", report.dueDate()).with("extraReport", report.extra())
        .with("reviewNotes", notes == null ? "(none given)" : notes).with("round", round));
  }

  /**
   * The report as COO's review task shows it (variable {@code activities}). The engine stores a
   * String variable in at most 4000 characters, while a report may have up to 20,000: a longer
   * one is shortened there, saying so; the table annual_report keeps it whole.
   */
  static String forTask(String activities, String reportId) {
    return TaskOutputs.fitted(activities,
        length -> "the full report has " + length + " characters and is stored with report " + reportId);
  }

  // --- the steps of mig-annual-report ----------------------------------------------------------

  /**
   * Mails {@code annual-report-reminder} {@code daysBefore} days before the due date, unless the
   * report arrived or a later notice has overtaken this one.
   */
  public void sendReminder(String reportId, long daysBefore, String mailKey) {
    AnnualReport report = report(reportId);
    if (!AnnualReport.AWAITED.equals(report.status())) {
      return;
    }
    if (calendar.overtaken(report.dueDate(), daysBefore, REMINDERS)) {
      log.info("No {}-day reminder for report {}: overtaken on {}", daysBefore, reportId, calendar.today());
      return;
    }
    mail.send(MailRequest.of(MailTemplate.ANNUAL_REPORT_REMINDER, report.migId(), mailKey)
        .with("year", report.year()).with("dueDate", report.dueDate()).with("extraReport", report.extra())
        .with("daysLeft", ChronoUnit.DAYS.between(calendar.today(), report.dueDate())));
  }

  /** The day after the due date with no report: mail {@code annual-report-overdue}. */
  public void notifyOverdue(String reportId, String mailKey) {
    AnnualReport report = report(reportId);
    if (!AnnualReport.AWAITED.equals(report.status())) {
      return;
    }
    mail.send(MailRequest.of(MailTemplate.ANNUAL_REPORT_OVERDUE, report.migId(), mailKey)
        .with("year", report.year()).with("dueDate", report.dueDate()).with("extraReport", report.extra()));
  }

  /** Whether the report that arrived was late (after the end of its due date). */
  public boolean receivedLate(String reportId) {
    return Boolean.TRUE.equals(report(reportId).late());
  }

  public void recordReview(String reportId, boolean accepted, String notes) {
    reports.review(reportId, accepted, notes, clock.instant());
  }

  /**
   * The MIG was disbanded or transitioned: its open reports are cancelled and their processes end.
   * Each process is found by its business key, the report's id (an index look-up), not by the
   * variable migId, which the engine can only find by reading every running instance's variables.
   */
  public void migEnded(String migId) {
    List<String> cancelled = reports.cancelOpen(migId);
    int ended = 0;
    for (String reportId : cancelled) {
      ended += runtime.createMessageCorrelation("migEnded").processInstanceBusinessKey(reportId)
          .correlateAllWithResult().size();
    }
    log.info("MIG {} ended: {} open report(s) cancelled, {} report process(es) ended", migId, cancelled.size(), ended);
  }

  private AnnualReport report(String reportId) {
    return reports.find(reportId).orElseThrow(() -> new IllegalStateException("no annual report " + reportId));
  }
}
