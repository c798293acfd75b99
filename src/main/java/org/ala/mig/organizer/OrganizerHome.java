package org.ala.mig.organizer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.lifecycle.MigRequest;
import org.ala.mig.lifecycle.MigRequestService;
import org.ala.mig.lifecycle.MigStanding;
import org.ala.mig.lifecycle.MigStanding.Standing;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.petition.Petition;
import org.ala.mig.petition.PetitionKind;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.reporting.AnnualReport;
import org.ala.mig.reporting.AnnualReportRound;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions.Decision;
import org.ala.mig.reporting.CooDecisions.Subject;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * What an organizer's home page ({@code /my}) shows of each MIG they organize: where it stands,
 * every deadline to come (computed from the deadline calendar and the MIG's reports, never
 * written down), its open requests (the lifecycle's user tasks, the reports awaiting COO's review
 * and a re-petition before COO), COO's decisions on its requests, its reports, and the mails the
 * organizers were sent. The engine is read as the application (an organizer is no engine user);
 * the page decides who may see which MIG.
 */
@Service
public class OrganizerHome {

  /** The newest mails shown per MIG. */
  public static final int MAILS_SHOWN = 50;

  /** What a request of the MIG is about. */
  public enum RequestKind {
    ANNUAL_REPORT, RE_PETITION, MEETING_SPACE, SUPPORT_ITEM, BUDGET, DISBAND, TRANSITION
  }

  /** What a deadline is, for the page to mark it. */
  public enum DeadlineKind {
    REPORT_DUE, REPORT_REMINDER, REPORT_OVERDUE_NOTICE, RENEWAL_REMINDER, TERM_END, REQUEST_DUE
  }

  /**
   * A date to come and what happens on it.
   *
   * @param detail who is told or what follows; may be null
   */
  public record Deadline(LocalDate date, DeadlineKind kind, String what, String detail) {}

  /**
   * A request of the MIG that someone still has to deal with.
   *
   * @param handledBy who deals with it, in words
   * @param since when it was made or arrived; null when unknown
   * @param due when the one handling it should be done; null when the task has no due date
   */
  public record OpenRequest(RequestKind kind, String title, String details, String handledBy, Instant since,
      Instant due) {}

  /** COO's decision on one of the MIG's requests to disband or to transition. */
  public record DecidedRequest(RequestKind kind, String title, boolean approved, String outcome,
      LocalDate decidedOn) {}

  /** A mail of the MIG's that went to its organizers, as the page lists it: never its text. */
  public record OrganizerMail(long id, String template, String subject, Instant createdAt, Instant sentAt,
      String status) {}

  /**
   * One MIG as its organizers see it.
   *
   * @param standing where it stands, with the next report due counting only reports still owed
   * @param you the organizer row of the signed-in address; null when it is not one of them
   * @param renewalFiled whether a re-petition is before COO (or approved, its years not yet added)
   * @param renewalWindowOpens the first day a re-petition is accepted (mig.petition.renewal-window
   *     before the term's last day); null without a term
   * @param renewalWindowOpen whether that day has come
   */
  public record MigHome(Mig mig, Standing standing, Organizer you, List<Deadline> deadlines,
      List<OpenRequest> openRequests, List<DecidedRequest> decided, List<AnnualReport> reports,
      List<OrganizerMail> mails, boolean renewalFiled, LocalDate renewalWindowOpens, boolean renewalWindowOpen,
      List<MigRequest> requests, List<String> formerNames, Map<String, List<AnnualReportRound>> rounds) {

    /** The reports COO returned, which the organizers may resubmit. */
    public List<AnnualReport> returnedReports() {
      return reports.stream().filter(r -> "RETURNED".equals(r.status())).toList();
    }

    /** The rounds of one report (what was submitted and COO's review each time), first first. */
    public List<AnnualReportRound> roundsOf(String reportId) {
      return rounds.getOrDefault(reportId, List.of());
    }

    /** The reports the MIG still owes, earliest due first. */
    public List<AnnualReport> awaitedReports() {
      return reports.stream().filter(r -> AnnualReport.AWAITED.equals(r.status())).toList();
    }

    /** Whether the MIG owes reports: active, or active while its re-petition is decided. */
    public boolean owesReports() {
      return mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING;
    }

    /** Whether the MIG may ask for support, to disband or to transition: only while active. */
    public boolean mayRequest() {
      return mig.status() == MigStatus.ACTIVE;
    }
  }

  private final MigDirectory migs;
  private final MigStanding standing;
  private final AnnualReportService reports;
  private final CooDecisionService decisions;
  private final PetitionService petitions;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final MigRequestService requests;

  public OrganizerHome(MigDirectory migs, MigStanding standing, AnnualReportService reports,
      CooDecisionService decisions, PetitionService petitions, MailService mail, DeadlineCalendar calendar,
      TaskService tasks, RuntimeService runtime, IdentityService identity, MigRequestService requests) {
    this.requests = requests;
    this.migs = migs;
    this.standing = standing;
    this.reports = reports;
    this.decisions = decisions;
    this.petitions = petitions;
    this.mail = mail;
    this.calendar = calendar;
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Every MIG this address organizes, by name. */
  public List<MigHome> of(String email) {
    return migs.idsOrganizedBy(normalize(email)).stream().map(id -> of(id, email))
        .sorted(Comparator.comparing(h -> h.mig().name(), String.CASE_INSENSITIVE_ORDER)).toList();
  }

  /**
   * One MIG as its organizers see it; {@code email} picks out the organizer row of the one who
   * looks ({@link MigHome#you()}), and may be null for staff.
   */
  public MigHome of(String migId, String email) {
    Mig mig = migs.get(migId);
    List<AnnualReport> reportList = reports.forMig(migId);
    List<Petition> petitionList = petitions.forMig(migId);
    boolean renewalFiled = petitionList.stream()
        .anyMatch(p -> p.kind() == PetitionKind.RENEW && "OPEN".equals(p.status()));
    Standing now = standing.of(mig);
    Standing shown = new Standing(nextReportDue(mig, reportList), now.reportOverdueSince(), now.termEndedOn(),
        now.awaiting());
    List<OpenRequest> open = openRequests(mig, reportList, petitionList);
    Organizer you = email == null ? null : mig.organizers().stream()
        .filter(o -> o.email() != null && normalize(o.email()).equals(normalize(email))).findFirst().orElse(null);
    return new MigHome(mig, shown, you, deadlines(mig, shown, reportList, renewalFiled, open), open,
        decided(migId), reportList, mailsToOrganizers(mig), renewalFiled,
        mig.termEnd() == null ? null : calendar.renewalWindowOpens(mig.termEnd()),
        mig.termEnd() != null && calendar.renewalWindowOpen(mig.termEnd()), requests.forMig(migId),
        migs.formerNames(migId), reports.withRounds(migId, reportList).stream()
            .collect(Collectors.toMap(r -> r.report().id(), AnnualReportService.ReportWithRounds::rounds)));
  }

  /** The MIG's newest open request of this kind, if there is one (to say what happens next). */
  public Optional<OpenRequest> latestOpen(String migId, RequestKind kind) {
    return of(migId, null).openRequests().stream().filter(r -> r.kind() == kind)
        .max(Comparator.comparing(r -> r.since() == null ? Instant.MIN : r.since()));
  }

  // --- the next report ---------------------------------------------------------------------------

  /**
   * The next report due, today or later: the earliest one awaited, or the next August 1 whose
   * yearly report the MIG owes and has not sent yet (a report received before its due date is
   * not due any more). Null when the MIG owes none.
   */
  LocalDate nextReportDue(Mig mig, List<AnnualReport> reportList) {
    if ((mig.status() != MigStatus.ACTIVE && mig.status() != MigStatus.RENEWAL_PENDING) || mig.termStart() == null) {
      return null;
    }
    LocalDate today = calendar.today();
    LocalDate next = reportList.stream().filter(r -> AnnualReport.AWAITED.equals(r.status()))
        .map(AnnualReport::dueDate).filter(d -> !d.isBefore(today)).min(Comparator.naturalOrder()).orElse(null);
    if (mig.termEnd() == null || !mig.termEnd().isBefore(today)) {
      LocalDate august = calendar.nextAnnualReportDue(mig.termStart(), today);
      while (sentAlready(reportList, august)) {
        august = calendar.nextAnnualReportDue(mig.termStart(), august.plusDays(1));
      }
      if (next == null || august.isBefore(next)) {
        next = august;
      }
    }
    return next;
  }

  private static boolean sentAlready(List<AnnualReport> reportList, LocalDate yearlyDue) {
    return reportList.stream().anyMatch(r -> !r.extra() && r.dueDate().equals(yearlyDue)
        && !AnnualReport.AWAITED.equals(r.status()));
  }

  // --- deadlines ---------------------------------------------------------------------------------

  /** Every date to come, earliest first: reports and their reminders, the renewal reminders, the term's end. */
  List<Deadline> deadlines(Mig mig, Standing now, List<AnnualReport> reportList, boolean renewalFiled,
      List<OpenRequest> open) {
    List<Deadline> dates = new ArrayList<>();
    LocalDate today = calendar.today();
    if (mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING) {
      List<LocalDate> listed = new ArrayList<>();
      for (AnnualReport r : reportList) {
        if (AnnualReport.AWAITED.equals(r.status()) && !r.dueDate().isBefore(today)) {
          report(dates, mig, r.dueDate(), r.extra(), r.year(), today);
          listed.add(r.dueDate());
        }
      }
      if (now.nextReportDue() != null && !listed.contains(now.nextReportDue())) {
        report(dates, mig, now.nextReportDue(), false, now.nextReportDue().getYear(), today);
      }
      LocalDate termEnd = mig.termEnd();
      if (termEnd != null && !termEnd.isBefore(today)) {
        if (mig.status() == MigStatus.ACTIVE && !renewalFiled) {
          for (long days : LifecycleService.RENEWAL_REMINDERS) {
            LocalDate on = termEnd.minusDays(days);
            if (!on.isBefore(today)) {
              dates.add(new Deadline(on, DeadlineKind.RENEWAL_REMINDER,
                  "Renewal reminder: the term ends in " + days + " days",
                  "a mail to the organizers, copied to the staff liaison, unless a re-petition is filed by then"));
            }
          }
        }
        dates.add(new Deadline(termEnd, DeadlineKind.TERM_END, "The term's last day", renewalFiled
            ? "the re-petition is before COO: the MIG goes on until COO decides on it"
            : "without a re-petition filed by the end of this day, the MIG is disbanded"));
      }
    }
    for (OpenRequest r : open) {
      if (r.due() != null && !calendar.dateOf(r.due()).isBefore(today)) {
        dates.add(new Deadline(calendar.dateOf(r.due()), DeadlineKind.REQUEST_DUE,
            r.handledBy() + " should have dealt with: " + r.title(), null));
      }
    }
    dates.sort(Comparator.comparing(Deadline::date).thenComparing(d -> d.kind().ordinal()));
    return List.copyOf(dates);
  }

  /**
   * A report's due date, with its reminders and the overdue notice still to come. A report due
   * after the term's last day is owed only if the term is renewed: its date is listed, saying so,
   * without the mails that would follow.
   */
  private void report(List<Deadline> dates, Mig mig, LocalDate due, boolean extra, int year, LocalDate today) {
    String name = extra ? "The extra report COO asked for" : "Annual report " + year;
    if (mig.termEnd() != null && due.isAfter(mig.termEnd())) {
      dates.add(new Deadline(due, DeadlineKind.REPORT_DUE, name + " is due",
          "owed only if the term is renewed: it comes after the term's last day"));
      return;
    }
    for (long days : AnnualReportService.REMINDERS) {
      LocalDate on = due.minusDays(days);
      if (!on.isBefore(today)) {
        dates.add(new Deadline(on, DeadlineKind.REPORT_REMINDER, "Reminder: " + name + " is due in " + days + " days",
            "a mail to the organizers, copied to the staff liaison, unless the report has arrived"));
      }
    }
    dates.add(new Deadline(due, DeadlineKind.REPORT_DUE, name + " is due", "by the end of the day"));
    dates.add(new Deadline(due.plusDays(1), DeadlineKind.REPORT_OVERDUE_NOTICE,
        "If " + (extra ? "the extra report" : "the " + year + " report") + " has not arrived: overdue notice",
        "a mail to the organizers, copied to the COO chair and the staff liaison; COO follows it up"
            + " (a late report is still accepted)"));
  }

  // --- requests ----------------------------------------------------------------------------------

  /**
   * The requests still open, oldest first: the lifecycle's user tasks, the reports received and
   * not yet reviewed, and a re-petition before COO.
   */
  List<OpenRequest> openRequests(Mig mig, List<AnnualReport> reportList, List<Petition> petitionList) {
    List<OpenRequest> open = new ArrayList<>();
    Map<String, Instant> reviewDue = SystemAuthentication.run(identity, () -> {
      for (Task task : tasks.createTaskQuery().processDefinitionKey(LifecycleService.PROCESS_KEY)
          .processInstanceBusinessKey(mig.id()).active().list()) {
        OpenRequest request = request(task, tasks.getVariables(task.getId()));
        if (request != null) {
          open.add(request);
        }
      }
      // the business key of a report's process is the report's id
      Map<String, Instant> dueByInstance = tasks.createTaskQuery().processDefinitionKey(AnnualReportService.PROCESS_KEY)
          .processInstanceBusinessKeyLike(mig.id() + ":%").taskDefinitionKey("reviewAnnualReport").active().list()
          .stream().filter(t -> t.getDueDate() != null)
          .collect(Collectors.toMap(Task::getProcessInstanceId, t -> t.getDueDate().toInstant(), (a, b) -> a));
      if (dueByInstance.isEmpty()) {
        return Map.<String, Instant>of();
      }
      return runtime.createProcessInstanceQuery().processInstanceIds(dueByInstance.keySet()).list().stream()
          .collect(Collectors.toMap(ProcessInstance::getBusinessKey, p -> dueByInstance.get(p.getId()), (a, b) -> a));
    });
    for (AnnualReport r : reportList) {
      if (AnnualReport.RECEIVED.equals(r.status())) {
        String title = r.extra() ? "Extra report due " + r.dueDate() : "Annual report " + r.year();
        String details = "Received" + (Boolean.TRUE.equals(r.late()) ? " after its due date, " + r.dueDate() : "")
            + (r.submittedBy() == null ? "" : ", from " + r.submittedBy());
        open.add(new OpenRequest(RequestKind.ANNUAL_REPORT, title, details, "COO reviews it", r.submittedAt(),
            reviewDue.get(r.id())));
      }
    }
    for (Petition p : petitionList) {
      if (p.kind() == PetitionKind.RENEW && "OPEN".equals(p.status())) {
        open.add(new OpenRequest(RequestKind.RE_PETITION, "Re-petition for another three-year term",
            p.signatureCount() + " signatures", "Member Programs and Services verifies the signatures, then COO decides",
            p.submittedAt(), null));
      }
    }
    open.sort(Comparator.comparing(r -> r.since() == null ? Instant.MIN : r.since()));
    return List.copyOf(open);
  }

  /** A lifecycle task as the request it deals with; null for a task that is no request of the MIG. */
  private static OpenRequest request(Task task, Map<String, Object> variables) {
    Instant since = at(task.getCreateTime());
    Instant due = at(task.getDueDate());
    String by = text(variables.get("supportRequestedBy"));
    String asked = by == null ? "" : " (asked by " + by + ")";
    return switch (String.valueOf(task.getTaskDefinitionKey())) {
      case "confirmDisband" -> new OpenRequest(RequestKind.DISBAND, "Request to disband the MIG",
          reason(variables.get("disbandRequestReason"), variables.get("requestedBy")), "COO decides on it", since, due);
      case "decideTransition" -> new OpenRequest(RequestKind.TRANSITION,
          "Request to transition into " + Objects.requireNonNullElse(text(variables.get("targetUnit")), "another unit"),
          reason(variables.get("transitionReason"), variables.get("requestedBy")), "COO decides on it", since, due);
      case "arrangeMeetingSpace" -> new OpenRequest(RequestKind.MEETING_SPACE, "Meeting space",
          text(variables.get("supportDetails")) + asked, "Conference Services arranges it", since, due);
      case "provideSupportItem" -> new OpenRequest(RequestKind.SUPPORT_ITEM, "Support item",
          text(variables.get("supportDetails")) + asked, "HQ staff provide it", since, due);
      case "reviewBudgetRequest" -> new OpenRequest(RequestKind.BUDGET, "Budget request",
          text(variables.get("supportDetails")) + asked, "BARC (Budget Analysis and Review Committee) reviews it",
          since, due);
      default -> null;
    };
  }

  private static String reason(Object reason, Object requestedBy) {
    String why = text(reason);
    String by = text(requestedBy);
    return (why == null ? "" : "Reason: " + why) + (by == null ? "" : (why == null ? "" : " ") + "(asked by " + by + ")");
  }

  /** COO's decisions on the MIG's requests to disband or to transition, newest first. */
  List<DecidedRequest> decided(String migId) {
    List<DecidedRequest> decidedList = new ArrayList<>();
    for (Decision d : decisions.forMig(migId)) {
      if (d.subject() != Subject.DISBAND && d.subject() != Subject.TRANSITION) {
        continue;
      }
      boolean disband = d.subject() == Subject.DISBAND;
      String outcome = (d.approved() ? (disband ? "COO confirmed it" : "COO approved it")
          : (disband ? "COO did not confirm it" : "COO did not approve it"))
          + (d.rationale() == null || d.rationale().isBlank() ? "" : ": " + d.rationale());
      decidedList.add(new DecidedRequest(disband ? RequestKind.DISBAND : RequestKind.TRANSITION,
          disband ? "Request to disband the MIG" : "Request to transition", d.approved(), outcome, d.decidedOn()));
    }
    decidedList.sort(Comparator.comparing(DecidedRequest::decidedOn).reversed());
    return List.copyOf(decidedList);
  }

  // --- mails -------------------------------------------------------------------------------------

  /** The MIG's mails that went to its organizers (as on record now), newest first; never a sign-in link. */
  List<OrganizerMail> mailsToOrganizers(Mig mig) {
    Set<String> organizers = mig.organizers().stream().map(Organizer::email).filter(Objects::nonNull)
        .map(OrganizerHome::normalize).collect(Collectors.toSet());
    return mail.outbox(mig.id(), null, 4 * MAILS_SHOWN).stream()
        .filter(m -> !MailTemplate.SIGN_IN_LINK.id().equals(m.template()))
        .filter(m -> m.to().stream().map(OrganizerHome::normalize).anyMatch(organizers::contains))
        .limit(MAILS_SHOWN)
        .map(m -> new OrganizerMail(m.id(), m.template(), m.subject(), m.createdAt(), m.sentAt(), m.status().name()))
        .toList();
  }

  private static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static Instant at(Date date) {
    return date == null ? null : date.toInstant();
  }
}
