package org.ala.mig.mail;

/** Who a mail goes to; the addresses come from the MIG record or from {@code mig.mail.*}. */
public enum Audience {
  /** the MIG's designated organizers (or the organizers of the petition at hand) */
  ORGANIZERS,
  /** the MIG's HQ staff liaison */
  STAFF_LIAISON,
  MEMBER_PROGRAMS,
  CONFERENCE_SERVICES,
  COO_CHAIR,
  COUNCIL,
  /** the one address a mail was asked for (a sign-in link) */
  REQUESTER,
  /** the office a user task belongs to, given with the mail (task-overdue): one of mig.mail.* */
  OFFICE
}
