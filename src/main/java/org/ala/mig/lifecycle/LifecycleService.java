package org.ala.mig.lifecycle;

import java.math.BigDecimal;
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
import org.springframework.transaction.support.TransactionTemplate;

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
  private final MigRequestService requests;
  private final TransactionTemplate transactions;

  public LifecycleService(MigRepository migs, RenewalPetitions petitions, AnnualReportService reports,
      CooDecisionService decisions, MailService mail, DeadlineCalendar calendar, RuntimeService runtime,
      IdentityService identity, Clock clock, MigRequestService requests, TransactionTemplate transactions) {
    this.requests = requests;
    this.transactions = transactions;
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

  /** The largest budget a MIG may ask BARC for, in US dollars. */
  public static final BigDecimal MAX_BUDGET = new BigDecimal("100000");

  /**
   * The MIG asks COO to disband it.
   *
   * @return the request's id
   */
  public String requestDisband(String migId, String reason, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    String why = required(errors, "reason", reason);
    throwIfAny(errors);
    activeMig(migId, "disbanded");
    String requestId = MigRequestService.newId();
    Map<String, Object> variables = new HashMap<>();
    variables.put("disbandRequestReason", why);
    variables.put("requestedBy", requestedBy);
    variables.put("requestId", requestId);
    interrupt("disbandRequested", migId, variables,
        () -> requests.open(requestId, migId, RequestType.DISBAND, why, null, null, requestedBy));
    return requestId;
  }

  /**
   * The MIG asks COO for another place within the ALA structure.
   *
   * @return the request's id
   */
  public String requestTransition(String migId, String targetUnit, String reason, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    String unit = required(errors, "targetUnit", targetUnit, 200, false);
    String why = required(errors, "reason", reason);
    throwIfAny(errors);
    activeMig(migId, "transitioned");
    String requestId = MigRequestService.newId();
    Map<String, Object> variables = new HashMap<>();
    variables.put("targetUnit", unit);
    variables.put("transitionReason", why);
    variables.put("requestedBy", requestedBy);
    variables.put("requestId", requestId);
    interrupt("transitionRequested", migId, variables, () -> requests.open(requestId, migId, RequestType.TRANSITION,
        "To " + unit + ": " + why, null, null, requestedBy));
    return requestId;
  }

  /**
   * The MIG asks COO to rename it: the new name must be free (no other living MIG bears it).
   *
   * @return the request's id
   */
  public String requestRename(String migId, String newName, String reason, String requestedBy) {
    List<FieldProblem> errors = new ArrayList<>();
    String name = required(errors, "newName", newName, 200, false);
    String why = required(errors, "reason", reason);
    if (name != null && org.ala.mig.registry.MigIds.slug(name).isEmpty()) {
      errors.add(new FieldProblem("newName", "must contain letters or digits"));
    }
    throwIfAny(errors);
    Mig mig = activeMig(migId, "renamed");
    if (mig.name().equalsIgnoreCase(name)) {
      throw InvalidInputException.of("newName", "is the MIG's name already");
    }
    nameFree(migId, name);
    String requestId = MigRequestService.newId();
    Map<String, Object> variables = new HashMap<>();
    variables.put("newName", name);
    variables.put("renameReason", why);
    variables.put("requestedBy", requestedBy);
    variables.put("requestId", requestId);
    interrupt("renameRequested", migId, variables, () -> requests.open(requestId, migId, RequestType.RENAME,
        "Rename to \u201c" + name + "\u201d: " + why, null, name, requestedBy));
    return requestId;
  }

  private void nameFree(String migId, String name) {
    migs.livingMigNamed(name, migId).ifPresent(other -> {
      throw new ConflictException("Another MIG is named '" + name + "' (id " + other + ")");
    });
  }

  /**
   * Whether COO may approve renaming the MIG to {@code newName} now: null when it may, else why
   * not (another MIG took the name meanwhile).
   */
  public String renameRefusal(String migId, String newName) {
    return migs.livingMigNamed(newName, migId).map(other -> "another MIG is now named '" + newName + "' (id "
        + other + "): decline the request").orElse(null);
  }

  /** COO approved the rename: the MIG keeps its id and takes the new name; the old one is kept. */
  public void rename(String migId, String newName) {
    Mig mig = mig(migId);
    if (mig.name().equals(newName)) {
      log.info("MIG {} is named '{}' already", migId, newName);
      return;
    }
    migs.rename(migId, newName);
    log.info("MIG {} renamed from '{}' to '{}'", migId, mig.name(), newName);
  }

  /**
   * The MIG asks for meeting space, a support item or budget; the term runs on. A BUDGET request
   * carries {@code amount}, in US dollars: a number above 0 and at most 100,000 (what the caller
   * sent, a {@link BigDecimal} when it was a number).
   *
   * @return the request's id
   */
  public String requestSupport(String migId, String type, String details, Object amount, String requestedBy) {
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
    BigDecimal dollars = null;
    if (kind == SupportType.BUDGET) {
      dollars = budget(errors, amount);
    } else if (kind != null && amount != null) {
      errors.add(new FieldProblem("amount", "only a BUDGET request has an amount"));
    }
    throwIfAny(errors);
    activeMig(migId, "supported");
    String requestId = MigRequestService.newId();
    Map<String, Object> variables = new HashMap<>();
    variables.put("supportType", kind.name());
    variables.put("supportDetails", dollars == null ? what
        : "Amount: USD " + String.format(java.util.Locale.US, "%,.2f", dollars) + "\n" + what);
    variables.put("supportRequestedBy", requestedBy);
    variables.put("requestId", requestId);
    if (dollars != null) {
      variables.put("budgetAmount", dollars.doubleValue());
    }
    RequestType requestType = RequestType.valueOf(kind.name());
    BigDecimal amountStored = dollars;
    interrupt("supportRequested", migId, variables,
        () -> requests.open(requestId, migId, requestType, what, amountStored, null, requestedBy));
    return requestId;
  }

  private static BigDecimal budget(List<FieldProblem> errors, Object amount) {
    if (amount == null) {
      errors.add(new FieldProblem("amount", "required for a BUDGET request: the amount in US dollars, a number"
          + " above 0 and at most 100,000"));
      return null;
    }
    if (!(amount instanceof BigDecimal dollars)) {
      errors.add(new FieldProblem("amount", "must be a number of US dollars, got '" + amount + "'"));
      return null;
    }
    if (dollars.signum() <= 0) {
      errors.add(new FieldProblem("amount", "must be above 0, got " + dollars.toPlainString()));
      return null;
    }
    if (dollars.compareTo(MAX_BUDGET) > 0) {
      errors.add(new FieldProblem("amount", "at most 100,000 US dollars, got " + dollars.toPlainString()));
      return null;
    }
    if (dollars.scale() > 2 && dollars.stripTrailingZeros().scale() > 2) {
      errors.add(new FieldProblem("amount", "whole cents at most, got " + dollars.toPlainString()));
      return null;
    }
    return dollars.setScale(2, java.math.RoundingMode.UNNECESSARY);
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
   * {@link OptimisticLockingException}: the request (its record and its message) is tried again, in a transaction of its own,
   * up to {@value #ATTEMPTS} times, then refused as a conflict; nothing is half-stored.
   */
  private void interrupt(String message, String migId, Map<String, Object> variables, Runnable record) {
    for (int attempt = 1; ; attempt++) {
      try {
        transactions.executeWithoutResult(status -> {
          record.run();
          SystemAuthentication.run(identity, () -> runtime.createMessageCorrelation(message)
              .processInstanceBusinessKey(migId).setVariables(variables).correlateWithResult());
        });
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
