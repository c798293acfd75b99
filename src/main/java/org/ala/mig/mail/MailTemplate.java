package org.ala.mig.mail;

import static org.ala.mig.mail.Audience.CONFERENCE_SERVICES;
import static org.ala.mig.mail.Audience.COO_CHAIR;
import static org.ala.mig.mail.Audience.COUNCIL;
import static org.ala.mig.mail.Audience.MEMBER_PROGRAMS;
import static org.ala.mig.mail.Audience.OFFICE;
import static org.ala.mig.mail.Audience.ORGANIZERS;
import static org.ala.mig.mail.Audience.REQUESTER;
import static org.ala.mig.mail.Audience.STAFF_LIAISON;

import java.util.List;

/**
 * The mails of CONTRACT.md with their recipients. Each has a text and an HTML Thymeleaf
 * template under {@code templates/mail/}; the first line of the text template is the subject.
 */
public enum MailTemplate {
  PETITION_ACKNOWLEDGED("petition-acknowledged", List.of(ORGANIZERS), List.of(MEMBER_PROGRAMS)),
  SIGNATURES_INSUFFICIENT("signatures-insufficient", List.of(ORGANIZERS), List.of(MEMBER_PROGRAMS)),
  PETITION_APPROVED("petition-approved", List.of(ORGANIZERS), List.of(MEMBER_PROGRAMS)),
  PETITION_DISAPPROVED("petition-disapproved", List.of(ORGANIZERS), List.of(MEMBER_PROGRAMS)),
  CONFERENCE_SERVICES_NOTIFIED("conference-services-notified", List.of(CONFERENCE_SERVICES), List.of(MEMBER_PROGRAMS)),
  RENEWAL_REMINDER("renewal-reminder", List.of(ORGANIZERS), List.of(STAFF_LIAISON)),
  TERM_RENEWED("term-renewed", List.of(ORGANIZERS), List.of(STAFF_LIAISON)),
  ANNUAL_REPORT_REMINDER("annual-report-reminder", List.of(ORGANIZERS), List.of(STAFF_LIAISON)),
  ANNUAL_REPORT_OVERDUE("annual-report-overdue", List.of(ORGANIZERS), List.of(COO_CHAIR, STAFF_LIAISON)),
  MIG_DISBANDED("mig-disbanded", List.of(ORGANIZERS), List.of(MEMBER_PROGRAMS, CONFERENCE_SERVICES)),
  COUNCIL_REPORT("council-report", List.of(COUNCIL), List.of(COO_CHAIR)),
  SIGN_IN_LINK("sign-in-link", List.of(REQUESTER), List.of()),
  /** To the roster address of a member who signed a petition draft: the link that confirms it. */
  SIGNATURE_CONFIRMATION("signature-confirmation", List.of(REQUESTER), List.of()),
  /** To the roster address of a member who signed but is not in good standing: why it cannot count. */
  SIGNATURE_NOT_COUNTED("signature-not-counted", List.of(REQUESTER), List.of()),
  /** To a draft's organizers, once, when its confirmed signatures reach the required number. */
  PETITION_READY("petition-ready", List.of(ORGANIZERS), List.of()),
  /** A request of the MIG was decided: the outcome with the decider's notes (step 12). */
  REQUEST_DECIDED("request-decided", List.of(ORGANIZERS), List.of(STAFF_LIAISON)),
  /** COO returned an annual report: the reviewer's notes, and how to resubmit it (step 12). */
  ANNUAL_REPORT_RETURNED("annual-report-returned", List.of(ORGANIZERS), List.of(STAFF_LIAISON)),
  /**
   * To the office of a user task still open at its due date, once per task: about a MIG, or about
   * a conference (the COO report to Council), so the MIG is optional.
   */
  TASK_OVERDUE("task-overdue", List.of(OFFICE), List.of());

  private final String id;
  private final List<Audience> to;
  private final List<Audience> cc;

  MailTemplate(String id, List<Audience> to, List<Audience> cc) {
    this.id = id;
    this.to = to;
    this.cc = cc;
  }

  /** The template id of the contract, e.g. {@code petition-acknowledged}. */
  public String id() {
    return id;
  }

  public List<Audience> to() {
    return to;
  }

  public List<Audience> cc() {
    return cc;
  }

  /**
   * Whether the mail is about one MIG of the registry (all but the Council report, the sign-in link,
   * the mails of a petition draft, whose MIG does not exist yet, and the overdue task, which may be
   * about a conference).
   */
  public boolean aboutOneMig() {
    return this != COUNCIL_REPORT && this != SIGN_IN_LINK && this != TASK_OVERDUE && !aboutADraft();
  }

  /** The mails of a petition draft: they name it by {@code migName}, since the MIG may not exist yet. */
  public boolean aboutADraft() {
    return this == SIGNATURE_CONFIRMATION || this == SIGNATURE_NOT_COUNTED || this == PETITION_READY;
  }
}
