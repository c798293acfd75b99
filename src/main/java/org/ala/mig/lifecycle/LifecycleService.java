package org.ala.mig.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.TextRules;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules of a MIG's life after its establishment, for the steps of {@code mig-lifecycle} and
 * for the requests a MIG sends COO. The model decides the order; this class decides what each
 * step does, and is the only place that correlates the lifecycle's messages.
 */
@Service
public class LifecycleService {

  public static final String PROCESS_KEY = "mig-lifecycle";

  /** Renewal reminders, in days before the term's last day, earliest first (the model's timers). */
  public static final List<Long> RENEWAL_REMINDERS = List.of(90L, 30L);

  static final int MAX_TEXT = 4000;

  /** How often a request to the lifecycle is tried when a step of it ran at the same moment. */
  static final int ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(LifecycleService.class);

  private final MigRepository migs;
  private final RenewalPetitions petitions;
  private final AnnualReportService reports;
  private final CooDecisionService decisions;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Clock clock;

  public LifecycleService(MigRepository migs, RenewalPetitions petitions, AnnualReportService reports,
      CooDecisionService decisions, MailService mail, DeadlineCalendar calendar, RuntimeService runtime,
      IdentityService identity, Clock clock) {
    this.migs = migs;
    this.petitions = petitions;
    this.reports = reports;
    this.decisions = decisions;
    this.mail = mail;
    this.calendar = calendar;
    this.runtime = runtime;
    this.identity = identity;
    this.clock = clock;
  }

  // --- start and messages from mig-petition --------------------------------------------------

  /**
   * Starts the MIG's lifecycle (business key = MIG id) unless one is running.
   *
   * @return whether one was started
   */
  public boolean start(String migId) {
    Mig mig = mig(migId);
    return SystemAuthentication.run(identity, () -> {
      if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .processInstanceBusinessKey(migId).count() > 0) {
        return false;
      }
      runtime.startProcessInstanceByKey(PROCESS_KEY, migId, Map.of("migId", migId, "migName", mig.name()));
      return true;
    });
  }

  /**
   * The term was extended (an approved re-petition): the running term starts again from the new
   * end, or the MIG waiting for the decision goes on. Call with the MIG's row locked and the term
   * already extended. When the lifecycle waits on neither (COO is considering a disband or
   * transition request), the new end is picked up when the term starts again.
   */
  public void termRenewed(String migId) {
    int reached = correlate("termRenewed", migId);
    log.info("MIG {} renewed; {} lifecycle instance(s) told", migId, reached);
  }

  /** A re-petition was not approved: a MIG whose term ran out while waiting for it is disbanded. */
  public void renewalDisapproved(String migId) {
    migs.lock(migId);
    int reached = correlate("renewalDisapproved", migId);
    log.info("Re-petition of MIG {} not approved; {} lifecycle instance(s) were waiting for it", migId, reached);
  }

  private int correlate(String message, String migId) {
    return SystemAuthentication.run(identity, () -> runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(migId).correlateAllWithResult().size());
  }

  // --- the steps of mig-lifecycle --------------------------------------------------------------

  /**
   * Mails {@code renewal-reminder} {@code daysBefore} days before the term's last day, once per
   * term and reminder. No reminder goes to a MIG that has re-petitioned, nor one that a later
   * reminder has overtaken (the clock moved past it).
   */
  public void sendRenewalReminder(String migId, long daysBefore) {
    Mig mig = mig(migId);
    LocalDate termEnd = mig.termEnd();
    LocalDate today = calendar.today();
    if (mig.status() != MigStatus.ACTIVE) {
      log.info("No renewal reminder for MIG {}: it is {}", migId, mig.status());
      return;
    }
    if (petitions.hasUndecidedRenewal(migId)) {
      log.info("No renewal reminder for MIG {}: its re-petition is before COO", migId);
      return;
    }
    if (calendar.overtaken(termEnd, daysBefore, RENEWAL_REMINDERS)) {
      log.info("No {}-day renewal reminder for MIG {}: overtaken on {} (term ends {})", daysBefore, migId, today,
          termEnd);
      return;
    }
    mail.send(MailRequest.of(MailTemplate.RENEWAL_REMINDER, migId,
            "renewal-reminder/" + migId + "/" + termEnd + "/" + daysBefore)
        .with("daysLeft", ChronoUnit.DAYS.between(today, termEnd))
        .with("renewalWindowOpens", calendar.renewalWindowOpens(termEnd))
        .with("renewalWindowOpen", calendar.renewalWindowOpen(termEnd)));
  }

  /** Opens this year's report, if the MIG owes one that is not open yet. */
  public void openAnnualReport(String migId) {
    reports.openYearly(migId);
  }

  /**
   * At the term's end: was the term extended meanwhile, is a re-petition still undecided, or was
   * nothing filed? Takes the MIG's row lock, held until the step's transaction ends, so that a
   * renewal decision made at the same moment is seen either here or by the waiting lifecycle.
   */
  @Transactional
  public RenewalState renewalState(String migId) {
    migs.lock(migId);
    Mig mig = mig(migId);
    if (calendar.endOfDay(mig.termEnd()).isAfter(clock.instant())) {
      return RenewalState.RENEWED;
    }
    return petitions.hasUndecidedRenewal(migId) ? RenewalState.PENDING : RenewalState.NONE;
  }

  public void markRenewalPending(String migId) {
    migs.setStatus(migId, MigStatus.RENEWAL_PENDING, null);
  }

  /**
   * Disbands the MIG ({@code NOT_RENEWED} or {@code REQUESTED}): status, its open reports end,
   * and the organizers, MPS and Conference Services are told. A term that ran out with nothing
   * filed ends on its last day, even when the step runs later (after a time jump, or a retry); a
   * refused re-petition or a confirmed request ends the MIG on the day of the decision.
   */
  public void disband(String migId, DisbandReason reason, String mailKey) {
    Mig mig = mig(migId);
    LocalDate today = calendar.today();
    boolean renewalRefused = reason == DisbandReason.NOT_RENEWED && petitions.latestRenewalDisapproved(migId);
    LocalDate effective = today;
    if (reason == DisbandReason.NOT_RENEWED && !renewalRefused && mig.termEnd() != null
        && mig.termEnd().isBefore(today)) {
      effective = mig.termEnd();
      if (mig.status() != MigStatus.DISBANDED) {
        reports.openMissedYearly(migId, effective);
      }
    }
    if (mig.status() != MigStatus.DISBANDED) {
      migs.end(migId, MigStatus.DISBANDED, reason.name(), null, effective);
    }
    reports.migEnded(migId);
    mail.send(MailRequest.of(MailTemplate.MIG_DISBANDED, migId, mailKey)
        .with("disbandReason", reason.name())
        .with("renewalRefused", renewalRefused)
        .with("effectiveDate", effective));
  }

  /** COO approved the transition: the MIG becomes part of {@code targetUnit}; its open reports end. */
  public void transition(String migId, String targetUnit) {
    migs.end(migId, MigStatus.TRANSITIONED, null, targetUnit, calendar.today());
    reports.migEnded(migId);
  }

  /**
   * Records COO's decision on a disband or transition request for the report to Council: COO's
   * rationale (null when it gave none) apart from the MIG's reason for its request.
   */
  public void recordDecision(String migId, CooDecisions.Subject subject, boolean approved, String rationale,
      String requestReason, String decidedBy) {
    decisions.recordForRequest(migId, subject, approved, rationale, requestReason, clock.instant(), decidedBy);
  }

  // --- requests from the MIG (REST) -------------------------------------------------------------

  /** The MIG asks COO to disband it. */
  public void requestDisband(String migId, String reason, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    String why = required(errors, "reason", reason);
    throwIfAny(errors);
    activeMig(migId, "disbanded");
    Map<String, Object> variables = new HashMap<>();
    variables.put("disbandRequestReason", why);
    variables.put("requestedBy", requestedBy);
    interrupt("disbandRequested", migId, variables);
  }

  /** The MIG asks COO for another place within the ALA structure. */
  public void requestTransition(String migId, String targetUnit, String reason, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    String unit = required(errors, "targetUnit", targetUnit, 200, false);
    String why = required(errors, "reason", reason);
    throwIfAny(errors);
    activeMig(migId, "transitioned");
    Map<String, Object> variables = new HashMap<>();
    variables.put("targetUnit", unit);
    variables.put("transitionReason", why);
    variables.put("requestedBy", requestedBy);
    interrupt("transitionRequested", migId, variables);
  }

  /** The MIG asks for meeting space, a support item or budget; the term runs on. */
  public void requestSupport(String migId, String type, String details, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    SupportType kind = null;
    if (TextRules.blank(type)) {
      errors.add(new FieldProblem("type", "required: one of MEETING_SPACE, SUPPORT_ITEM, BUDGET"));
    } else {
      try {
        kind = SupportType.valueOf(type.strip());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldProblem("type", "must be one of MEETING_SPACE, SUPPORT_ITEM, BUDGET, got '" + type + "'"));
      }
    }
    String what = required(errors, "details", details);
    throwIfAny(errors);
    activeMig(migId, "supported");
    Map<String, Object> variables = new HashMap<>();
    variables.put("supportType", kind.name());
    variables.put("supportDetails", what);
    variables.put("supportRequestedBy", requestedBy);
    interrupt("supportRequested", migId, variables);
  }

  private Mig activeMig(String migId, String what) {
    Mig mig = migs.get(migId);
    if (mig.status() != MigStatus.ACTIVE) {
      throw new ConflictException("MIG '" + migId + "' is " + mig.status() + ": only an active MIG can be " + what);
    }
    return mig;
  }

  /**
   * Hands a request to the MIG's lifecycle. A step of the lifecycle that ran at the same moment
   * (a timer, the next annual report opening) makes the engine refuse the request whole, with an
   * {@link OptimisticLockingException}: the request is tried again, in a transaction of its own,
   * up to {@value #ATTEMPTS} times, then refused as a conflict; nothing is half-stored.
   */
  private void interrupt(String message, String migId, Map<String, Object> variables) {
    for (int attempt = 1; ; attempt++) {
      try {
        SystemAuthentication.run(identity, () -> runtime.createMessageCorrelation(message)
            .processInstanceBusinessKey(migId).setVariables(variables).correlateWithResult());
        return;
      } catch (MismatchingMessageCorrelationException e) {
        throw new ConflictException("MIG '" + migId + "' cannot take this request now: COO is considering its"
            + " request to disband or to transition, or its term is not running");
      } catch (OptimisticLockingException e) {
        // within a caller's transaction the engine's refusal has spoilt it: no second attempt there
        if (attempt == ATTEMPTS || TransactionSynchronizationManager.isActualTransactionActive()) {
          throw new ConflictException("MIG '" + migId + "' was changed by a step of its lifecycle at the same"
              + " moment; nothing was stored: try again");
        }
        log.info("Request {} for MIG {} met a step of its lifecycle at the same moment; trying again", message, migId);
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("interrupted while trying the request again");
    }
  }

  private static String required(List<FieldProblem> errors, String field, String value) {
    return required(errors, field, value, MAX_TEXT, true);
  }

  private static String required(List<FieldProblem> errors, String field, String value, int max, boolean multiLine) {
    if (TextRules.blank(value)) {
      errors.add(new FieldProblem(field, "required"));
      return null;
    }
    String s = value.strip();
    String problem = TextRules.problem(s, multiLine);
    if (s.length() > max) {
      errors.add(new FieldProblem(field, "at most " + max + " characters, got " + s.length()));
    } else if (problem != null) {
      errors.add(new FieldProblem(field, problem));
    }
    return s;
  }

  private static void throwIfAny(List<FieldProblem> errors) {
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
  }

  private Mig mig(String migId) {
    return migs.find(migId).orElseThrow(() -> new IllegalStateException("no MIG with id " + migId));
  }
}
