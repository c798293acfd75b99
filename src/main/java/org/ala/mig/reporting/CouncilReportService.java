package org.ala.mig.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.common.MigProperties.Conference;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.TaskOutputs;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.CouncilReport.Content;
import org.ala.mig.reporting.CouncilReport.Decision;
import org.ala.mig.reporting.CouncilReport.MigChange;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The COO report to Council, one per conference of {@code mig.conferences}: each a
 * {@code coo-council-report} instance whose business key is the conference id. 14 days before the
 * conference the report is compiled from what happened since the previous published report; the
 * COO chair adds remarks; it is published to Council (mail {@code council-report}).
 */
@Service
public class CouncilReportService {

  public static final String PROCESS_KEY = "coo-council-report";

  /** The most characters of the chair's remarks (and of a String variable in the engine). */
  static final int MAX_TEXT = TaskOutputs.MAX_VARIABLE_TEXT;

  private static final Logger log = LoggerFactory.getLogger(CouncilReportService.class);

  private final CouncilReportRepository reports;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final TransactionTemplate transactions;
  private final MigProperties properties;
  private final MailFormats formats;
  private final PendingLifecycleWork pendingWork;
  private final Clock clock;

  public CouncilReportService(CouncilReportRepository reports, MailService mail, DeadlineCalendar calendar,
      RuntimeService runtime, HistoryService history, IdentityService identity, TransactionTemplate transactions,
      MigProperties properties, PendingLifecycleWork pendingWork, Clock clock) {
    this.reports = reports;
    this.pendingWork = pendingWork;
    this.mail = mail;
    this.calendar = calendar;
    this.runtime = runtime;
    this.history = history;
    this.identity = identity;
    this.transactions = transactions;
    this.properties = properties;
    this.formats = new MailFormats(properties.timeZone());
    this.clock = clock;
  }

  // --- scheduling: one report per conference ---------------------------------------------------

  /** Whether the conference still awaits its report: it has not started yet, or starts today. */
  public boolean stillDue(Conference conference) {
    return !conference.startDate().isBefore(calendar.today());
  }

  /**
   * Starts the conference's {@code coo-council-report}, unless it has one already: running or
   * finished (history), or a report row. The row is written in the same transaction as the start,
   * and its primary key stops a second node that starts at the same moment.
   *
   * @return whether an instance was started
   */
  public boolean schedule(Conference conference) {
    if (scheduled(conference.id())) {
      return false;
    }
    try {
      transactions.executeWithoutResult(status -> {
        reports.insertScheduled(conference.id(), conference.name(), conference.startDate(), clock.instant());
        Map<String, Object> variables = new HashMap<>();
        variables.put("conferenceId", conference.id());
        variables.put("conferenceName", conference.name());
        variables.put("conferenceStart", conference.startDate().toString());
        SystemAuthentication.run(identity,
            () -> runtime.startProcessInstanceByKey(PROCESS_KEY, conference.id(), variables));
      });
    } catch (DuplicateKeyException e) {
      log.info("The COO report for conference {} was scheduled by another node", conference.id());
      return false;
    }
    log.info("Scheduled the COO report to Council for {} ({}): compiled on {}", conference.name(), conference.id(),
        calendar.councilReportDueOn(conference.startDate()));
    return true;
  }

  /** Whether the conference has a report process (running or finished) or a report row. */
  public boolean scheduled(String conferenceId) {
    return SystemAuthentication.run(identity, () -> reports.exists(conferenceId)
        || runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(conferenceId).count() > 0
        || history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(conferenceId).count() > 0);
  }

  // --- the steps of coo-council-report ---------------------------------------------------------

  /**
   * Compiles the report as a draft, covering exactly its own period: from where the previous
   * conference's report ends to the start of its own compile day (14 days before the conference,
   * in {@code mig.time-zone}), whenever the step actually runs, so that every decision and every
   * MIG's end date falls in exactly one report even when a time jump compiles several at once.
   * The report holds every COO decision of that period, the MIGs established, renewed, disbanded
   * and transitioned in it, and, as of its end, the annual reports overdue and the active MIGs. A
   * published report is left as it is.
   *
   * @throws RegistryNotCaughtUpException while work of the lifecycles that falls in the period
   *     (a timer due before its end, a step waiting for the job executor) has not run yet: the
   *     step is tried again later (its retry cycle), once the registry has caught up
   */
  public CouncilReport compile(String conferenceId, String conferenceName, LocalDate conferenceStart) {
    if (!reports.exists(conferenceId)) {   // an instance started by hand, in Cockpit
      reports.insertScheduled(conferenceId, conferenceName, conferenceStart, clock.instant());
    }
    CouncilReport report = report(conferenceId);
    if (report.published()) {
      log.warn("The COO report for conference {} is published already: not compiled again", conferenceId);
      return report;
    }
    Instant periodEnd = periodEnd(conferenceStart);
    Instant periodStart = reports.previous(conferenceStart, conferenceId)
        .map(previous -> previous.periodEnd() != null ? previous.periodEnd() : periodEnd(previous.conferenceStart()))
        .orElse(null);
    if (periodStart != null && periodStart.isAfter(periodEnd)) {
      periodStart = periodEnd;   // the previous report was compiled by hand after this one's day: nothing new
    }
    long pending = pendingWork.before(periodEnd);
    if (pending > 0) {
      throw new RegistryNotCaughtUpException("The COO report for conference " + conferenceId + " waits: " + pending
          + " step(s) of the MIG lifecycles due before " + periodEnd + " have not run yet");
    }
    LocalDate firstDay = periodStart == null ? null : calendar.dateOf(periodStart);
    LocalDate endDay = calendar.dateOf(periodEnd);

    List<Decision> decisions = reports.decisions(periodStart, periodEnd);
    Content content = new Content(decisions,
        approved(decisions, CooDecisions.Subject.ESTABLISH),
        approved(decisions, CooDecisions.Subject.RENEW),
        reports.ended(MigStatus.DISBANDED.name(), firstDay, endDay),
        reports.ended(MigStatus.TRANSITIONED.name(), firstDay, endDay),
        reports.overdueReports(endDay, periodEnd),
        reports.countActiveMigs(endDay, periodEnd));
    reports.storeDraft(conferenceId, periodStart, periodEnd, content, clock.instant());
    log.info("Compiled the COO report for conference {}: {} decision(s) from {} to {}", conferenceId,
        decisions.size(), periodStart == null ? "the beginning" : periodStart, periodEnd);
    return report(conferenceId);
  }

  /**
   * Where the report of a conference starting on {@code conferenceStart} ends: the start of its
   * compile day, or of today if it is compiled earlier than that (by hand, in Cockpit).
   */
  private Instant periodEnd(LocalDate conferenceStart) {
    LocalDate compileDay = calendar.councilReportDueOn(conferenceStart);
    LocalDate today = calendar.today();
    return calendar.startOfDay(compileDay.isAfter(today) ? today : compileDay);
  }

  private static List<MigChange> approved(List<Decision> decisions, CooDecisions.Subject subject) {
    return decisions.stream().filter(d -> d.approved() && d.subject() == subject)
        .map(d -> new MigChange(d.migId(), d.migName(), d.decidedOn(), null, null)).toList();
  }

  /**
   * Publishes the report with the chair's remarks and mails {@code council-report} to Council, cc
   * the COO chair, once per conference: a retried step finds the report published and the mail
   * in the outbox.
   */
  public void publish(String conferenceId, String chairRemarks) {
    CouncilReport report = report(conferenceId);
    if (CouncilReport.DRAFT.equals(report.status())) {
      reports.publish(conferenceId, chairRemarks, clock.instant());
      report = report(conferenceId);
      log.info("Published the COO report to Council for conference {}", conferenceId);
    } else if (report.published()) {
      log.info("The COO report for conference {} was published already: its mail is sent once", conferenceId);
    } else {
      throw new IllegalStateException("the COO report for conference " + conferenceId + " is not compiled");
    }
    Content content = report.content();
    mail.send(MailRequest.of(MailTemplate.COUNCIL_REPORT, null, "council-report/" + conferenceId)
        .with("conferenceName", report.conferenceName())
        .with("conferenceStart", report.conferenceStart())
        .with("period", periodText(report))
        .with("established", content.established().size())
        .with("renewed", content.renewed().size())
        .with("disapproved", content.petitionsNotApproved().size())
        .with("disbanded", content.disbanded().size())
        .with("transitioned", content.transitioned().size())
        .with("overdueReports", content.overdueReports().size())
        .with("activeCount", content.activeMigs())
        .with("chairRemarks", report.chairRemarks())
        .with("reportUrl", reportUrl(conferenceId)));
  }

  // --- reading ---------------------------------------------------------------------------------

  public List<CouncilReport> published() {
    return reports.published();
  }

  /** The report, if it is published. */
  public Optional<CouncilReport> publishedReport(String conferenceId) {
    return reports.find(conferenceId).filter(CouncilReport::published);
  }

  public String reportUrl(String conferenceId) {
    String base = properties.mail().publicUrl();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/council/reports/" + conferenceId;
  }

  /** The last day a compiled report covers: the day before its period ends (its compile day). */
  public LocalDate lastDay(CouncilReport report) {
    return calendar.dateOf(report.periodEnd()).minusDays(1);
  }

  /** The first day a compiled report covers, or null for the first report (since the beginning). */
  public LocalDate firstDay(CouncilReport report) {
    return report.periodStart() == null ? null : calendar.dateOf(report.periodStart());
  }

  /** "January 8, 2027 to June 9, 2027", or "everything up to June 9, 2027" for the first report. */
  public String periodText(CouncilReport report) {
    String last = formats.date(lastDay(report));
    LocalDate first = firstDay(report);
    if (first == null) {
      return "everything up to " + last;
    }
    if (first.isAfter(lastDay(report))) {
      return "nothing: the previous report covered up to " + formats.date(first.minusDays(1));
    }
    return formats.date(first) + " to " + last;
  }

  /**
   * The compiled report as plain text for the chair's task form. The engine keeps a String
   * variable in at most 4000 characters: a longer one is shortened there, saying so; the table
   * council_report keeps the whole report, as Council sees it once published.
   */
  public String summary(CouncilReport report) {
    Content c = report.content();
    StringBuilder text = new StringBuilder();
    text.append("Period: ").append(periodText(report)).append('\n');
    text.append("Active MIGs: ").append(c.activeMigs()).append("\n\n");
    text.append("COO decisions (").append(c.decisions().size()).append("):\n");
    for (Decision d : c.decisions()) {
      text.append("- ").append(formats.date(d.decidedOn())).append(", ").append(d.migName()).append(": ")
          .append(subject(d.subject())).append(d.approved() ? " approved" : " not approved");
      if (d.rationale() != null) {
        text.append(". ").append(sentence(d.rationale()));
      }
      if (d.requestReason() != null) {
        text.append(d.rationale() != null ? " " : ". ").append("The MIG's reason: ").append(d.requestReason());
      }
      text.append('\n');
    }
    section(text, "MIGs established", c.established().stream()
        .map(m -> m.migName() + " (" + formats.date(m.date()) + ")").toList());
    section(text, "MIGs renewed", c.renewed().stream()
        .map(m -> m.migName() + " (" + formats.date(m.date()) + ")").toList());
    section(text, "MIGs disbanded", c.disbanded().stream()
        .map(m -> m.migName() + " (" + formats.date(m.date()) + ", " + disbandReason(m.disbandReason()) + ")").toList());
    section(text, "MIGs transitioned", c.transitioned().stream()
        .map(m -> m.migName() + " (" + formats.date(m.date()) + ", to " + m.transitionedTo() + ")").toList());
    section(text, "Annual reports overdue", c.overdueReports().stream()
        .map(r -> r.migName() + " (due " + formats.date(r.dueDate()) + (r.extra() ? ", extra report" : "") + ")")
        .toList());
    return shortened(text.toString().strip(), report.conferenceId());
  }

  /** The text as a sentence: with a full stop unless it ends with one (or ? or !). */
  private static String sentence(String text) {
    return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
  }

  static String shortened(String text, String conferenceId) {
    return TaskOutputs.fitted(text, length -> "the whole report has " + length + " characters; Council sees it"
        + " all once it is published (/council/reports/" + conferenceId + ")");
  }

  private static void section(StringBuilder text, String title, List<String> lines) {
    text.append('\n').append(title).append(" (").append(lines.size()).append(")")
        .append(lines.isEmpty() ? ": none\n" : ":\n");
    lines.forEach(line -> text.append("- ").append(line).append('\n'));
  }

  /** "petition to establish", "disband request", ... as Council reads it. */
  public static String subject(CooDecisions.Subject subject) {
    return switch (subject) {
      case ESTABLISH -> "petition to establish";
      case RENEW -> "re-petition (renewal)";
      case DISBAND -> "request to disband";
      case TRANSITION -> "request to transition";
      case RENAME -> "request to rename";
    };
  }

  /** NOT_RENEWED and REQUESTED as Council reads them. */
  public static String disbandReason(String reason) {
    if (reason == null) {
      return "reason not recorded";
    }
    return switch (reason) {
      case "NOT_RENEWED" -> "term ended without renewal";
      case "REQUESTED" -> "at its own request";
      default -> reason;
    };
  }

  private CouncilReport report(String conferenceId) {
    return reports.find(conferenceId)
        .orElseThrow(() -> new IllegalStateException("no COO report for conference " + conferenceId));
  }
}
