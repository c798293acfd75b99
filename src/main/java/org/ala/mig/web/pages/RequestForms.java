package org.ala.mig.web.pages;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.lifecycle.SupportType;
import org.ala.mig.organizer.OrganizerHome;
import org.ala.mig.organizer.OrganizerHome.OpenRequest;
import org.ala.mig.organizer.OrganizerHome.RequestKind;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.Organizer;
import org.ala.mig.reporting.AnnualReportService;
import org.springframework.stereotype.Component;

/**
 * The forms a MIG files with, on {@code /my} (its organizers) and on its page (COO, MPS and HQ
 * staff): the annual report, a request for support, to transition or to disband, COO's request
 * for an extra report, and an organizer's own postal address. Each goes to the service the API's
 * call goes to. A refusal comes back as {@link Failed}, every problem beside its input (ids
 * {@code {migId}-{form}-{field}}) and nothing stored; a success as {@link Done}, saying what
 * happens next and when.
 */
@Component
class RequestForms {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

  /** The forms, by the name in their input ids. */
  static final String REPORT = "report";
  static final String SUPPORT = "support";
  static final String TRANSITION = "transition";
  static final String DISBAND = "disband";
  static final String RENAME = "rename";
  static final String ADDRESS = "address";
  static final String EXTRA = "extra";

  /** What a form's POST came to. */
  sealed interface Outcome permits Done, Failed {}

  /** Stored: what it was, and what happens next. */
  record Done(String migId, String title, String message) implements Outcome {}

  /** Refused: the problems beside their inputs, and what was typed, to show the form again. */
  record Failed(String migId, String form, String where, FormErrors errors, Map<String, String> typed)
      implements Outcome {}

  /**
   * What the forms of a page show: empty, or the one form that was refused with its problems
   * and what was typed. Templates ask it for each form by MIG and form name.
   */
  static final class FormState {
    static final FormState NONE = new FormState(null);
    private static final FormErrors NO_ERRORS = new FormErrors();

    private final Failed failed;

    FormState(Failed failed) {
      this.failed = failed;
    }

    public boolean failed() {
      return failed != null;
    }

    /** Whether this form is the one that was refused (it is shown open). */
    public boolean open(String migId, String form) {
      return failed != null && failed.migId().equals(migId) && failed.form().equals(form);
    }

    /** The problems of this form; none unless it is the one that was refused. */
    public FormErrors errors(String migId, String form) {
      return open(migId, form) ? failed.errors() : NO_ERRORS;
    }

    /** The problems of the refused form, for the page's summary. */
    public FormErrors errors() {
      return failed == null ? NO_ERRORS : failed.errors();
    }

    /** Which form of which MIG was refused, in words, for the page's summary. */
    public String where() {
      return failed == null ? null : failed.where();
    }

    /** What was typed into the field of the refused form, or {@code otherwise}. */
    public String value(String migId, String form, String field, String otherwise) {
      return open(migId, form) ? failed.typed().getOrDefault(field, "") : otherwise;
    }
  }

  private final AnnualReportService reports;
  private final LifecycleService lifecycle;
  private final MigDirectory migs;
  private final OrganizerHome home;
  private final ZoneId zone;

  RequestForms(AnnualReportService reports, LifecycleService lifecycle, MigDirectory migs, OrganizerHome home,
      MigProperties properties) {
    this.reports = reports;
    this.lifecycle = lifecycle;
    this.migs = migs;
    this.home = home;
    this.zone = properties.timeZone();
  }

  static String inputId(String migId, String form, String field) {
    return migId + "-" + form + "-" + field;
  }

  // --- the forms ---------------------------------------------------------------------------------

  /** The annual report (or an extra one due that year): year and activities. */
  Outcome report(String migId, String year, String activities, String by) {
    Map<String, String> typed = typed("year", year, "activities", activities);
    FormErrors errors = new FormErrors();
    Integer parsed = null;
    if (!year.isBlank()) {
      try {
        parsed = Integer.valueOf(year.strip());
      } catch (NumberFormatException e) {
        errors.add(inputId(migId, REPORT, "year"), "Year", "must be a year such as 2027, got '" + shorten(year) + "'");
      }
    }
    try {
      if (errors.isEmpty()) {
        AnnualReportService.Receipt receipt = reports.submit(migId, parsed, null, activities, by);
        String what = receipt.reportId().equals(migId + ":" + receipt.year()) ? "Annual report " + receipt.year()
            : "The report due " + DAY.format(receipt.dueDate());
        OrganizerHome.MigHome now = home.of(migId, null);
        LocalDate next = now.standing().nextReportDue();
        LocalDate termEnd = now.mig().termEnd();
        return new Done(migId, what + " received",
            (Boolean.TRUE.equals(receipt.late()) ? "It arrived after its due date, " + DAY.format(receipt.dueDate())
                + "; a late report is still accepted. " : "")
            + "COO reviews it next: it is listed under the open requests until COO has, and COO's review then"
            + " shows beside it under Reports."
            + (next == null ? "" : termEnd != null && next.isAfter(termEnd)
                ? " The next report, due " + DAY.format(next) + ", is owed only if the term is renewed."
                : " The next report is due " + DAY.format(next) + "."));
      }
      // the year could not be read: still name every other problem
      reports.submit(migId, null, null, activities, by);
    } catch (InvalidInputException e) {
      for (FieldProblem p : e.errors()) {
        switch (p.field()) {
          case "year", "dueDate" -> {
            if (parsed != null || year.isBlank()) {
              errors.add(inputId(migId, REPORT, "year"), "Year", p.message());
            }
          }
          case "activities" -> errors.add(inputId(migId, REPORT, "activities"), "Activities", p.message());
          default -> errors.add(inputId(migId, REPORT, "year"), p.field(), p.message());
        }
      }
    } catch (ConflictException e) {
      errors.add(inputId(migId, REPORT, "year"), "Year", e.getMessage());
    }
    return failed(migId, REPORT, errors, typed);
  }

  /** Meeting space, a support item or a budget: type and details. */
  Outcome support(String migId, String type, String details, String amount, String by) {
    Map<String, String> typed = typed("type", type, "details", details, "amount", amount);
    FormErrors errors = new FormErrors();
    try {
      lifecycle.requestSupport(migId, type.isBlank() ? null : type, details, amount(amount), by);
      SupportType kind = SupportType.valueOf(type.strip());
      RequestKind requestKind = RequestKind.valueOf(kind.name());
      String whom = switch (kind) {
        case MEETING_SPACE -> "Conference Services arrange the meeting space";
        case SUPPORT_ITEM -> "HQ staff (the staff liaison's office) provide the item";
        case BUDGET -> "BARC, the Budget Analysis and Review Committee, reviews the budget request";
      };
      String title = switch (kind) {
        case MEETING_SPACE -> "Request for meeting space sent";
        case SUPPORT_ITEM -> "Request for a support item sent";
        case BUDGET -> "Budget request sent";
      };
      return new Done(migId, title, whom + dueOf(migId, requestKind)
          + ". It is listed under the open requests until they have dealt with it.");
    } catch (InvalidInputException e) {
      for (FieldProblem p : e.errors()) {
        switch (p.field()) {
          case "type" -> errors.add(inputId(migId, SUPPORT, "type"), "What you ask for", p.message());
          case "details" -> errors.add(inputId(migId, SUPPORT, "details"), "Details", p.message());
          case "amount" -> errors.add(inputId(migId, SUPPORT, "amount"), "Amount (US dollars)", p.message());
          default -> errors.add(inputId(migId, SUPPORT, "form"), p.field(), p.message());
        }
      }
    } catch (ConflictException e) {
      errors.add(inputId(migId, SUPPORT, "form"), "Request for support", e.getMessage());
    }
    return failed(migId, SUPPORT, errors, typed);
  }

  /** The amount as typed: a number when it reads as one, else the text (refused with its field), or null. */
  private static Object amount(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    try {
      return new java.math.BigDecimal(typed.strip().replace(",", ""));
    } catch (NumberFormatException e) {
      return typed.strip();
    }
  }

  /** A request to COO for another place in the ALA structure: the unit and why. */
  Outcome transition(String migId, String targetUnit, String reason, String by) {
    Map<String, String> typed = typed("targetUnit", targetUnit, "reason", reason);
    FormErrors errors = new FormErrors();
    try {
      lifecycle.requestTransition(migId, targetUnit, reason, by);
      return new Done(migId, "Request to transition into " + targetUnit.strip() + " sent",
          "COO decides on it" + dueOf(migId, RequestKind.TRANSITION) + ". Until then the MIG goes on as it is, and"
              + " it cannot ask to disband or to transition again. If COO approves, the MIG becomes part of "
              + targetUnit.strip() + " and its status TRANSITIONED; COO's decision shows here under Decisions.");
    } catch (InvalidInputException e) {
      for (FieldProblem p : e.errors()) {
        switch (p.field()) {
          case "targetUnit" -> errors.add(inputId(migId, TRANSITION, "targetUnit"), "Unit to join", p.message());
          case "reason" -> errors.add(inputId(migId, TRANSITION, "reason"), "Reason", p.message());
          default -> errors.add(inputId(migId, TRANSITION, "form"), p.field(), p.message());
        }
      }
    } catch (ConflictException e) {
      errors.add(inputId(migId, TRANSITION, "form"), "Request to transition", e.getMessage());
    }
    return failed(migId, TRANSITION, errors, typed);
  }

  /** A request to COO to rename the MIG: the new name and why. */
  Outcome rename(String migId, String newName, String reason, String by) {
    Map<String, String> typed = typed("newName", newName, "reason", reason);
    FormErrors errors = new FormErrors();
    try {
      lifecycle.requestRename(migId, newName, reason, by);
      return new Done(migId, "Request to rename the MIG “" + newName.strip() + "” sent",
          "COO decides on it. Until then the MIG keeps its name; it cannot ask to disband, to transition or to be"
              + " renamed again meanwhile. If COO approves, the MIG keeps its id and its current name is kept as a"
              + " former name. The outcome shows here under Requests, and the organizers get a mail.");
    } catch (InvalidInputException e) {
      for (FieldProblem p : e.errors()) {
        switch (p.field()) {
          case "newName" -> errors.add(inputId(migId, RENAME, "newName"), "New name", p.message());
          case "reason" -> errors.add(inputId(migId, RENAME, "reason"), "Reason", p.message());
          default -> errors.add(inputId(migId, RENAME, "form"), p.field(), p.message());
        }
      }
    } catch (ConflictException e) {
      errors.add(inputId(migId, RENAME, "form"), "Request to rename", e.getMessage());
    }
    return failed(migId, RENAME, errors, typed);
  }

  /** A request to COO to disband the MIG: why. */
  Outcome disband(String migId, String reason, String by) {
    Map<String, String> typed = typed("reason", reason);
    FormErrors errors = new FormErrors();
    try {
      lifecycle.requestDisband(migId, reason, by);
      return new Done(migId, "Request to disband sent",
          "COO decides on it" + dueOf(migId, RequestKind.DISBAND) + ". Until then the MIG goes on as it is. If COO"
              + " confirms it, the MIG is disbanded and its organizers, Member Programs and Services and Conference"
              + " Services get the mail “MIG disbanded”; COO's decision shows here under Decisions.");
    } catch (InvalidInputException e) {
      for (FieldProblem p : e.errors()) {
        errors.add(inputId(migId, DISBAND, "reason".equals(p.field()) ? "reason" : "form"), "Reason", p.message());
      }
    } catch (ConflictException e) {
      errors.add(inputId(migId, DISBAND, "form"), "Request to disband", e.getMessage());
    }
    return failed(migId, DISBAND, errors, typed);
  }

  /** COO asks for an extra report due on a date. */
  Outcome extraReport(String migId, String dueDate, String by) {
    Map<String, String> typed = typed("dueDate", dueDate);
    FormErrors errors = new FormErrors();
    String id = inputId(migId, EXTRA, "dueDate");
    LocalDate due = null;
    if (!dueDate.isBlank()) {
      try {
        due = LocalDate.parse(dueDate.strip());
      } catch (DateTimeParseException e) {
        errors.add(id, "Due date", "must be a date as YYYY-MM-DD, got '" + shorten(dueDate) + "'");
        return failed(migId, EXTRA, errors, typed);
      }
    }
    try {
      AnnualReportService.Receipt receipt = reports.requestExtra(migId, due, by);
      return new Done(migId, "Extra report requested, due " + DAY.format(receipt.dueDate()),
          "The organizers get the reminder mail 30 and 7 days before " + DAY.format(receipt.dueDate())
              + " (those still to come), and an overdue notice the day after if it has not arrived. It is listed"
              + " under Timeline.");
    } catch (InvalidInputException e) {
      e.errors().forEach(p -> errors.add(id, "Due date", p.message()));
    } catch (ConflictException e) {
      errors.add(id, "Due date", e.getMessage());
    }
    return failed(migId, EXTRA, errors, typed);
  }

  /** An organizer corrects their own postal address on record for this MIG. */
  Outcome address(String migId, String email, String address) {
    Map<String, String> typed = typed("address", address);
    FormErrors errors = new FormErrors();
    try {
      Organizer now = migs.correctOrganizerAddress(migId, email, address);
      return new Done(migId, "Postal address changed",
          "Your postal address on record for this MIG is now: " + now.address().replaceAll("\\s*\\R\\s*", ", ")
              + ". COO and Member Programs and Services see it from now on; the other organizers' addresses are"
              + " as they were.");
    } catch (InvalidInputException e) {
      e.errors().forEach(p -> errors.add(inputId(migId, ADDRESS, "address"), "Postal address", p.message()));
    }
    return failed(migId, ADDRESS, errors, typed);
  }

  // ---------------------------------------------------------------------------------------------

  /** The forms' names, as their summaries on the page say them. */
  private static final Map<String, String> TITLES = Map.of(REPORT, "File the annual report",
      SUPPORT, "Ask for meeting space, a support item or a budget", TRANSITION, "Ask COO for another place in ALA",
      DISBAND, "Ask COO to disband the MIG", EXTRA, "Request an extra report", ADDRESS, "Correct your postal address",
      RENAME, "Ask COO to rename the MIG");

  private Failed failed(String migId, String form, FormErrors errors, Map<String, String> typed) {
    String name = migs.find(migId).map(Mig::name).orElse(migId);
    return new Failed(migId, form, "“" + TITLES.get(form) + "” for " + name, errors, typed);
  }

  /** ", by {date}" when the task that deals with the request has a due date. */
  private String dueOf(String migId, RequestKind kind) {
    Optional<OpenRequest> open = home.latestOpen(migId, kind);
    return open.filter(r -> r.due() != null)
        .map(r -> " by " + DAY.format(r.due().atZone(zone).toLocalDate())).orElse("");
  }

  private static Map<String, String> typed(String... namesAndValues) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      typed.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
    }
    return typed;
  }

  private static String shorten(String value) {
    String s = value.strip();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
